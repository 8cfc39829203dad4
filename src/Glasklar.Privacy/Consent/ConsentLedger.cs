using Glasklar.Platform.Persistence;
using Glasklar.Privacy.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Glasklar.Privacy.Consent;

/// <summary>
/// The ledger on the privacy context. It is scoped like the context, so it writes through the scope's
/// <see cref="DbSession"/> and therefore inside whatever transaction the calling module has open.
/// </summary>
internal sealed class ConsentLedger(PrivacyDbContext db, DbSession session, TimeProvider clock) : IConsentLedger
{
    public async Task<ConsentResult> RecordAsync(ConsentGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (ConsentValidation.CheckGrant(grant) is { } invalid)
        {
            return invalid;
        }

        var latest = await LatestAsync(grant.Subject, grant.Purpose, cancellationToken);
        var record = new ConsentRecord(
            Guid.NewGuid(), grant.Subject, grant.Purpose, (latest?.Revision ?? 0) + 1, ConsentAction.Granted,
            grant.Scope, grant.TextVersion, Now(), grant.Actor);
        return await AppendAsync(record, cancellationToken);
    }

    public async Task<ConsentResult> WithdrawAsync(ConsentWithdrawal withdrawal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(withdrawal);
        if ((ConsentValidation.CheckSubject(withdrawal.Subject)
            ?? ConsentValidation.CheckPurpose(withdrawal.Purpose)
            ?? ConsentValidation.CheckActor(withdrawal.Actor)) is { } invalid)
        {
            return invalid;
        }

        var latest = await LatestAsync(withdrawal.Subject, withdrawal.Purpose, cancellationToken);
        if (latest is null)
        {
            return ConsentResult.Failure(ConsentErrorCodes.NeverGranted,
                "Für diesen Zweck wurde keine Einwilligung erteilt, die Sie widerrufen könnten.");
        }

        if (latest.Action == ConsentAction.Withdrawn)
        {
            return ConsentResult.Failure(ConsentErrorCodes.AlreadyWithdrawn,
                "Diese Einwilligung haben Sie bereits widerrufen.");
        }

        // The withdrawal repeats what it ends, so the history reads on its own: which fields, which text.
        var record = new ConsentRecord(
            Guid.NewGuid(), withdrawal.Subject, withdrawal.Purpose, latest.Revision + 1, ConsentAction.Withdrawn,
            latest.Scope.Split(ConsentRecord.ScopeSeparator), latest.TextVersion, Now(), withdrawal.Actor);
        return await AppendAsync(record, cancellationToken);
    }

    public async Task<ConsentState> GetCurrentAsync(string subject, string purpose, CancellationToken cancellationToken = default)
    {
        var latest = await LatestAsync(subject, purpose, cancellationToken);
        return new ConsentState(subject, purpose, latest?.ToEntry());
    }

    public async Task<IReadOnlyList<ConsentEntry>> GetHistoryAsync(string subject, string? purpose = null, CancellationToken cancellationToken = default)
    {
        var query = db.ConsentRecords.AsNoTracking().Where(r => r.Subject == subject);
        if (purpose is not null)
        {
            query = query.Where(r => r.Purpose == purpose);
        }

        var records = await query.ToListAsync(cancellationToken);

        // Ordered in memory: within a purpose the revision is authoritative (two entries may share a timestamp).
        return records
            .OrderBy(r => r.RecordedUtc).ThenBy(r => r.Purpose, StringComparer.Ordinal).ThenBy(r => r.Revision)
            .Select(r => r.ToEntry())
            .ToList();
    }

    public async Task<int> EraseSubjectAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        if (session.CurrentTransaction is not null)
        {
            return await EraseInTransactionAsync(subject, cancellationToken);
        }

        // The permit must never be committed on its own, so erasure always runs in a transaction.
        return await session.InTransactionAsync(async ct => (true, await EraseInTransactionAsync(subject, ct)), cancellationToken);
    }

    private async Task<int> EraseInTransactionAsync(string subject, CancellationToken cancellationToken)
    {
        var permit = new ConsentErasurePermit(subject);
        db.ConsentErasurePermits.Add(permit);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(permit).State = EntityState.Detached;

        var removed = await db.ConsentRecords.Where(r => r.Subject == subject).ExecuteDeleteAsync(cancellationToken);
        await db.ConsentErasurePermits.Where(p => p.Subject == subject).ExecuteDeleteAsync(cancellationToken);
        return removed;
    }

    private Task<ConsentRecord?> LatestAsync(string subject, string purpose, CancellationToken cancellationToken) =>
        db.ConsentRecords.AsNoTracking()
            .Where(r => r.Subject == subject && r.Purpose == purpose)
            .OrderByDescending(r => r.Revision)
            .FirstOrDefaultAsync(cancellationToken);

    private async Task<ConsentResult> AppendAsync(ConsentRecord record, CancellationToken cancellationToken)
    {
        db.ConsentRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            return ConsentResult.Failure(ConsentErrorCodes.Conflict,
                "Die Einwilligung wurde gerade an anderer Stelle geändert. Bitte laden Sie die Seite neu und prüfen Sie den aktuellen Stand.");
        }
        finally
        {
            // Entries are never modified, so nothing is gained by tracking them (and a failed one must not be retried).
            db.Entry(record).State = EntityState.Detached;
        }

        return ConsentResult.Success(record.ToEntry());
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555, // SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
