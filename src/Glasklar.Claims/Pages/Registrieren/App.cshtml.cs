using Glasklar.Claims.Registration;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Claims.Pages.Registrieren;

/// <summary>
/// Registration step 2 (B6): the authenticator app is set up by scanning the QR code (or typing the key)
/// and confirmed with a first code. Without it the account cannot log in. Then the e-mail link confirms
/// the address. For an address that already had an account the page behaves the same, storing nothing.
/// </summary>
internal sealed class AppModel(RegistrationCookie cookie, TotpEnrolment enrolment) : PageModel
{
    public TotpSetup? Setup { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public IActionResult OnGet() => Load() is null ? Redirect("/registrieren") : Page();

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken cancellationToken)
    {
        if (Load() is not { } pending)
        {
            return Redirect("/registrieren");
        }

        var codes = pending.UserId is { } userId
            ? await enrolment.EnrolAsync(userId, pending.SecretBase32, code, HttpContext.ClientIp(), cancellationToken)
            : enrolment.Matches(pending.SecretBase32, code) ? TotpEnrolment.UnboundRecoveryCodes() : null;
        if (codes is null)
        {
            Error = "Der Code stimmt nicht. Bitte prüfen Sie die Uhrzeit Ihres Geräts und geben Sie den aktuellen Code aus der App ein.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        RegistrationCookie.Delete(Response);
        RecoveryCodes = codes;
        return Page();
    }

    private PendingRegistration? Load()
    {
        var pending = cookie.Read(Request);
        Setup = pending is null ? null : enrolment.Describe(pending.SecretBase32, pending.Email);
        return Setup is null ? null : pending;
    }
}
