using Glasklar.Platform.Accounts;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Platform.Pages.Anmelden;

/// <summary>The page the reset link opens: a new password, once, within 30 minutes.</summary>
public sealed class PasswortNeuModel(PasswordResetService reset) : PageModel
{
    public string? Token { get; private set; }

    public bool InvalidLink { get; private set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task OnGetAsync(string? token, CancellationToken cancellationToken)
    {
        Token = token;
        InvalidLink = !await reset.IsUsableAsync(token, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string? token, string? password, string? confirmation, CancellationToken cancellationToken)
    {
        Token = token;
        var result = await reset.CompleteAsync(token, password, confirmation, HttpContext.ClientIp(), cancellationToken);
        if (result.Succeeded)
        {
            return Redirect("/anmelden?hinweis=passwort-neu");
        }

        InvalidLink = result.InvalidLink;
        Errors = result.Errors;
        return Page();
    }
}
