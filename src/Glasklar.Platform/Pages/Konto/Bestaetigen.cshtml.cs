using System.Security.Claims;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Platform.Pages.Konto;

/// <summary>Re-authentication (password + code) before a sensitive change of one's own account.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class BestaetigenModel(AccountService accounts, Reauthentication reauthentication) : PageModel
{
    private static readonly string[] Targets = ["/konto/passwort", "/konto/e-mail", "/konto/telefon", "/konto/zweiter-faktor", "/kunde/konto-schliessen"];

    public string? Error { get; private set; }

    public string ReturnUrl { get; private set; } = "/konto";

    public void OnGet(string? returnUrl) => ReturnUrl = Target(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? password, string? code, string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = Target(returnUrl);
        var user = (await accounts.FindAsync(Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!), cancellationToken))!;
        switch (await reauthentication.ConfirmAsync(HttpContext, user, password, code, cancellationToken))
        {
            case ReauthenticationResult.Confirmed:
                return LocalRedirect(ReturnUrl);
            case ReauthenticationResult.Throttled:
                Error = "Zu viele Versuche. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.";
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return Page();
            default:
                Error = "Passwort oder Code stimmt nicht. Bitte versuchen Sie es erneut.";
                return Page();
        }
    }

    // Only the pages that need it: never an arbitrary address from the query string.
    private static string Target(string? returnUrl) => Targets.FirstOrDefault(t => t == returnUrl) ?? "/konto";
}
