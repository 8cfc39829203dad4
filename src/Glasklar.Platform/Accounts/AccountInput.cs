using System.Net.Mail;
using System.Text;

namespace Glasklar.Platform.Accounts;

/// <summary>A bad form field and its German message (Sie-form), for pages and problem details alike.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Checks of what people type into account forms: e-mail addresses and mobile numbers.</summary>
public static class AccountInput
{
    /// <summary>A plain address (local@domain.tld), at most 254 characters; normalised to lower case.</summary>
    public static bool TryNormaliseEmail(string? input, out string email)
    {
        email = "";
        var trimmed = input?.Trim() ?? "";
        if (trimmed.Length is 0 or > User.EmailMaxLength || trimmed.Any(char.IsWhiteSpace)
            || !MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || address.DisplayName.Length > 0
            || !address.Host.Contains('.', StringComparison.Ordinal) || address.Host.EndsWith('.'))
        {
            return false;
        }

        email = User.NormaliseEmail(trimmed);
        return true;
    }

    public const string EmailInvalid = "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.";

    /// <summary>
    /// A mobile number in E.164 (+491701234567). Spaces, dashes, slashes and brackets are ignored; a
    /// national German number (0170 …) becomes +49 170 …; "00" becomes "+".
    /// </summary>
    public static bool TryNormaliseMobile(string? input, out string e164)
    {
        e164 = "";
        var compact = new StringBuilder();
        foreach (var c in input?.Trim() ?? "")
        {
            if (c is ' ' or '-' or '/' or '(' or ')' or '.')
            {
                continue;
            }

            compact.Append(c);
        }

        var text = compact.ToString();
        if (text.StartsWith("00", StringComparison.Ordinal))
        {
            text = "+" + text[2..];
        }
        else if (text.StartsWith('0'))
        {
            text = "+49" + text[1..];
        }

        if (text.Length is < 8 or > 16 || text[0] != '+' || text[1] == '0' || !text[1..].All(char.IsAsciiDigit))
        {
            return false;
        }

        e164 = text;
        return true;
    }

    public const string MobileInvalid = "Bitte geben Sie eine Mobilnummer ein, z. B. 0170 1234567 oder +49 170 1234567.";
}
