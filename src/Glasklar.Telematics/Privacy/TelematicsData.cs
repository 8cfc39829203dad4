using System.Data.Common;
using System.Globalization;
using Glasklar.Platform.Persistence;
using Glasklar.Telematics.Ingestion;
using Glasklar.Telematics.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Telematics.Privacy;

/// <summary>Deleting and reading a contract's telematics data in the scope's transaction (retention and data-subject requests).</summary>
internal sealed class TelematicsData(DbSession session, TelematicsDbContext db)
{
    private bool Postgres => session.Provider == DatabaseProvider.Postgres;

    private object BoxParameter(Guid id) => Postgres ? id : PositionWriter.BoxKey(id);

    /// <summary>Deletes positions, trips, trip state, boxes and the contract itself; returns the rows deleted.</summary>
    public async Task<int> DeleteContractAsync(Guid contractId, CancellationToken cancellationToken)
    {
        var boxes = await db.Boxes.IgnoreQueryFilters().Where(b => b.ContractId == contractId).Select(b => b.Id).ToListAsync(cancellationToken);
        var deleted = 0;
        foreach (var box in boxes)
        {
            deleted += await ExecuteAsync($"DELETE FROM {PositionTable.Name(Postgres)} WHERE \"BoxId\" = {Param()}", cancellationToken, BoxParameter(box));
        }

        deleted += await db.Trips.IgnoreQueryFilters().Where(t => boxes.Contains(t.BoxId)).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.TripStates.Where(s => boxes.Contains(s.BoxId)).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Set<Portal.GeofenceAlert>().IgnoreQueryFilters().Where(a => boxes.Contains(a.BoxId)).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Set<Portal.Geofence>().IgnoreQueryFilters().Where(z => boxes.Contains(z.BoxId)).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Boxes.IgnoreQueryFilters().Where(b => b.ContractId == contractId).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Contracts.IgnoreQueryFilters().Where(c => c.Id == contractId).ExecuteDeleteAsync(cancellationToken);
        return deleted;
    }

    /// <summary>Positions older than the cutoff. PostgreSQL drops whole monthly partitions first, then trims the boundary month.</summary>
    public async Task<int> DeletePositionsBeforeAsync(DateTime cutoffUtc, CancellationToken cancellationToken)
    {
        var cutoff = PositionWriter.Millis(cutoffUtc);
        var deleted = 0;
        if (Postgres)
        {
            var partitions = new List<(string Name, long Rows)>();
            await using (var list = await CommandAsync(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent " +
                $"JOIN pg_namespace n ON n.oid = p.relnamespace WHERE n.nspname = 'telematics' AND p.relname = '{PositionTable.Table}'", cancellationToken))
            await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    partitions.Add((reader.GetString(0), 0));
                }
            }

            foreach (var (name, _) in partitions)
            {
                if (!DateTime.TryParseExact(name[(PositionTable.Table.Length + 2)..], "yyyyMM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var month))
                {
                    continue;
                }

                if (PositionWriter.Millis(month.AddMonths(1)) <= cutoff)
                {
                    await using var count = await CommandAsync($"SELECT count(*) FROM telematics.\"{name}\"", cancellationToken);
                    deleted += Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
                    await ExecuteAsync($"DROP TABLE telematics.\"{name}\"", cancellationToken);
                }
            }
        }

        deleted += await ExecuteAsync($"DELETE FROM {PositionTable.Name(Postgres)} WHERE \"GpsTimeMs\" < {Param()}", cancellationToken, cutoff);
        return deleted;
    }

    /// <summary>Every stored position of a box, streamed in GPS-time order.</summary>
    public async IAsyncEnumerable<(long GpsTimeMs, double Lat, double Lon, double SpeedKmh, bool Valid, string? RoadType, int? Limit)> PositionsAsync(
        Guid boxId, long fromMs, long toMs, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            $"SELECT \"GpsTimeMs\", \"Latitude\", \"Longitude\", \"SpeedKmh\", \"Valid\", \"RoadType\", \"SpeedLimitKmh\" FROM {PositionTable.Name(Postgres)} " +
            $"WHERE \"BoxId\" = {Param(0)} AND \"GpsTimeMs\" >= {Param(1)} AND \"GpsTimeMs\" < {Param(2)} ORDER BY \"GpsTimeMs\"",
            cancellationToken, BoxParameter(boxId), fromMs, toMs);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return (reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetBoolean(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetInt32(6));
        }
    }

    /// <summary>The newest stored position of a box (for the customer's current driving data).</summary>
    public async Task<(DateTime GpsTimeUtc, double Latitude, double Longitude, double? BatteryVoltage)?> LastPositionAsync(Guid boxId, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            $"SELECT \"GpsTimeMs\", \"Latitude\", \"Longitude\", \"Attributes\" FROM {PositionTable.Name(Postgres)} WHERE \"BoxId\" = {Param()} ORDER BY \"GpsTimeMs\" DESC LIMIT 1",
            cancellationToken, BoxParameter(boxId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        double? battery = null;
        if (!reader.IsDBNull(3))
        {
            using var json = System.Text.Json.JsonDocument.Parse(reader.GetString(3));
            if (json.RootElement.TryGetProperty("batteryVoltage", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number)
            {
                battery = v.GetDouble();
            }
        }

        return (DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)).UtcDateTime, reader.GetDouble(1), reader.GetDouble(2), battery);
    }

    private string Param(int index = 0) => Postgres ? $"@p{index}" : $"$p{index}";

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = await CommandAsync(sql, cancellationToken, values);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<DbCommand> CommandAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        if (session.Connection.State != System.Data.ConnectionState.Open)
        {
            await session.Connection.OpenAsync(cancellationToken);
        }

        var command = session.Connection.CreateCommand();
        command.Transaction = session.CurrentTransaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = Postgres ? $"p{i}" : $"$p{i}";
            parameter.Value = values[i];
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
