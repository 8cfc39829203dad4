using Glasklar.Telematics.Ingestion;
using Glasklar.Telematics.Persistence;
using Glasklar.Telematics.Portal;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Telematics.Geofences;

/// <summary>
/// Pipeline stage of the theft alert (C15): for each armed zone of a box in the batch that has not
/// alerted in its current episode, the first valid fix (at or after arming) clearly outside the zone
/// raises one alert and closes the episode. Runs in the batch's transaction, so the alert is committed
/// with the positions that caused it, exactly once. The mail goes out afterwards from the outbox
/// (<see cref="GeofenceMailer"/>).
/// </summary>
internal sealed class GeofenceStage(PortalOptions options, GeofenceSignal signal, TimeProvider clock) : IPositionStage
{
    public async Task ApplyAsync(TelematicsDbContext db, IReadOnlyList<StoredPosition> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var boxes = batch.Select(p => p.BoxId).Distinct().ToList();
        var zones = await db.Set<Geofence>().Where(z => boxes.Contains(z.BoxId) && z.Armed && z.AlertedUtc == null).ToListAsync(cancellationToken);
        if (zones.Count == 0)
        {
            return;
        }

        var raised = false;
        foreach (var zone in zones)
        {
            var leaving = batch
                .Where(p => p.BoxId == zone.BoxId && p.Record.Valid && p.Record.GpsTimeUtc >= zone.ArmedUtc)
                .OrderBy(p => p.Record.GpsTimeUtc)
                .FirstOrDefault(p => GeofenceGeometry.DistanceOutside(zone, p.Record.Latitude, p.Record.Longitude) > options.GeofenceMarginMeters);
            if (leaving.Record is null)
            {
                continue;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            zone.AlertedUtc = now;
            db.Set<GeofenceAlert>().Add(new GeofenceAlert
            {
                Id = Guid.NewGuid(),
                OrganisationId = zone.OrganisationId,
                BoxId = zone.BoxId,
                GeofenceId = zone.Id,
                RaisedUtc = now,
                PositionUtc = leaving.Record.GpsTimeUtc,
                Latitude = leaving.Record.Latitude,
                Longitude = leaving.Record.Longitude,
            });
            raised = true;
        }

        if (raised)
        {
            signal.Raise(); // the mailer looks once the batch is committed (or finds nothing if it is not)
        }
    }
}
