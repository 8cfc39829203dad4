using System.Security.Claims;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Sessions;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Platform.Pages;

/// <summary>Logout ends the session on the server; the cookie alone is worthless afterwards (B5).</summary>
public sealed class AbmeldenModel(SessionService sessions, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.FindFirstValue(SessionAuthenticationHandler.SessionClaim) is { } sessionId)
        {
            await sessions.EndAsync(sessionId, cancellationToken);
            var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
            var ip = HttpContext.ClientIp();
            await audit.AppendAsync(AuditActions.Logout, userId, null, ip, [], cancellationToken);
            await audit.RecordTransactionAsync(userId, AuditActions.Logout, ip, cancellationToken);
        }

        SessionAuthenticationHandler.DeleteCookie(Response);
        return Redirect("/");
    }
}
