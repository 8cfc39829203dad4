using Glasklar.Platform.Accounts;
using Glasklar.Platform.Identity.TwoFactor;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Glasklar.Platform.Pages.Anmelden;

/// <summary>
/// First login: the second factor is set up by scanning a QR code (rendered here, no third party),
/// confirmed with a first code; then ten single-use recovery codes are shown once.
/// </summary>
public sealed class EinrichtenModel(AccountService accounts, PendingLoginCookie pending, LoginCompletion completion, RecoveryCodeService recoveryCodes, IOptions<Configuration.GlasklarOptions> glasklar, Audit.AuditLog audit) : PageModel
{
    public string QrCode { get; private set; } = "";

    public string ManualKey { get; private set; } = "";

    public string? Error { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string Continue { get; private set; } = "/konto";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) is null ? Redirect("/anmelden") : Page();

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } state)
        {
            return Redirect("/anmelden");
        }

        Base32.TryDecode(state.Login.NewSecretBase32, out var secret);
        var result = await accounts.EnrolSecondFactorAsync(state.User, secret, code ?? "", cancellationToken);
        if (result != SecondFactorResult.Accepted)
        {
            Error = "Der Code stimmt nicht. Bitte prüfen Sie die Uhrzeit Ihres Geräts und versuchen Sie es erneut.";
            return Page();
        }

        RecoveryCodes = await recoveryCodes.ReplaceAsync(state.User, cancellationToken);
        await audit.AppendAsync(Audit.AuditActions.SecondFactorEnrolled, state.User.Id, state.User.OrganisationId, Web.ClientAddress.ClientIp(HttpContext), [], cancellationToken);
        await completion.CompleteAsync(HttpContext, state.User, cancellationToken);
        Continue = state.Login.ReturnUrl ?? "/konto";
        return Page();
    }

    private async Task<(PendingLogin Login, User User)?> LoadAsync(CancellationToken cancellationToken)
    {
        if (pending.Read(Request) is not { NewSecretBase32: { } secretText } login
            || await accounts.FindAsync(login.UserId, cancellationToken) is not { HasSecondFactor: false } user
            || !Base32.TryDecode(secretText, out var secret))
        {
            return null;
        }

        var uri = OtpAuthUri.Build(glasklar.Value.Operator.TotpIssuer, user.Email, secret);
        QrCode = TotpQrCode.PngDataUri(uri);
        ManualKey = string.Join(' ', secretText.Chunk(4).Select(c => new string(c)));
        return (login, user);
    }
}
