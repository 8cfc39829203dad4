using Microsoft.AspNetCore.DataProtection;

namespace Glasklar.Telematics.Contracts;

/// <summary>
/// Encryption at rest for the bank details of a telematics contract (ARCHITECTURE.md §2: bank details are
/// encrypted with ASP.NET Core Data Protection; one purpose per kind of datum, so a value cannot be moved
/// to another column and decrypted there). Empty stays empty: "no IBAN" is not a secret.
/// </summary>
internal sealed class TelematicsProtector(IDataProtectionProvider provider)
{
    public const string Iban = "Glasklar.Telematics.Iban.v1";

    public string Protect(string purpose, string value) => value.Length == 0 ? "" : provider.CreateProtector(purpose).Protect(value);

    public string Unprotect(string purpose, string value) => value.Length == 0 ? "" : provider.CreateProtector(purpose).Unprotect(value);
}

/// <summary>IBAN check (ISO 13616: country, check digits, mod 97 over the rearranged number) and normal form.</summary>
internal static class IbanFormat
{
    /// <summary>The IBAN without spaces in upper case, or null if it is not a valid IBAN.</summary>
    public static string? Normalise(string input)
    {
        var iban = string.Concat(input.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (iban.Length is < 15 or > 34 || !char.IsAsciiLetter(iban[0]) || !char.IsAsciiLetter(iban[1])
            || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]) || !iban.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = ((remainder * (value >= 10 ? 100 : 10)) + value) % 97;
        }

        return remainder == 1 ? iban : null;
    }
}
