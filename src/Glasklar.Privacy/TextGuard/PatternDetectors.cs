using System.Text.RegularExpressions;

namespace Glasklar.Privacy.TextGuard;

/// <summary>
/// Structured personal data a free-text field never needs (IBAN, e-mail, phone, birth date, KVNR,
/// ID card number). Each pattern is a bounded, source-generated regex; the decision whether a
/// number is e.g. a phone number or a claim number is made by small context checks in code.
/// </summary>
internal static partial class PatternDetectors
{
    // Words that introduce reference numbers (claim, order, policy ...), not personal contact data.
    private static readonly string[] ReferenceWords =
        ["schaden", "vorgang", "auftrag", "vertrag", "police", "versicherungsschein", "vsnr", "vs-nr", "rechnung", "kennzeichen", "aktenzeichen", "iban", "konto", "kto", "blz", "fin", "fahrgestell",
         "kundennr", "kundennummer", "kd-nr", "kdnr", "beleg", "referenz", "ticket", "mitglieds", "artikel", "teilenummer", "bestell", "az."];

    private static readonly string[] BirthWords = ["geb", "jahrgang", "jg.", "jg ", "geburt"];

    private static readonly string[] NotBirthWords =
        ["seit", "vom", "ab ", "bis", "zulassung", "baujahr", "schaden", "vertrag", "beginn", "termin", "rechnung", "eingang", "police", "unfall", "kündig", "kuendig", "frist"];

    public static void Detect(string text, Lexicon lexicon, List<RawFinding> findings)
    {
        var first = findings.Count;
        DetectAll(text, lexicon, findings);

        // Digits inside an IBAN or e-mail address are not a separate phone number or date.
        var containers = findings.Skip(first).Where(f => f.Category is TextCategories.Iban or TextCategories.Email).ToList();
        if (containers.Count > 0)
        {
            findings.RemoveAll(f => f.Category is not (TextCategories.Iban or TextCategories.Email)
                && containers.Any(c => f.Start < c.Start + c.Length && c.Start < f.Start + f.Length));
        }
    }

    private static void DetectAll(string text, Lexicon lexicon, List<RawFinding> findings)
    {
        if (text.Contains('@'))
        {
            foreach (var m in EmailRegex().EnumerateMatches(text))
            {
                findings.Add(new(TextCategories.Email, m.Index, m.Length, null));
            }
        }

        if (!text.AsSpan().ContainsAnyInRange('0', '9'))
        {
            return;
        }

        DetectIbans(text, lexicon, findings);
        foreach (Match m in PhoneRegex().Matches(text))
        {
            var digits = CountDigits(m.ValueSpan);
            if (digits is >= 7 and <= 15 && !Near(text, m.Index, 25, ReferenceWords))
            {
                findings.Add(new(TextCategories.Phone, m.Index, m.Length, null));
            }
        }

        DetectBirthDates(text, findings);
        foreach (var m in KvnrRegex().EnumerateMatches(text))
        {
            if (!Near(text, m.Index, 25, ReferenceWords))
            {
                findings.Add(new(TextCategories.HealthInsuranceNumber, m.Index, m.Length, null));
            }
        }

        foreach (Match context in IdContextRegex().Matches(text))
        {
            var from = context.Index + context.Length;
            var window = text.Substring(from, Math.Min(40, text.Length - from));
            foreach (Match m in IdNumberRegex().Matches(window))
            {
                if (m.ValueSpan.ContainsAnyInRange('0', '9'))
                {
                    findings.Add(new(TextCategories.IdCardNumber, from + m.Index, m.Length, null));
                    break;
                }
            }
        }
    }

