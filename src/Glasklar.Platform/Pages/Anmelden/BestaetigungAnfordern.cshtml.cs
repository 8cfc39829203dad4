using Glasklar.Platform.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Platform.Pages.Anmelden;

/// <summary>A new verification link; the same answer whether the address has an (unverified) account or not.</summary>
public sealed class BestaetigungAnfordernModel(IEmailVerification verification) : PageModel
{
    public bool Sent { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            Error = "Bitte geben Sie Ihre E-Mail-Adresse ein.";
            return Page();
        }

        await verification.SendLinkToAddressAsync(email, cancellationToken);
        Sent = true;
        return Page();
    }
}
