using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Glasklar.Platform.Tenancy;
using Glasklar.Telematics.Ingestion;
using Glasklar.Telematics.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Telematics.Privacy;

/// <summary>
/// C16: positions, trips and geofence alerts are kept two years back while the contract runs; everything of a contract is
/// deleted two weeks after its end, unless a statutory hold blocks it (then it is counted as blocked).
/// Periods come from configuration. On PostgreSQL old positions go by dropping monthly partitions.
/// </summary>
internal sealed class TelematicsRetention(DbSession session, TelematicsDbContext db, TelematicsData data, TelematicsOptions options, PositionWriter writer) : IRetentionRule
{
    public const string Category = "Telematik: Positionen, Fahrten und Verträge";

    // The category name stays as it is: legal holds and earlier retention reports refer to it.

    public RetentionPolicy Policy => new(Category, options.KeepPositionsFor,
        $"GPS-Zeit der Position bzw. der Diebstahlwarnung, Fahrtende; alles eines Vertrags {options.DeleteAfterContractEnd.TotalDays:0} Tage nach Vertragsende", RetentionAction.Delete);

    public static string SubjectRef(Guid contractId) => $"telematics-contract:{contractId}";

    public async Task<RetentionOutcome> ApplyAsync(RetentionContext context, CancellationToken cancellationToken)
    {
        session.Tenant = TenantScope.AllTenants("Aufbewahrungsfristen Telematik");
        var deleted = 0;
        var blocked = 0;
        var endedBefore = DateOnly.FromDateTime(context.NowUtc - options.DeleteAfterContractEnd);
        var ended = await db.Contracts.Where(c => c.EndsOn != null && c.EndsOn < endedBefore).Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var contractId in ended)
        {
            if (await context.Holds.IsHeldAsync(SubjectRef(contractId), Category, cancellationToken))
            {
                blocked++;
                continue;
            }

            deleted += await session.InTransactionAsync(async ct => (true, await data.DeleteContractAsync(contractId, ct)), cancellationToken);
        }

        var cutoff = context.NowUtc - options.KeepPositionsFor;
        deleted += await session.InTransactionAsync(async ct =>
        {
            var rows = await data.DeletePositionsBeforeAsync(cutoff, ct);
            rows += await db.Trips.Where(t => t.EndUtc < cutoff).ExecuteDeleteAsync(ct);

            // An alert carries the position that left the zone, so it goes with the positions of its time.
            rows += await db.Set<Portal.GeofenceAlert>().Where(a => a.PositionUtc < cutoff || a.RaisedUtc < cutoff).ExecuteDeleteAsync(ct);
            return (true, rows);
        }, cancellationToken);
        writer.ForgetPartitions();
        return new RetentionOutcome(Category, deleted, 0, blocked);
    }
}
