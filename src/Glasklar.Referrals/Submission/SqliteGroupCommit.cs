using System.Collections.Concurrent;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Privacy.Consent;
using Glasklar.Referrals.Domain;
using Glasklar.Referrals.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Referrals.Submission;

/// <summary>
/// Group commit for SQLite, which has one writer at a time (ADR 0015): submissions queue up; whoever holds the
/// write gate commits every queued referral with its consent entry in one transaction, and each waiting request
/// learns its own outcome. A failed batch is retried item by item, so one bad item never takes others down and
/// nothing half-done is stored. A request is answered only after its transaction committed.
/// </summary>
internal sealed class SqliteGroupCommit(IServiceScopeFactory scopes, SqliteWriteGate writeGate)
{
    private const int MaxBatch = 200;

    private readonly ConcurrentQueue<Pending> _queue = new();
    private sealed record Pending(Referral Referral, ConsentGrant? Consent, TaskCompletionSource<ConsentError?> Done);

    /// <summary>Stores the referral (and consent); returns null, or the ledger's refusal (then nothing was stored).</summary>
    public async Task<ConsentError?> StoreAsync(Referral referral, ConsentGrant? consent, CancellationToken cancellationToken)
    {
        var pending = new Pending(referral, consent, new TaskCompletionSource<ConsentError?>(TaskCreationOptions.RunContinuationsAsynchronously));
        _queue.Enqueue(pending);

        // Once queued, the item is committed even if this request is cancelled: the writer must not be interrupted.
        // The gate is the process's SQLite writer gate, so the access log and others queue instead of colliding.
        using (await writeGate.EnterAsync(CancellationToken.None))
        {
            if (!pending.Done.Task.IsCompleted)
            {
                var batch = new List<Pending>();
                while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                await CommitAsync(batch);
            }
        }

        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            var ok = await InOneTransactionAsync(batch);
            if (ok)
            {
                batch.ForEach(p => p.Done.TrySetResult(null));
                return;
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            // fall through to one transaction per item
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
            return;
        }

        foreach (var item in batch)
        {
            try
            {
                var error = await SingleAsync(item);
                item.Done.TrySetResult(error);
            }
            catch (Exception e)
            {
                item.Done.TrySetException(e);
            }
        }
    }

    private async Task<bool> InOneTransactionAsync(List<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        session.Tenant = TenantScope.AllTenants("Vermittlungen speichern (Sammel-Commit)");
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        var ledger = scope.ServiceProvider.GetRequiredService<IConsentLedger>();
        return await session.InTransactionAsync(async ct =>
        {
            db.Referrals.AddRange(batch.Select(p => p.Referral));
            await db.SaveChangesAsync(ct);
            foreach (var item in batch.Where(p => p.Consent is not null))
            {
                if (!(await ledger.RecordAsync(item.Consent!, ct)).Succeeded)
                {
                    return (false, false);
                }
            }

            return (true, true);
        }, CancellationToken.None);
    }

    private async Task<ConsentError?> SingleAsync(Pending item)
    {
        await using var scope = scopes.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        session.Tenant = TenantScope.AllTenants("Vermittlung speichern");
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        var ledger = scope.ServiceProvider.GetRequiredService<IConsentLedger>();
        return await session.InTransactionAsync(async ct =>
        {
            db.Referrals.Add(item.Referral);
            await db.SaveChangesAsync(ct);
            if (item.Consent is not null && await ledger.RecordAsync(item.Consent, ct) is { Succeeded: false } refused)
            {
                return (false, refused.Error);
            }

            return (true, (ConsentError?)null);
        }, CancellationToken.None);
    }
}
