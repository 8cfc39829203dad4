using Glasklar.Platform.Accounts;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Platform.Pages.Anmelden;

/// <summary>
/// The page an e-mail link opens (verification or e-mail change). Opening it changes nothing: the
/// button does, so link scanners of mail providers cannot spend the single-use link.
/// </summary>
public sealed class BestaetigenModel(IEmailVerification verification) : PageModel
{
    public string? Token { get; private set; }

    public EmailConfirmation? Outcome { get; private set; }

    public void OnGet(string? token) => Token = token;

    public async Task<IActionResult> OnPostAsync(string? token, CancellationToken cancellationToken)
    {
        Outcome = await verification.ConfirmAsync(token, HttpContext.ClientIp(), cancellationToken);
        return Page();
    }
}
