using Glasklar.Referrals.Domain;
using Glasklar.Referrals.Submission;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Referrals.Areas.Vermittlung.Pages;

/// <summary>The repair network's inbox: every agency's referrals, newest first, filterable by status.</summary>
[Authorize(Roles = Glasklar.Platform.Accounts.Roles.RepairNetworkClerk)]
internal sealed class EingangModel(CallerResolver callers, ReferralService referrals) : PageModel
{
    public IReadOnlyList<Referral> Referrals { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "stand")]
    public string? Stand { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await callers.ResolveAsync(User, cancellationToken) is not { IsRepairNetwork: true } caller)
        {
            return Forbid();
        }

        var list = await referrals.ListAsync(caller, null, 500, cancellationToken);
        Referrals = ReferralStatuses.Parse(Stand) is { } status ? [.. list.Where(r => r.Status == status)] : list;
        return Page();
    }
}
