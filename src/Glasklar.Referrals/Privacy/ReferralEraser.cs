using Glasklar.Privacy.Consent;
using Glasklar.Referrals.Commission;
using Glasklar.Referrals.Domain;
using Glasklar.Referrals.Persistence;
using Glasklar.Referrals.Photos;
using Glasklar.Referrals.Submission;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Referrals.Privacy;

/// <summary>
/// Deletes a referral with its photos (rows and files), Postkorb and consent entries, after adding it to the
/// anonymous commission counts (A10 survives, the person does not). Used by erasure and retention; runs inside
/// the caller's transaction when one is open.
/// </summary>
internal sealed class ReferralEraser(ReferralsDbContext db, IConsentLedger consents, PhotoService photos)
{
    public async Task<int> DeleteAsync(IReadOnlyList<Referral> referrals, CancellationToken cancellationToken)
    {
        var files = new List<ReferralPhoto>();
        foreach (var referral in referrals)
        {
            var month = new DateOnly(referral.CreatedUtc.Year, referral.CreatedUtc.Month, 1);
            var mode = CommissionReport.ModeName(referral.Mode);
            var outcome = CommissionReport.OutcomeOf(referral.Status);
            var tally = await db.CommissionTallies.IgnoreQueryFilters().SingleOrDefaultAsync(
                t => t.OrganisationId == referral.OrganisationId && t.Month == month && t.Mode == mode && t.Outcome == outcome, cancellationToken);
            if (tally is null)
            {
                db.CommissionTallies.Add(new CommissionTally(referral.OrganisationId, month, mode, outcome, 1));
            }
            else
            {
                tally.Add(1);
            }

            await db.SaveChangesAsync(cancellationToken);
            files.AddRange(await db.Photos.IgnoreQueryFilters().Where(p => p.ReferralId == referral.Id).ToListAsync(cancellationToken));
            var tickets = db.Tickets.IgnoreQueryFilters().Where(t => t.ReferralId == referral.Id).Select(t => t.Id);
            await db.Messages.Where(m => tickets.Contains(m.TicketId)).ExecuteDeleteAsync(cancellationToken);
            await db.Tickets.IgnoreQueryFilters().Where(t => t.ReferralId == referral.Id).ExecuteDeleteAsync(cancellationToken);
            await db.Photos.IgnoreQueryFilters().Where(p => p.ReferralId == referral.Id).ExecuteDeleteAsync(cancellationToken);
            await db.Referrals.IgnoreQueryFilters().Where(r => r.Id == referral.Id).ExecuteDeleteAsync(cancellationToken);
            await consents.EraseSubjectAsync(ReferralService.SubjectRef(referral.Id), cancellationToken);
        }

        db.ChangeTracker.Clear();
        photos.DeleteFiles(files);
        return referrals.Count;
    }
}
