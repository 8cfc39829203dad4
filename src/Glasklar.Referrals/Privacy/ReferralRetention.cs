using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Glasklar.Referrals.Persistence;
using Glasklar.Referrals.Submission;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Glasklar.Referrals.Privacy;

/// <summary>
/// X6 for referrals: a referral, its photos and its Postkorb are deleted a configurable time after completion
/// (default 13 months, for commission disputes); the commission counts stay, without personal data. A referral
/// under a legal hold is blocked (hidden from the repair network) instead.
/// </summary>
internal sealed class ReferralRetention(ReferralsDbContext db, DbSession session, ReferralEraser eraser, IOptions<ReferralsOptions> options) : IRetentionRule
{
    public const string Category = "Vermittlungen mit Fotos und Postkorb";

    public RetentionPolicy Policy => new(Category, TimeSpan.FromDays(options.Value.RetentionMonths * 30.44),
        "Abschluss der Vermittlung (erledigt oder storniert)", RetentionAction.Delete);

    public async Task<RetentionOutcome> ApplyAsync(RetentionContext context, CancellationToken cancellationToken)
    {
        var cutoff = context.NowUtc.AddMonths(-options.Value.RetentionMonths);
        var due = await db.Referrals.IgnoreQueryFilters().Where(r => r.CompletedUtc != null && r.CompletedUtc < cutoff).ToListAsync(cancellationToken);
        var blocked = 0;
        var delete = new List<Domain.Referral>();
        foreach (var referral in due)
        {
            if (await context.Holds.IsHeldAsync(ReferralService.SubjectRef(referral.Id), Category, cancellationToken))
            {
                if (!referral.Restricted)
                {
                    referral.SetRestricted(true);
                }

                blocked++;
            }
            else
            {
                delete.Add(referral);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var deleted = delete.Count == 0 ? 0 : await session.InTransactionAsync(async ct => (true, await eraser.DeleteAsync(delete, ct)), cancellationToken);
        return new RetentionOutcome(Category, deleted, 0, blocked);
    }
}
