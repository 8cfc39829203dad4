using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Platform.Pages.Anmelden;

/// <summary>Login, step 1: e-mail and password. Step 2 (the authenticator code) follows on /anmelden/code.</summary>
public sealed class IndexModel(AccountService accounts, PendingLoginCookie pending, AuditLog audit) : PageModel
{
    public string? Error { get; private set; }

    public string? Email { get; private set; }

    public string? ReturnUrl { get; private set; }

    public bool Unverified { get; private set; }

    /// <summary>A confirmation after a finished flow (e.g. "passwort-neu"), never free text from the URL.</summary>
    public string? Notice { get; private set; }

    public void OnGet(string? returnUrl, string? hinweis)
    {
        ReturnUrl = returnUrl;
        Notice = hinweis == "passwort-neu" ? "Ihr neues Passwort ist gespeichert. Bitte melden Sie sich damit an." : null;
    }

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        Email = email;
        ReturnUrl = returnUrl;
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            Error = "Bitte geben Sie E-Mail-Adresse und Passwort ein.";
            return Page();
        }

        var ip = HttpContext.ClientIp();
        var check = await accounts.CheckPasswordAsync(email, password, ip, cancellationToken);
        if (check.RetryAfter > TimeSpan.Zero)
        {
            Error = "Zu viele Versuche. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        if (check.EmailUnverified)
        {
            await audit.AppendAsync(AuditActions.LoginFailed, check.FailedUserId, null, ip, new() { ["schritt"] = "passwort", ["grund"] = "email-unbestaetigt" }, cancellationToken);
            Error = PasswordCheck.UnverifiedFailure;
            Unverified = true;
            return Page();
        }

        if (check.User is not { } user)
        {
            await audit.AppendAsync(AuditActions.LoginFailed, check.FailedUserId, null, ip, new() { ["schritt"] = "passwort" }, cancellationToken);
            Error = PasswordCheck.GenericFailure;
            return Page();
        }

        var secret = user.HasSecondFactor ? null : Identity.TwoFactor.Base32.Encode(Identity.TwoFactor.Totp.GenerateSecret(), padding: false);
        pending.Write(Response, new PendingLogin(user.Id, secret, Url.IsLocalUrl(returnUrl) ? returnUrl : null));
        return Redirect(user.HasSecondFactor ? "/anmelden/code" : "/anmelden/einrichten");
    }
}
