using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Glasklar.Privacy.TextGuard;

namespace Glasklar.Referrals.Domain;

/// <summary>A checked field: the normalised value, or a German error message (Sie-form).</summary>
internal readonly record struct FieldCheck(string? Value, string? Error)
{
    public static FieldCheck Ok(string value) => new(value, null);

    public static FieldCheck Fail(string error) => new(null, error);
}

/// <summary>Shape rules of the referral fields, with German messages. Pure functions, no I/O.</summary>
internal static partial class FieldRules
{
    /// <summary>
    /// Kfz-Kennzeichen: district code of 1–3 letters (umlauts allowed), 1–2 letters, 1–4 digits without a
    /// leading zero, optional E (electric) or H (historic), at most 8 characters without separators.
    /// Normalised as "MÜ-AB 123E".
    /// </summary>
    public static FieldCheck LicencePlate(string raw)
    {
        var text = raw.Trim().ToUpper(CultureInfo.GetCultureInfo("de-DE"));
        var match = Plate().Match(text);
        if (!match.Success)
        {
            return FieldCheck.Fail("Bitte geben Sie das Kfz-Kennzeichen wie auf dem Schild an, z. B. „B-AB 123“ oder „MÜ-X 12E“ (Ortskennung, Bindestrich oder Leerzeichen, 1–2 Buchstaben, 1–4 Ziffern ohne führende Null, optional E oder H).");
        }

        var (district, letters, digits, suffix) = (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value, match.Groups[4].Value);
        if (district.Length + letters.Length + digits.Length + suffix.Length > 8)
        {
            return FieldCheck.Fail("Ein Kfz-Kennzeichen hat höchstens 8 Zeichen (ohne Bindestrich und Leerzeichen).");
        }

        return FieldCheck.Ok($"{district}-{letters} {digits}{suffix}");
    }

    /// <summary>
    /// Telefon in German ("030 1234567", "(0171) 123 45 67") or international notation ("+49 30 …", "0049 30 …"),
    /// normalised to E.164 ("+49301234567").
    /// </summary>
    public static FieldCheck Phone(string raw)
    {
        var text = raw.Trim();
        if (text.Length > 30 || !PhoneCharacters().IsMatch(text))
        {
            return FieldCheck.Fail("Bitte geben Sie eine Telefonnummer nur mit Ziffern an, z. B. „030 1234567“ oder „+49 171 1234567“ (Leerzeichen, Bindestrich, Schrägstrich und Klammern sind erlaubt).");
        }

        var plus = text.StartsWith('+');
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        string international;
        if (plus)
        {
            international = digits;
        }
        else if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            international = digits[2..];
        }
        else if (digits.StartsWith('0'))
        {
            international = "49" + digits[1..];
        }
        else
        {
            return FieldCheck.Fail("Bitte geben Sie die Telefonnummer mit Vorwahl an, z. B. „030 1234567“ oder „+49 30 1234567“.");
        }

        // A German "(0)" inside an international number ("+49 (0)30 …") is not dialled.
        if (international.StartsWith("490", StringComparison.Ordinal))
        {
            international = "49" + international[3..];
        }

        if (international.Length is < 8 or > 15 || international[0] == '0')
        {
            return FieldCheck.Fail("Diese Telefonnummer ist zu kurz oder zu lang. Eine vollständige Nummer hat mit Ländervorwahl 8 bis 15 Ziffern.");
        }

