using System.Security.Claims;
using Glasklar.Claims.Terms;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Claims.Pages.Kunde;

/// <summary>B8: shows what changed in the published version and records the customer's acknowledgement in the consent ledger.</summary>
[Authorize(Roles = Roles.Customer)]
internal sealed class BedingungenModel(TermsService terms, AuditLog audit) : PageModel
{
    public TermsView? Terms { get; private set; }

    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Version { get; set; }

    private Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Terms = await terms.CurrentAsync(UserId, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await terms.AcknowledgeAsync(UserId, Version, cancellationToken) is { } error)
        {
            Error = error.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Terms = await terms.CurrentAsync(UserId, cancellationToken);
            return Page();
        }

        await audit.RecordTransactionAsync(UserId, "claims.terms-acknowledged", HttpContext.ClientIp(), cancellationToken);
        return Redirect(IsLocal(ReturnUrl) ? ReturnUrl! : "/kunde/antraege");
    }

    /// <summary>Only paths of this site (no "//host", no "/\host"), so the page cannot send anyone elsewhere.</summary>
    internal static bool IsLocal(string? url) =>
        url is { Length: > 1 } && url[0] == '/' && url[1] != '/' && url[1] != '\\' && !url.Contains("://", StringComparison.Ordinal);
}
