using Glasklar.Claims.Processing;
using Glasklar.Platform.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Claims.Pages.Leistung;

/// <summary>
/// The insurer clerk's queue (B3): claims of the own insurer only (tenant filter), newest first, filtered by
/// status, date of receipt, the insured person's name and overdue document requests (GET form, no JavaScript).
/// </summary>
[Authorize(Roles = Roles.InsurerClerk)]
internal sealed class EingangModel(ClerkQueue queue) : PageModel
{
    public IReadOnlyList<QueueRow> Claims { get; private set; } = [];

    public QueueQuery Query { get; private set; } = new(null, null, null, null, null);

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync(string? status, string? from, string? to, string? name, string? overdue, CancellationToken cancellationToken)
    {
        // Without a choice the queue shows what is still to do.
        Query = new QueueQuery(Request.Query.ContainsKey("status") ? status : "eingegangen", from, to, name, overdue);
        var (filter, errors) = ClerkQueue.Parse(Query);
        if (filter is null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Claims = await queue.ListAsync(filter, cancellationToken);
    }
}
