using Glasklar.Telematics.Persistence;

namespace Glasklar.Telematics.Ingestion;

/// <summary>
/// A further pipeline stage (geofence alert today; scoring and crash detection later). It runs for each
/// batch inside the batch's write transaction, after enrichment and trip detection and before the
/// commit, so what it adds to <paramref name="db"/> is committed with the positions or not at all.
/// Registered as scoped services; the pipeline runs every registered stage.
/// </summary>
internal interface IPositionStage
{
    Task ApplyAsync(TelematicsDbContext db, IReadOnlyList<StoredPosition> batch, CancellationToken cancellationToken);
}
