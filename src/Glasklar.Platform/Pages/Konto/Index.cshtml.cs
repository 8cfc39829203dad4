using System.Security.Claims;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Authorization;
using Glasklar.Platform.Sessions;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Platform.Pages.Konto;

/// <summary>The user's own account: who they are, and the sessions they can end.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(AccountService accounts, SessionService sessions, AuditLog audit) : PageModel
{
    public User Account { get; private set; } = null!;

    public IReadOnlyList<UserSession> Sessions { get; private set; } = [];

    public string CurrentSessionId => User.FindFirstValue(SessionAuthenticationHandler.SessionClaim) ?? "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        Account = (await accounts.FindAsync(userId, cancellationToken))!;
        Sessions = await sessions.ListActiveAsync(userId, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostBeendenAsync(string? sessionId, CancellationToken cancellationToken)
    {
        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        if (sessionId is not null && await sessions.EndOwnAsync(userId, sessionId, cancellationToken))
        {
            await audit.RecordTransactionAsync(userId, AuditActions.SessionEnded, HttpContext.ClientIp(), cancellationToken);
        }

        return sessionId == CurrentSessionId ? Redirect("/") : RedirectToPage();
    }
}
