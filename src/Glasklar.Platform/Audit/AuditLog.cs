using System.Text.Json;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Platform.Audit;

/// <summary>
/// Appends to the hash-chained audit log (B11, X5) and keeps each user's last transaction. Appends are
/// serialised in this process and retried on a sequence clash with another node, so the chain has no
/// gaps and no forks. Rows are never updated or deleted by the application.
/// </summary>
public sealed class AuditLog(PlatformDbContext db, TimeProvider clock)
{
    private static readonly SemaphoreSlim AppendLock = new(1, 1);

    public async Task AppendAsync(string action, Guid? userId, Guid? organisationId, string? ipAddress, Dictionary<string, string> details, CancellationToken cancellationToken)
    {
        var detailsJson = JsonSerializer.Serialize(new SortedDictionary<string, string>(details, StringComparer.Ordinal));
        await AppendLock.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var last = await db.AuditLog.AsNoTracking().OrderByDescending(a => a.Sequence)
                    .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellationToken);
                var sequence = (last?.Sequence ?? 0) + 1;
                var previous = last?.Hash ?? AuditChain.Genesis;
                var record = new AuditRecord(sequence, Truncate(clock.GetUtcNow().UtcDateTime), userId, organisationId, action, ipAddress, detailsJson);
                var entry = new AuditEntry(record.Sequence, record.OccurredUtc, userId, organisationId, action, ipAddress, detailsJson, previous, AuditChain.Hash(previous, record));
                db.AuditLog.Add(entry);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return;
                }
                catch (DbUpdateException) when (attempt < 5)
                {
                    // Another node took this sequence number: read the new head and chain onto it.
                    db.Entry(entry).State = EntityState.Detached;
                }
            }
        }
        finally
        {
            AppendLock.Release();
        }
    }

    /// <summary>B11: the last transaction a user triggered, overwritten each time (not a history).</summary>
    public async Task RecordTransactionAsync(Guid userId, string action, string? ipAddress, CancellationToken cancellationToken)
    {
        var last = await db.LastTransactions.FindAsync([userId], cancellationToken);
        if (last is null)
        {
            last = new LastTransaction(userId);
            db.LastTransactions.Add(last);
        }

        last.Record(action, clock.GetUtcNow().UtcDateTime, ipAddress);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Walks the whole chain in sequence order; reports the first entry that does not fit.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var records = db.AuditLog.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable();
        var verifier = new AuditChainVerifier();
        await foreach (var entry in records.WithCancellation(cancellationToken))
        {
            var record = new AuditRecord(entry.Sequence, entry.OccurredUtc, entry.UserId, entry.OrganisationId, entry.Action, entry.IpAddress, entry.Details);
            if (verifier.Next(record, entry.PreviousHash, entry.Hash) is { } broken)
            {
                return broken;
            }
        }

        return AuditVerification.Intact(verifier.Count);
    }

    // Stored timestamps are compared after a round trip through the database: fix the precision first.
    private static DateTime Truncate(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
}
