using System.Net;
using System.Text.RegularExpressions;

namespace Glasklar.Platform.Logging;

/// <summary>
/// Removes personal data from text that is about to be logged (X9). Two layers: structured values whose
/// name says they are personal are dropped by name; anything that looks like an e-mail address, a phone
/// number, a non-loopback IP address or a query string is masked by pattern, wherever it appears.
/// </summary>
public static partial class PersonalDataRedactor
{
    public const string Removed = "[entfernt]";

    private static readonly HashSet<string> PersonalKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "name", "firstname", "lastname", "surname", "fullname", "username", "user", "email", "mail",
        "emailaddress", "phone", "phonenumber", "mobile", "telephone", "ip", "ipaddress", "remoteip",
        "remoteipaddress", "clientip", "street", "postaladdress", "iban", "bic", "birthdate",
        "dateofbirth", "policynumber", "licenceplate", "licenseplate", "plate", "vin", "useragent",
        "text", "note", "remarks", "additionalinfo", "subject", "description", "message_text",
    };

    /// <summary>True when a structured log value of this name is personal by definition.</summary>
    public static bool IsPersonalKey(string key) => PersonalKeys.Contains(key);

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var result = EmailPattern().Replace(text, "[E-Mail]");
        result = QueryStringPattern().Replace(result, "$1?[…]");
        result = Ipv4Pattern().Replace(result, m => IsLoopback(m.Value) ? m.Value : "[IP]");
        result = Ipv6Pattern().Replace(result, m => IPAddress.TryParse(m.Value, out var ip) && !IPAddress.IsLoopback(ip) ? "[IP]" : m.Value);
        result = PhonePattern().Replace(result, "[Telefon]");
        return result;
    }

    private static bool IsLoopback(string candidate) =>
        IPAddress.TryParse(candidate, out var address) && IPAddress.IsLoopback(address);

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    // Path or URL followed by a query: the query may carry tokens or personal values (reset links, search).
    [GeneratedRegex(@"((?:https?://|/)[^\s?""']*)\?[^\s""']+", RegexOptions.CultureInvariant)]
    private static partial Regex QueryStringPattern();

    [GeneratedRegex(@"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Pattern();

    // Candidates only; IPAddress.TryParse decides, so clock times like 12:30:45 stay.
    [GeneratedRegex(@"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6Pattern();

    // German and international notation: +49 …, 0049 …, 0151 …; at least 7 digits. Dates (2026-…) and
    // migration ids do not start with 0 or +, so they stay readable.
    [GeneratedRegex(@"(?<![\w+.\-])(?:\+|00|0)\d(?:[ /\-]?\d){6,16}(?![\w.])", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
