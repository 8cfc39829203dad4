namespace Glasklar.Privacy.TextGuard;

/// <summary>Checks German free text for special-category (GDPR Art. 9) and unnecessary personal data (promise X3).</summary>
public interface ITextGuard
{
    TextCheckResult Check(string text);
}

/// <summary>
/// Outcome of a check. <see cref="Special"/> is true iff an Art. 9 category was found; the other
/// categories (IBAN, e-mail, ...) are warnings. <see cref="Suggestion"/> is neutral replacement wording, or null.
/// </summary>
public sealed record TextCheckResult(
    string Text,
    bool Special,
    IReadOnlyList<string> Categories,
    IReadOnlyList<TextFinding> Findings,
    string? Suggestion);

/// <summary>One flagged span; <see cref="Start"/> and <see cref="Length"/> are UTF-16 offsets into the checked text.</summary>
public sealed record TextFinding(string Category, int Start, int Length, string Match);
