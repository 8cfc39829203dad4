using Glasklar.Platform.Accounts;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace Glasklar.Platform.Pages.Konto;

/// <summary>Password change on the own account page (B8: only for the logged-in user, after re-authentication).</summary>
public sealed class PasswortModel(AccountSettingsService settings) : ReauthenticatedPageModel
{
    public bool Saved { get; private set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? password, string? confirmation, CancellationToken cancellationToken)
    {
        var result = await settings.ChangePasswordAsync(Account, SessionId, password, confirmation, HttpContext.ClientIp(), cancellationToken);
        Saved = result.Succeeded;
        Errors = result.Errors;
        return Page();
    }
}
