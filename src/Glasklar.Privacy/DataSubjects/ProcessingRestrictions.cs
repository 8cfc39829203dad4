using Glasklar.Privacy.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Privacy.DataSubjects;

/// <summary>
/// Restriction of processing (Art. 18 GDPR) per subject reference. Modules that keep their own flag set it
/// in <see cref="IPersonalDataSource.SetRestrictedAsync"/>; modules without one may use this register and
/// ask <see cref="IsRestrictedAsync"/> before processing (e.g. before forwarding or evaluating data).
/// </summary>
public interface IProcessingRestrictions
{
    Task<bool> IsRestrictedAsync(string subjectRef, CancellationToken cancellationToken);

    Task<DateTimeOffset?> RestrictedSinceAsync(string subjectRef, CancellationToken cancellationToken);

    /// <summary>Sets or lifts the restriction; returns 1 when something changed, otherwise 0.</summary>
    Task<int> SetAsync(string subjectRef, bool restricted, CancellationToken cancellationToken);
}

internal sealed class ProcessingRestrictions(PrivacyDbContext db, TimeProvider clock) : IProcessingRestrictions
{
    public Task<bool> IsRestrictedAsync(string subjectRef, CancellationToken cancellationToken) =>
        db.Restrictions.AnyAsync(r => r.SubjectRef == subjectRef, cancellationToken);

    public async Task<DateTimeOffset?> RestrictedSinceAsync(string subjectRef, CancellationToken cancellationToken)
    {
        var since = await db.Restrictions.AsNoTracking().Where(r => r.SubjectRef == subjectRef).Select(r => (DateTime?)r.SinceUtc).SingleOrDefaultAsync(cancellationToken);
        return since is { } utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : null;
    }

    public async Task<int> SetAsync(string subjectRef, bool restricted, CancellationToken cancellationToken)
    {
        if (!restricted)
        {
            return await db.Restrictions.Where(r => r.SubjectRef == subjectRef).ExecuteDeleteAsync(cancellationToken);
        }

        if (await IsRestrictedAsync(subjectRef, cancellationToken))
        {
            return 0;
        }

        var restriction = new ProcessingRestriction(subjectRef, clock.GetUtcNow().UtcDateTime);
        db.Restrictions.Add(restriction);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(restriction).State = EntityState.Detached;
        return 1;
    }
}
