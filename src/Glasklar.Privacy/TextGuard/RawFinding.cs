namespace Glasklar.Privacy.TextGuard;

/// <summary>A finding before de-duplication, with the neutral-wording key of the rule that produced it.</summary>
internal readonly record struct RawFinding(string Category, int Start, int Length, string? Suggest);
