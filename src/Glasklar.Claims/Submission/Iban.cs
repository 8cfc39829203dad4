using System.Text.RegularExpressions;

namespace Glasklar.Claims.Submission;

/// <summary>
/// IBAN check by ISO 13616: country code with its registered length, then the mod-97 check digits
/// (ISO 7064 MOD 97-10). No bank lookup: whether the account exists only the bank knows.
/// </summary>
internal static partial class Iban
{
    /// <summary>IBAN lengths per country (SWIFT IBAN registry).</summary>
    internal static readonly IReadOnlyDictionary<string, int> Lengths = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AD"] = 24,
        ["AE"] = 23,
        ["AL"] = 28,
        ["AT"] = 20,
        ["AZ"] = 28,
        ["BA"] = 20,
        ["BE"] = 16,
        ["BG"] = 22,
        ["BH"] = 22,
        ["BR"] = 29,
        ["BY"] = 28,
        ["CH"] = 21,
        ["CR"] = 22,
        ["CY"] = 28,
        ["CZ"] = 24,
        ["DE"] = 22,
        ["DK"] = 18,
        ["DO"] = 28,
        ["EE"] = 20,
        ["EG"] = 29,
        ["ES"] = 24,
        ["FI"] = 18,
        ["FO"] = 18,
        ["FR"] = 27,
        ["GB"] = 22,
        ["GE"] = 22,
        ["GI"] = 23,
        ["GL"] = 18,
        ["GR"] = 27,
        ["GT"] = 28,
        ["HR"] = 21,
        ["HU"] = 28,
        ["IE"] = 22,
        ["IL"] = 23,
        ["IQ"] = 23,
        ["IS"] = 26,
        ["IT"] = 27,
        ["JO"] = 30,
        ["KW"] = 30,
        ["KZ"] = 20,
        ["LB"] = 28,
        ["LC"] = 32,
        ["LI"] = 21,
        ["LT"] = 20,
        ["LU"] = 20,
        ["LV"] = 21,
        ["MC"] = 27,
        ["MD"] = 24,
        ["ME"] = 22,
        ["MK"] = 19,
        ["MR"] = 27,
        ["MT"] = 31,
        ["MU"] = 30,
        ["NL"] = 18,
        ["NO"] = 15,
        ["PK"] = 24,
        ["PL"] = 28,
        ["PS"] = 29,
        ["PT"] = 25,
        ["QA"] = 29,
        ["RO"] = 24,
        ["RS"] = 22,
        ["SA"] = 24,
        ["SC"] = 31,
        ["SE"] = 24,
        ["SI"] = 19,
        ["SK"] = 24,
        ["SM"] = 27,
        ["ST"] = 25,
        ["SV"] = 28,
        ["TL"] = 23,
        ["TN"] = 24,
        ["TR"] = 26,
        ["UA"] = 29,
        ["VA"] = 22,
        ["VG"] = 24,
        ["XK"] = 20,
    };

    /// <summary>Upper case without spaces; what is stored and compared.</summary>
    public static string Normalise(string value) => new string(value.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();

    /// <summary>Null when valid, else the German reason.</summary>
    public static string? Check(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "Bitte geben Sie die IBAN an.";
        }

        var iban = Normalise(value);
        if (!Shape().IsMatch(iban))
        {
            return "Die IBAN besteht aus einem Ländercode, zwei Prüfziffern und der Kontokennung (nur Buchstaben und Ziffern).";
        }

        if (!Lengths.TryGetValue(iban[..2], out var length))
        {
            return $"Für das Land „{iban[..2]}“ ist keine IBAN bekannt.";
        }

        if (iban.Length != length)
        {
            return $"Eine IBAN aus {iban[..2]} hat {length} Stellen, angegeben wurden {iban.Length}.";
        }

        return Mod97(iban) == 1 ? null : "Die Prüfziffern der IBAN stimmen nicht. Bitte prüfen Sie die Eingabe.";
    }

    /// <summary>ISO 7064 MOD 97-10 over the rearranged IBAN (letters as 10..35), digit by digit.</summary>
    internal static int Mod97(string iban)
    {
        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            var value = char.IsDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value >= 10 ? ((remainder * 100) + value) % 97 : ((remainder * 10) + value) % 97;
        }

        return remainder;
    }

    [GeneratedRegex("^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")]
    private static partial Regex Shape();
}

/// <summary>BIC (ISO 9362): 4 letters bank, 2 letters country, 2 location, optional 3 branch.</summary>
internal static partial class Bic
{
    public static string Normalise(string value) => Iban.Normalise(value);

    public static string? Check(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null; // optional within SEPA
        }

        var bic = Normalise(value);
        if (!Shape().IsMatch(bic))
        {
            return "Der BIC hat 8 oder 11 Stellen: 4 Buchstaben (Bank), 2 Buchstaben (Land), 2 Zeichen (Ort), optional 3 Zeichen (Filiale).";
        }

        return Iban.Lengths.ContainsKey(bic.Substring(4, 2)) || bic.Substring(4, 2) is "US" or "CA" or "JP" or "CN" or "AU"
            ? null
            : $"Der Ländercode „{bic.Substring(4, 2)}“ im BIC ist unbekannt.";
    }

    [GeneratedRegex("^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")]
    private static partial Regex Shape();
}
