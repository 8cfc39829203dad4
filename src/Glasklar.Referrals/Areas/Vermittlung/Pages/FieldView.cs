using Glasklar.Referrals.Domain;

namespace Glasklar.Referrals.Areas.Vermittlung.Pages;

/// <summary>One form field as the shared partial renders it.</summary>
public sealed record FieldView(string Name, string Label, string Type, string? Value, string? Error, bool Required, bool Optional, int? MaxLength = null, string? Hint = null)
{
    internal IReadOnlyList<Choice>? Choices { get; init; }
}
