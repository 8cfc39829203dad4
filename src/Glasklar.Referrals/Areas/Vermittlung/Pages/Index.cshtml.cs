using Glasklar.Platform.Configuration;
using Glasklar.Referrals.Domain;
using Glasklar.Referrals.Submission;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Glasklar.Referrals.Areas.Vermittlung.Pages;

/// <summary>The agency's referrals with their status as the repair network set it.</summary>
[Authorize]
internal sealed class IndexModel(CallerResolver callers, ReferralService referrals, IOptions<GlasklarOptions> glasklar) : PageModel
{
    public IReadOnlyList<Referral> Referrals { get; private set; } = [];

    public DataProtectionOfficerInfo Dpo => glasklar.Value.DataProtectionOfficer;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await callers.ResolveAsync(User, cancellationToken) is not { } caller || caller.Party == Party.None)
        {
            return Forbid();
        }

        if (caller.IsRepairNetwork)
        {
            return Redirect("/vermittlung/eingang");
        }

        Referrals = await referrals.ListAsync(caller, null, 200, cancellationToken);
        return Page();
    }
}
