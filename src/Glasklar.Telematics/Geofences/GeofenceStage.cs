using System.Data.Common;
using System.Globalization;
using Glasklar.Platform.Persistence;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Ingestion;
using Glasklar.Telematics.Portal;
using Glasklar.Telematics.Trips;

namespace Glasklar.Telematics.Geofences;

/// <summary>
/// Pipeline stage of the theft alert (C15, an <see cref="IIngestStage"/>): inside the batch transaction it
/// reads the armed zones of the batch's boxes that have not alerted in their current episode (one indexed
/// query per batch), and the first valid fix at or after arming clearly outside a zone raises one alert
/// and closes the episode. Plain SQL on the batch connection, so the alert is committed with the positions
/// that caused it, exactly once. The mail goes out afterwards from the outbox (<see cref="GeofenceMailer"/>).
/// </summary>
internal sealed class GeofenceStage(PortalOptions options, GeofenceSignal signal, TimeProvider clock) : IIngestStage
{
    public void Apply(BoxRef box, TripState state, StoredPosition position, IngestBatch batch)
    {
        // Everything happens in WriteAsync: the zones are read in the batch's transaction.
    }

    public async Task WriteAsync(IngestWrite write, IngestBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Positions.Count == 0)
        {
            return;
        }

        var postgres = write.Provider == DatabaseProvider.Postgres;
        var zonesTable = postgres ? "telematics.telematics_geofences" : "telematics_geofences";
        var alertsTable = postgres ? "telematics.telematics_geofence_alerts" : "telematics_geofence_alerts";
        var boxes = batch.Positions.Select(p => p.BoxId).Distinct().ToList();
        var zones = new List<Geofence>();
        await using (var select = Command(write))
        {
            var names = boxes.Select((b, i) => Add(select, postgres, $"b{i}", b)).ToList();
            select.CommandText = "SELECT \"Id\", \"OrganisationId\", \"BoxId\", \"Shape\", \"CenterLatitude\", \"CenterLongitude\", \"RadiusMeters\", \"Polygon\", \"ArmedUtc\" " +
                $"FROM {zonesTable} WHERE \"Armed\" = TRUE AND \"AlertedUtc\" IS NULL AND \"BoxId\" IN ({string.Join(", ", names)})";
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                zones.Add(new Geofence
                {
                    Id = reader.GetGuid(0),
                    OrganisationId = reader.GetGuid(1),
                    BoxId = reader.GetGuid(2),
                    Shape = (GeofenceShape)reader.GetInt32(3),
                    CenterLatitude = reader.GetDouble(4),
                    CenterLongitude = reader.GetDouble(5),
                    RadiusMeters = reader.GetDouble(6),
                    Polygon = reader.GetString(7),
                    ArmedUtc = reader.IsDBNull(8) ? null : DateTime.SpecifyKind(reader.GetDateTime(8), DateTimeKind.Utc),
                });
            }
        }

        var raised = false;
        foreach (var zone in zones)
        {
            var leaving = batch.Positions
                .Where(p => p.BoxId == zone.BoxId && p.Record.Valid && p.Record.GpsTimeUtc >= zone.ArmedUtc)
                .OrderBy(p => p.Record.GpsTimeUtc)
                .FirstOrDefault(p => GeofenceGeometry.DistanceOutside(zone, p.Record.Latitude, p.Record.Longitude) > options.GeofenceMarginMeters);
            if (leaving.Record is null)
            {
                continue;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            await using (var close = Command(write))
            {
                close.CommandText = $"UPDATE {zonesTable} SET \"AlertedUtc\" = {Add(close, postgres, "now", now)} WHERE \"Id\" = {Add(close, postgres, "id", zone.Id)} AND \"AlertedUtc\" IS NULL";
                if (await close.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    continue;
                }
            }

            await using var insert = Command(write);
            insert.CommandText = $"INSERT INTO {alertsTable} (\"Id\", \"OrganisationId\", \"BoxId\", \"GeofenceId\", \"RaisedUtc\", \"PositionUtc\", \"Latitude\", \"Longitude\", \"MailSentUtc\", \"AcknowledgedUtc\") VALUES (" +
                string.Join(", ", Add(insert, postgres, "a", Guid.NewGuid()), Add(insert, postgres, "o", zone.OrganisationId), Add(insert, postgres, "b", zone.BoxId), Add(insert, postgres, "g", zone.Id),
                    Add(insert, postgres, "r", now), Add(insert, postgres, "t", leaving.Record.GpsTimeUtc), Add(insert, postgres, "lat", leaving.Record.Latitude), Add(insert, postgres, "lon", leaving.Record.Longitude)) +
                ", NULL, NULL)";
            await insert.ExecuteNonQueryAsync(cancellationToken);
            raised = true;
        }

        if (raised)
        {
            signal.Raise(); // the mailer looks once the batch is committed (or finds nothing if it is not)
        }
    }

    private static DbCommand Command(IngestWrite write)
    {
        var command = write.Connection.CreateCommand();
        command.Transaction = write.Transaction;
        return command;
    }

    /// <summary>Adds a parameter in the form EF Core stores the value (SQLite: upper-case GUID text, ISO-like UTC time text).</summary>
    private static string Add(DbCommand command, bool postgres, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = (postgres ? "@" : "$") + name;
        parameter.Value = (postgres, value) switch
        {
            (false, Guid g) => g.ToString().ToUpperInvariant(),
            (false, DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            (true, DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc),
            _ => value,
        };
        command.Parameters.Add(parameter);
        return parameter.ParameterName;
    }
}
