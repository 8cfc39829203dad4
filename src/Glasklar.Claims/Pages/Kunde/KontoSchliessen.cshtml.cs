using System.Security.Claims;
using Glasklar.Claims.Persistence;
using Glasklar.Claims.SelfService;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Sessions;
using Glasklar.Platform.Web;
using Glasklar.Privacy.DataSubjects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Claims.Pages.Kunde;

/// <summary>
/// B13, B14: closing the account after a fresh re-authentication (password + code, like every other
/// sensitive change). Shows beforehand what a statutory period keeps and afterwards the erasure report;
/// the session cookie is removed (the server-side sessions are deleted with the account).
/// </summary>
[Authorize(Roles = Roles.Customer)]
internal sealed class KontoSchliessenModel(Reauthentication reauthentication, AccountClosing closing, ClaimsDbContext db, DbSession session) : PageModel
{
    public int SettledClaims { get; private set; }

    public ErasureReport? Report { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty]
    public bool Confirm { get; set; }

    private Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!reauthentication.IsFresh(HttpContext))
        {
            context.Result = Redirect($"{Reauthentication.Path}?returnUrl={Uri.EscapeDataString(Request.Path)}");
            return;
        }

        await next();
    }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Confirm)
        {
            Errors = new Dictionary<string, string[]> { ["confirm"] = ["Bitte bestätigen Sie, dass Sie Ihr Konto endgültig schließen möchten."] };
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }

        var result = await closing.CloseAsync(UserId, HttpContext.ClientIp(), cancellationToken);
        if (result.Report is null)
        {
            Errors = result.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }

        Report = result.Report;
        SessionAuthenticationHandler.DeleteCookie(Response);
        Response.Cookies.Delete(Reauthentication.CookieName, new CookieOptions { Secure = true, Path = "/" });
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CustomerScope.Enter(session);
        SettledClaims = await db.Claims.CountAsync(c => c.CustomerUserId == UserId && c.SettledUtc != null, cancellationToken);
    }
}
