using Glasklar.Platform.Accounts;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace Glasklar.Platform.Pages.Konto;

/// <summary>Mobile number change (E.164), after re-authentication.</summary>
public sealed class TelefonModel(AccountSettingsService settings) : ReauthenticatedPageModel
{
    public bool Saved { get; private set; }

    public string? Error { get; private set; }

    public string? Entered { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? mobilePhone, CancellationToken cancellationToken)
    {
        Entered = mobilePhone;
        Error = (await settings.ChangeMobileAsync(Account, mobilePhone, HttpContext.ClientIp(), cancellationToken))?.Message;
        Saved = Error is null;
        return Page();
    }
}
