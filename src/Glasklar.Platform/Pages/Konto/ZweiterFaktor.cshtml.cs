using System.Security.Cryptography;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Configuration;
using Glasklar.Platform.Identity.TwoFactor;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Glasklar.Platform.Pages.Konto;

/// <summary>
/// Re-enrolment of the second factor (new phone): a new secret, shown as QR code and key, replaces the old
/// one only when its first code is right. Between the two requests the secret travels encrypted in the
/// form, bound to this account and valid 10 minutes.
/// </summary>
public sealed class ZweiterFaktorModel(AccountSettingsService settings, IDataProtectionProvider protection, IOptions<GlasklarOptions> glasklar) : ReauthenticatedPageModel
{
    public string QrCode { get; private set; } = "";

    public string ManualKey { get; private set; } = "";

    public string State { get; private set; } = "";

    public string? Error { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public void OnGet() => Show(Totp.GenerateSecret());

    public async Task<IActionResult> OnPostAsync(string? state, string? code, CancellationToken cancellationToken)
    {
        if (Unprotect(state) is not { } secret)
        {
            Error = "Die Einrichtung ist abgelaufen. Bitte scannen Sie den neuen QR-Code.";
            Show(Totp.GenerateSecret());
            return Page();
        }

        RecoveryCodes = await settings.ReplaceSecondFactorAsync(Account, secret, code, HttpContext.ClientIp(), cancellationToken);
        if (RecoveryCodes is null)
        {
            Error = "Der Code stimmt nicht. Bitte prüfen Sie die Uhrzeit Ihres Geräts und versuchen Sie es erneut.";
            Show(secret);
        }

        return Page();
    }

    private void Show(byte[] secret)
    {
        var base32 = Base32.Encode(secret, padding: false);
        QrCode = TotpQrCode.PngDataUri(OtpAuthUri.Build(glasklar.Value.Operator.TotpIssuer, Account.Email, secret));
        ManualKey = string.Join(' ', base32.Chunk(4).Select(c => new string(c)));
        State = Protector.Protect(base32, TimeSpan.FromMinutes(10));
    }

    private byte[]? Unprotect(string? state)
    {
        try
        {
            return state is not null && Base32.TryDecode(Protector.Unprotect(state), out var secret) ? secret : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private ITimeLimitedDataProtector Protector =>
        protection.CreateProtector("Glasklar.Platform.SecondFactorChange", Account.Id.ToString()).ToTimeLimitedDataProtector();
}
