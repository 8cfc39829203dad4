using Glasklar.Platform.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Platform.Pages.Anmelden;

/// <summary>Asks for a reset link. The answer is the same whether an account exists or not.</summary>
public sealed class PasswortVergessenModel : PageModel
{
    public bool Sent { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? email, [FromServices] PasswordResetService reset, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            Error = "Bitte geben Sie Ihre E-Mail-Adresse ein.";
            return Page();
        }

        await reset.RequestAsync(email, cancellationToken);
        Sent = true;
        return Page();
    }
}
