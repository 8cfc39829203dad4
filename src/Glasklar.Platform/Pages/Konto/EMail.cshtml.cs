using Glasklar.Platform.Accounts;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace Glasklar.Platform.Pages.Konto;

/// <summary>E-mail change: the new address must confirm itself by link before it replaces the old one.</summary>
public sealed class EMailModel(AccountSettingsService settings) : ReauthenticatedPageModel
{
    public bool Sent { get; private set; }

    public string? Error { get; private set; }

    public string? Entered { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? email, CancellationToken cancellationToken)
    {
        Entered = email;
        Error = (await settings.RequestEmailChangeAsync(Account, email, HttpContext.ClientIp(), cancellationToken))?.Message;
        Sent = Error is null;
        return Page();
    }
}
