using Glasklar.Claims.Processing;
using Glasklar.Platform.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Claims.Pages.Leistung;

/// <summary>The insurer clerk's queue (B3): claims of the own insurer only (tenant filter), newest first.</summary>
[Authorize(Roles = Roles.InsurerClerk)]
internal sealed class EingangModel(ClaimViews views) : PageModel
{
    public IReadOnlyList<ClaimSummary> Claims { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Claims = await views.QueueAsync(Submission.ClaimStatus.Eingegangen, cancellationToken);
}