    private static void DetectIbans(string text, Lexicon lexicon, List<RawFinding> findings)
    {
        foreach (Match m in IbanRegex().Matches(text))
        {
            // Cut the greedy match to the country's IBAN length; an unknown country or too few characters is no IBAN.
            if (!lexicon.IbanLengths.TryGetValue(m.ValueSpan[..2].ToString().ToUpperInvariant(), out var length))
            {
                continue;
            }

            int seen = 0, digits = 0;
            var end = m.Index;
            while (end < m.Index + m.Length && seen < length)
            {
                if (text[end] != ' ')
                {
                    seen++;
                    digits += char.IsAsciiDigit(text[end]) ? 1 : 0;
                }

                end++;
            }

            // Account numbers are mostly digits; this keeps "es 12 Monate lang ..." from looking like a Spanish IBAN.
            if (seen == length && digits >= length - 10 && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                findings.Add(new(TextCategories.Iban, m.Index, end - m.Index, null));
            }
        }
    }

    private static void DetectBirthDates(string text, List<RawFinding> findings)
    {
        var youngest = DateTime.UtcNow.Year - 16;
        foreach (Match m in DateRegex().Matches(text))
        {
            var year = int.Parse(m.Groups["y"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            var fullYear = m.Groups["y"].Length == 4;
            var context = IsBirthContext(text, m.Index, m.Length);

            // An old full date in a short note is almost always a birth date; contract/claim dates say so ("seit", "vom").
            if (context || (fullYear && year >= 1900 && year <= youngest && !Near(text, m.Index, 30, NotBirthWords)))
            {
                findings.Add(new(TextCategories.BirthDate, m.Index, m.Length, null));
            }
        }

        foreach (Match m in YearRegex().Matches(text))
        {
            if (Near(text, m.Index, 20, ["jahrgang", "jg.", "jg ", "geb.", "geboren", "geburtsjahr"]))
            {
                findings.Add(new(TextCategories.BirthDate, m.Index, m.Length, null));
            }
        }
    }

    private static bool IsBirthContext(string text, int index, int length)
    {
        var before = text.AsSpan(0, index).TrimEnd();
        if (before.EndsWith("*", StringComparison.Ordinal) || Near(text, index, 35, BirthWords))
        {
            return true;
        }

        var after = text.AsSpan(index + length, Math.Min(15, text.Length - index - length));
        return after.Contains("geboren", StringComparison.OrdinalIgnoreCase);
    }

    private static int CountDigits(ReadOnlySpan<char> s)
    {
        var n = 0;
        foreach (var c in s)
        {
            n += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return n;
    }

    private static bool Near(string text, int index, int window, string[] words)
    {
        var start = Math.Max(0, index - window);
        var span = text.AsSpan(start, index - start);
        foreach (var w in words)
        {
            if (span.Contains(w, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z]{2} ?[0-9]{2}(?: ?[A-Za-z0-9]){10,32}", RegexOptions.CultureInvariant)]
    private static partial Regex IbanRegex();

    // International (+49 / 0049 ...) or national with a leading 0 and a non-zero area digit; groups split by space, / or -.
    [GeneratedRegex(@"(?<![\w+.,/\-])(?:(?:\+|00)[1-9][0-9]{0,2}[ /\-]?(?:\(0\) ?)?[0-9]{2,5}|\(?0[1-9][0-9]{1,4}\)?)(?:[ /\-]{0,3}[0-9]{2,}){1,5}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneRegex();

    [GeneratedRegex(@"(?<![0-9.])(?:0?[1-9]|[12][0-9]|3[01])\. ?(?:0?[1-9]|1[0-2])\. ?(?<y>(?:19|20)[0-9]{2}|[0-9]{2})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex DateRegex();

    [GeneratedRegex(@"(?<![0-9.])(?:19|20)[0-9]{2}(?![0-9.])", RegexOptions.CultureInvariant)]
    private static partial Regex YearRegex();

    // Krankenversichertennummer: one capital letter and nine digits (eight plus a check digit).
    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z][0-9]{9}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex KvnrRegex();

    [GeneratedRegex(@"ausweis|perso\b|reisepass|passnummer|pass-nr", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex IdContextRegex();

    // German ID card / passport serial: nine characters from a restricted alphabet (no vowels), optional check digit.
    [GeneratedRegex(@"(?<![A-Za-z0-9])[CFGHJKLMNPRTVWXYZ0-9]{9}[0-9]?(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex IdNumberRegex();
}
