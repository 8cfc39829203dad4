using Glasklar.Platform.Tenancy;

namespace Glasklar.Referrals.Domain;

/// <summary>
/// Counts of referrals that were deleted (retention or erasure) per agency, month, mode and outcome, so the
/// commission (A10) can still be reported for disputes after the personal data is gone. No personal data.
/// </summary>
internal sealed class CommissionTally : ITenantOwned
{
    private CommissionTally()
    {
        Mode = Outcome = "";
    }

    public CommissionTally(Guid agencyId, DateOnly month, string mode, string outcome, int count)
    {
        OrganisationId = agencyId;
        Month = month;
        Mode = mode;
        Outcome = outcome;
        Count = count;
    }

    public Guid OrganisationId { get; private set; }

    /// <summary>First day of the month the referral was made in.</summary>
    public DateOnly Month { get; private set; }

    public string Mode { get; private set; }

    public string Outcome { get; private set; }

    public int Count { get; private set; }

    public void Add(int count) => Count += count;
}