        return FieldCheck.Ok("+" + international);
    }

    /// <summary>Versicherungsscheinnummer: 1–35 letters or digits; spaces, hyphens, dots and slashes allowed and dropped.</summary>
    public static FieldCheck PolicyNumber(string raw)
    {
        var text = raw.Trim();
        if (!PolicyCharacters().IsMatch(text))
        {
            return FieldCheck.Fail("Die Versicherungsscheinnummer darf nur Buchstaben, Ziffern und die Trennzeichen Leerzeichen, Bindestrich, Punkt und Schrägstrich enthalten.");
        }

        var normalised = new string(text.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
        return normalised.Length is >= 1 and <= 35
            ? FieldCheck.Ok(normalised)
            : FieldCheck.Fail("Die Versicherungsscheinnummer hat 1 bis 35 Buchstaben oder Ziffern.");
    }

    /// <summary>
    /// Names: letters, spaces, hyphens and apostrophes only; and only the name (A4): a description of the
    /// person ("Meier (schwerhörig)", "Meier, Rollstuhl", "Meier blind") is refused with an explanation.
    /// </summary>
    public static FieldCheck Name(string raw, string label, ITextGuard guard)
    {
        var text = CollapseSpaces(raw.Normalize(NormalizationForm.FormC));
        const string OnlyTheName = "Bitte tragen Sie hier nur den Namen ein. Eigenschaften oder Umstände der Person gehören nicht in das Namensfeld";
        if (text.Length > NameMaxLength)
        {
            return FieldCheck.Fail($"{label}: höchstens {NameMaxLength} Zeichen.");
        }

        if (!NameCharacters().IsMatch(text))
        {
            return FieldCheck.Fail($"{label}: {OnlyTheName} (erlaubt sind Buchstaben, Leerzeichen, Bindestrich und Apostroph).");
        }

        var check = guard.Check(text);
        if (check.Findings.Count > 0)
        {
            var hint = check.Suggestion is { } s ? $" Wenn es für den Termin wichtig ist, schreiben Sie mit Einwilligung neutral in die Zusatzinfo, z. B. „{s}“." : "";
            return FieldCheck.Fail($"{label}: {OnlyTheName}; „{check.Findings[0].Match}“ beschreibt die Person.{hint}");
        }

        return FieldCheck.Ok(text);
    }

    public static FieldCheck Email(string raw)
    {
        var text = raw.Trim();
        return text.Length <= 254 && EmailShape().IsMatch(text)
            ? FieldCheck.Ok(text)
            : FieldCheck.Fail("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. „name@beispiel.de“.");
    }

    public static FieldCheck PostalCode(string raw)
    {
        var text = raw.Trim();
        return GermanPostalCode().IsMatch(text) ? FieldCheck.Ok(text) : FieldCheck.Fail("Eine Postleitzahl hat fünf Ziffern.");
    }

    /// <summary>Short plain text (street, city, vehicle, branch): no line breaks, at most <paramref name="max"/> characters.</summary>
    public static FieldCheck ShortText(string raw, string label, int max = TextMaxLength)
    {
        var text = CollapseSpaces(raw);
        if (text.Length > max)
        {
            return FieldCheck.Fail($"{label}: höchstens {max} Zeichen.");
        }

        return text.Any(char.IsControl) ? FieldCheck.Fail($"{label}: bitte ohne Zeilenumbrüche und Steuerzeichen.") : FieldCheck.Ok(text);
    }

    private const int NameMaxLength = ReferralFields.NameMaxLength;
    private const int TextMaxLength = ReferralFields.TextMaxLength;

    public static string CollapseSpaces(string text) => Spaces().Replace(text.Trim(), " ");

    [GeneratedRegex(@"^([A-ZÄÖÜ]{1,3})(?:-\s*|\s+)([A-Z]{1,2})[\s-]*([1-9][0-9]{0,3})([EH]?)$")]
    private static partial Regex Plate();

    [GeneratedRegex(@"^\+?[0-9 ()/.\-]+$")]
    private static partial Regex PhoneCharacters();

    [GeneratedRegex(@"^[A-Za-z0-9 ./\-]+$")]
    private static partial Regex PolicyCharacters();

    [GeneratedRegex(@"^\p{L}+(?:[ '’\-]\p{L}+)*$")]
    private static partial Regex NameCharacters();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^[0-9]{5}$")]
    private static partial Regex GermanPostalCode();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
