using System.Security.Claims;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Authorization;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Platform.Pages.Verwaltung;

/// <summary>The audit viewer (B11, X5): operator administration and the DPO only; nobody else, not even admins of other organisations.</summary>
[Authorize(Policy = Policies.AuditReaders)]
public sealed class ProtokollModel(AuditQuery query, AuditLog audit) : PageModel
{
    public AuditFilter Filter { get; private set; } = new(null, null, null, null);

    public AuditPage Result { get; private set; } = new([], 1, false, []);

    public async Task OnGetAsync(string? user, string? action, string? from, string? to, int? seite, CancellationToken cancellationToken)
    {
        Filter = new AuditFilter(user, action, from, to, seite ?? 1);
        Result = await query.SearchAsync(Filter, cancellationToken);
        if (Result.Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        // Who looked at the log is itself the viewer's last transaction (B11).
        await audit.RecordTransactionAsync(Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!), AuditActions.AuditLogViewed, HttpContext.ClientIp(), cancellationToken);
    }

    public string PageLink(int page) => "/verwaltung/protokoll" + QueryString.Create(new Dictionary<string, string?>
    {
        ["user"] = Filter.User,
        ["action"] = Filter.Action,
        ["from"] = Filter.From,
        ["to"] = Filter.To,
        ["seite"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
