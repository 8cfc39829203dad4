using System.Text.Json;
using Glasklar.Platform.Identity.Audit;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Platform.Audit;

/// <summary>
/// Appends to the hash-chained audit log (B11, X5) and keeps each user's last transaction. An append reads the
/// chain head and writes the next entry in one transaction that holds the database's append right from the
/// start: SQLite's write lock (transactions begin IMMEDIATE) or, on PostgreSQL, a transaction-scoped advisory
/// lock. So the chain has no gaps and no forks across nodes, and there is no lock of our own that a caller
/// already inside a write transaction could deadlock against (ADR 0029). Called inside the caller's
/// transaction, the entry commits or rolls back with the action it records. Rows are never updated or
/// deleted by the application.
/// </summary>
public sealed class AuditLog(PlatformDbContext db, DbSession session, TimeProvider clock)
{
    /// <summary>Key of the PostgreSQL advisory lock that serialises appends ("audit" in ASCII).</summary>
    private const long AppendLockKey = 0x6175646974;

    public Task AppendAsync(string action, Guid? userId, Guid? organisationId, string? ipAddress, Dictionary<string, string> details, CancellationToken cancellationToken) =>
        session.JoinOrBeginTransactionAsync(ct => AppendInTransactionAsync(action, userId, organisationId, ipAddress, details, ct), cancellationToken);

    private async Task AppendInTransactionAsync(string action, Guid? userId, Guid? organisationId, string? ipAddress, Dictionary<string, string> details, CancellationToken cancellationToken)
    {
        if (session.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AppendLockKey})", cancellationToken);
        }

        var detailsJson = JsonSerializer.Serialize(new SortedDictionary<string, string>(details, StringComparer.Ordinal));
        var head = await db.AuditLog.AsNoTracking().OrderByDescending(a => a.Sequence)
            .Select(a => new AuditChainHead(a.Sequence, a.Hash)).FirstOrDefaultAsync(cancellationToken);
        var record = new AuditChainEntry((head?.Sequence ?? 0) + 1, AuditChain.TruncateTimestamp(clock.GetUtcNow()),
            userId, organisationId, action, ipAddress, details);
        var chained = AuditChain.AppendAfter(head, record);
        var entry = new AuditEntry(record.Sequence, record.Timestamp.UtcDateTime, userId, organisationId, action, ipAddress, detailsJson, chained.PreviousHash, chained.Hash);
        db.AuditLog.Add(entry);
        await db.SaveChangesAsync(cancellationToken);

        // Entries are never changed; untracked, a rolled-back one does not linger in the context and clash
        // with the next append's sequence number.
        db.Entry(entry).State = EntityState.Detached;
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
