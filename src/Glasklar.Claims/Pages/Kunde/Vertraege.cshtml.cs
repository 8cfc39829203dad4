using System.Security.Claims;
using Glasklar.Claims.Contracts;
using Glasklar.Platform.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Claims.Pages.Kunde;

/// <summary>
/// The customer's contracts (B2): policy number, policyholder (salutation, first and last name), insured
/// persons (salutation, first and last name, birth date) and the cover summary — nothing else.
/// </summary>
[Authorize(Roles = Roles.Customer)]
internal sealed class VertraegeModel(ContractService contracts) : PageModel
{
    public IReadOnlyList<ContractView> Contracts { get; private set; } = [];

    public bool JustLinked { get; private set; }

    public async Task OnGetAsync(string? hinweis, CancellationToken cancellationToken)
    {
        JustLinked = hinweis == "verknuepft";
        Contracts = await contracts.ForCustomerAsync(Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!), cancellationToken);
    }
}
