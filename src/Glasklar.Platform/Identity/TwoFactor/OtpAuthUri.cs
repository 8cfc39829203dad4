namespace Glasklar.Platform.Identity.TwoFactor;

/// <summary>
/// The <c>otpauth://</c> key URI that authenticator apps read from the enrolment QR code (format of the
/// Google Authenticator wiki, which all common apps follow). The issuer is the operator's product name from
/// configuration; apps show it next to the account and use it to tell entries apart.
/// </summary>
internal static class OtpAuthUri
{
    public const string DefaultIssuer = "Glasklar";

    public static string Build(string issuer, string account, ReadOnlySpan<byte> secret)
    {
        // The colon separates issuer and account in the label; apps split on it even when percent-encoded.
        RequireText(issuer, nameof(issuer));
        RequireText(account, nameof(account));
        if (secret.IsEmpty)
        {
            throw new ArgumentException("Der TOTP-Schlüssel ist leer.", nameof(secret));
        }

        var escapedIssuer = Uri.EscapeDataString(issuer);
        return $"otpauth://totp/{escapedIssuer}:{Uri.EscapeDataString(account)}" +
               $"?secret={Base32.Encode(secret, padding: false)}&issuer={escapedIssuer}" +
               $"&algorithm=SHA1&digits={Totp.Digits}&period={Totp.StepSeconds}";
    }

    private static void RequireText(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("Aussteller und Konto dürfen nicht leer sein und keinen Doppelpunkt enthalten.", name);
        }
    }
}
