using System.Text.Json;
using Glasklar.Platform.Identity.Audit;
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
                var head = await db.AuditLog.AsNoTracking().OrderByDescending(a => a.Sequence)
                    .Select(a => new AuditChainHead(a.Sequence, a.Hash)).FirstOrDefaultAsync(cancellationToken);
                var record = new AuditChainEntry((head?.Sequence ?? 0) + 1, AuditChain.TruncateTimestamp(clock.GetUtcNow()),
                    userId, organisationId, action, ipAddress, details);
                var chained = AuditChain.AppendAfter(head, record);
                var entry = new AuditEntry(record.Sequence, record.Timestamp.UtcDateTime, userId, organisationId, action, ipAddress, detailsJson, chained.PreviousHash, chained.Hash);
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

    /// <summary>
    /// Walks the whole chain by sequence number and names the first break. Sequence is the primary key:
    /// moving content between rows breaks their hashes, and PostgreSQL has no stable physical row order
    /// (an UPDATE moves the row), so "stored order" would misname the tampered entry.
    /// </summary>
    internal async Task<AuditChainVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var rows = await db.AuditLog.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync(cancellationToken);
        return AuditChainVerifier.Verify(rows.Select(ToChained));
    }

    private static ChainedAuditEntry ToChained(AuditEntry e) => new(
        new AuditChainEntry(e.Sequence, new DateTimeOffset(DateTime.SpecifyKind(e.OccurredUtc, DateTimeKind.Utc)), e.UserId, e.OrganisationId, e.Action, e.IpAddress,
            JsonSerializer.Deserialize<Dictionary<string, string>>(e.Details) ?? []),
        e.PreviousHash,
        e.Hash);
}
