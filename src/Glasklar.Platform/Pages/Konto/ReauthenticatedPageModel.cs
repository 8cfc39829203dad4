using System.Security.Claims;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Authorization;
using Glasklar.Platform.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Platform.Pages.Konto;

/// <summary>
/// Base of the pages that change e-mail, mobile number, password or second factor: every handler (GET and
/// POST) first needs a fresh re-authentication (password + code) of this session, else it goes there.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public abstract class ReauthenticatedPageModel : PageModel
{
    protected Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    protected string SessionId => User.FindFirstValue(SessionAuthenticationHandler.SessionClaim)!;

    /// <summary>The signed-in account, loaded before each handler.</summary>
    public User Account { get; private set; } = null!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var services = HttpContext.RequestServices;
        if (!services.GetRequiredService<Reauthentication>().IsFresh(HttpContext))
        {
            context.Result = Redirect($"{Reauthentication.Path}?returnUrl={Uri.EscapeDataString(Request.Path)}");
            return;
        }

        Account = (await services.GetRequiredService<AccountService>().FindAsync(UserId, HttpContext.RequestAborted))!;
        await next();
    }
}
