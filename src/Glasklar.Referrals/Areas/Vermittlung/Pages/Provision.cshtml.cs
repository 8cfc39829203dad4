using Glasklar.Referrals.Commission;
using Glasklar.Referrals.Submission;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Referrals.Areas.Vermittlung.Pages;

/// <summary>A10: the agency's commission per month, by mode and outcome, with the CSV export.</summary>
[Authorize(Roles = Glasklar.Platform.Accounts.Roles.AgencyAdmin)]
internal sealed class ProvisionModel(CallerResolver callers, CommissionReport report, TimeProvider clock) : PageModel
{
    public CommissionStatement Statement { get; private set; } = null!;

    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true, Name = "monat")]
    public string? Monat { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await callers.ResolveAsync(User, cancellationToken) is not { CanSeeCommission: true } caller)
        {
            return Forbid();
        }

        var month = CommissionReport.ParseMonth(Monat, clock);
        if (month is null)
        {
            Error = "Bitte geben Sie den Monat als JJJJ-MM an, z. B. 2026-12.";
            month = CommissionReport.ParseMonth(null, clock);
        }

        Statement = await report.ForMonthAsync(caller, month!.Value, cancellationToken);
        Monat = Statement.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }
}
