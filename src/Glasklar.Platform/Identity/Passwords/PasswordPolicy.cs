using System.Globalization;
using System.Text;

namespace Glasklar.Platform.Identity.Passwords;

internal enum PasswordRule
{
    TooShort,
    TooLong,
    Common,
    ContainsName,
    ContainsEmail,
    ContainsProductName,
}

internal sealed record PasswordViolation(PasswordRule Rule, string Message);

/// <summary>What the password is checked against besides the common-password list; all parts optional.</summary>
internal sealed record PasswordContext(string? FirstName = null, string? LastName = null, string? Email = null);

/// <summary>
/// Result of <see cref="PasswordPolicy.Check"/>. Hash <see cref="Normalised"/>, never the raw input, and
/// normalise again (<see cref="PasswordPolicy.Normalise"/>) at login, so "Ａ" and "A" are the same password.
/// </summary>
internal sealed record PasswordCheck(string Normalised, IReadOnlyList<PasswordViolation> Violations)
{
    public bool Ok => Violations.Count == 0;
}

/// <summary>
/// Password rules after NIST SP 800-63B (5.1.1.2): length is what counts — at least 12 characters, up to
/// 128 so passphrases fit — and no composition rules (they make passwords predictable, not strong).
/// Instead a password is refused if it is common, or built from the user's own name, e-mail name or the
/// product's name, including the usual disguises (capitals, digits or "!" appended, 4 for a, 0 for o…).
/// Characters are counted after Unicode NFKC normalisation, one per code point, as 800-63B asks.
/// </summary>
internal static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;
    public const string ProductName = "glasklar";

    // Name or e-mail parts shorter than this are too unspecific to refuse (e.g. "Li", "Ng").
    private const int MinContextWordLength = 3;

    public static string Normalise(string password) => password.Normalize(NormalizationForm.FormKC);

    public static PasswordCheck Check(string password, PasswordContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(password);
        context ??= new PasswordContext();

        var normalised = Normalise(password);
        var violations = new List<PasswordViolation>();
        var length = normalised.EnumerateRunes().Count();

        if (length < MinLength)
        {
            violations.Add(new(PasswordRule.TooShort, $"Das Passwort muss mindestens {MinLength} Zeichen lang sein."));
        }

        if (length > MaxLength)
        {
            violations.Add(new(PasswordRule.TooLong, $"Das Passwort darf höchstens {MaxLength} Zeichen lang sein."));
        }

        if (CommonPasswords.IsCommon(normalised))
        {
            violations.Add(new(PasswordRule.Common,
                "Dieses Passwort ist sehr verbreitet und leicht zu erraten. Bitte wählen Sie ein anderes, z. B. einen Satz aus mehreren Wörtern."));
        }

        var forms = PasswordText.ComparisonForms(normalised);
        if (NameParts(context).Any(part => ContainsWord(forms, part)))
        {
            violations.Add(new(PasswordRule.ContainsName, "Das Passwort darf Ihren Vor- oder Nachnamen nicht enthalten."));
        }

        if (EmailParts(context.Email).Any(part => ContainsWord(forms, part)))
        {
            violations.Add(new(PasswordRule.ContainsEmail, "Das Passwort darf den Namen Ihrer E-Mail-Adresse (den Teil vor dem @) nicht enthalten."));
        }

        if (ContainsWord(forms, ProductName))
        {
            violations.Add(new(PasswordRule.ContainsProductName, "Das Passwort darf den Produktnamen „Glasklar“ nicht enthalten."));
        }

        return new PasswordCheck(normalised, violations);
    }

    private static bool ContainsWord(IReadOnlyCollection<string> passwordForms, string word) =>
        PasswordText.ComparisonForms(Normalise(word))
            .Where(w => w.Length >= MinContextWordLength)
            .Any(w => passwordForms.Any(p => p.Contains(w, StringComparison.Ordinal)));

    private static IEnumerable<string> NameParts(PasswordContext context) =>
        new[] { context.FirstName, context.LastName }
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .SelectMany(n => n!.Split([' ', '-', '\'', '’', '.', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(p => p.Length >= MinContextWordLength);

    private static IEnumerable<string> EmailParts(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            yield break;
        }

        var at = email.LastIndexOf('@');
        var local = (at < 0 ? email : email[..at]).Trim();
        if (local.Length >= MinContextWordLength)
        {
            yield return local;
        }

        // "anna.schmidt+versicherung": the single words are just as guessable as the whole.
        foreach (var part in local.Split(['.', '_', '-', '+'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length >= 4 && part != local)
            {
                yield return part;
            }
        }
    }
}

/// <summary>Shared text folding for the common-password and context-word checks.</summary>
internal static class PasswordText
{
    /// <summary>
    /// The forms a password (or a forbidden word) is compared in: lower case without separators, then
    /// "skeletons" where look-alikes collapse (4/@→a, 0→o, 1/l/!/|→i, 3→e, 5/$→s, 7/+→t, 8→b, 9→g) and German
    /// umlauts are spelt out, once with and once without diacritics (Müller = Mueller = Muller).
    /// </summary>
    public static IReadOnlyCollection<string> ComparisonForms(string text)
    {
        var compact = Compact(text.ToLowerInvariant());
        return new HashSet<string>(StringComparer.Ordinal) { Skeleton(compact), Skeleton(RemoveDiacritics(compact)) };
    }

    /// <summary>Removes spaces and the separators people put between words ("ich liebe dich").</summary>
    public static string Compact(string lower)
    {
        var builder = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            if (!char.IsWhiteSpace(c) && c is not ('-' or '_' or '.' or ','))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string Skeleton(string lower)
    {
        var builder = new StringBuilder(lower.Length + 4);
        foreach (var c in lower)
        {
            builder.Append(c switch
            {
                '4' or '@' => "a",
                '0' => "o",
                '1' or 'l' or '!' or '|' => "i",
                '3' => "e",
                '5' or '$' => "s",
                '7' or '+' => "t",
                '8' => "b",
                '9' => "g",
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' => "ss",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    public static string RemoveDiacritics(string text)
    {
        var decomposed = text.Replace("ß", "ss", StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
