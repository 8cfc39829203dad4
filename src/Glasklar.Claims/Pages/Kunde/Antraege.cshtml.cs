using System.Security.Claims;
using Glasklar.Claims.Contracts;
using Glasklar.Claims.Processing;
using Glasklar.Platform.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Claims.Pages.Kunde;

/// <summary>The customer's contracts and claims with their status (B1, B2, B3).</summary>
[Authorize(Roles = Roles.Customer)]
internal sealed class AntraegeModel(ClaimViews views, ContractService contracts) : PageModel
{
    public IReadOnlyList<ClaimSummary> Claims { get; private set; } = [];

    public IReadOnlyList<ContractView> Contracts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        Contracts = await contracts.ForCustomerAsync(userId, cancellationToken);
        Claims = await views.ForCustomerAsync(userId, cancellationToken);
    }
}
