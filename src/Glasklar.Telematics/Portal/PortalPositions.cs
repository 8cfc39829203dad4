using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Glasklar.Platform.Persistence;
using Glasklar.Telematics.Ingestion;
using Glasklar.Telematics.Persistence;

namespace Glasklar.Telematics.Portal;

/// <summary>One stored position as the portal shows and exports it.</summary>
internal readonly record struct PortalPosition(
    long GpsTimeMs, long ReceivedMs, double Latitude, double Longitude, double? Altitude, double SpeedKmh, bool Valid,
    string? RoadType, int? LimitKmh, bool Unlimited, int? AdvisoryKmh)
{
    public DateTime GpsTimeUtc => DateTimeOffset.FromUnixTimeMilliseconds(GpsTimeMs).UtcDateTime;
}

/// <summary>The newest position of a box with the battery figures it carried.</summary>
internal sealed record LastPosition(PortalPosition Position, double? BatteryVoltage, double? BatteryPercent)
{
    public DateTime LastContactUtc => DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(Position.ReceivedMs, Position.GpsTimeMs)).UtcDateTime;
}

/// <summary>Plain-SQL reads of the positions table (outside the EF model, ADR 0020), streamed row by row.</summary>
internal sealed class PortalPositions(DbSession session)
{
    private const string Select = "\"GpsTimeMs\", \"ReceivedMs\", \"Latitude\", \"Longitude\", \"Altitude\", \"SpeedKmh\", \"Valid\", \"RoadType\", \"SpeedLimitKmh\", \"Unlimited\", \"AdvisoryKmh\"";

    private bool Postgres => session.Provider == DatabaseProvider.Postgres;

    private string Table => PositionTable.Name(Postgres);

    public async IAsyncEnumerable<PortalPosition> RangeAsync(Guid boxId, DateTime fromUtc, DateTime toUtc, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            $"SELECT {Select} FROM {Table} WHERE \"BoxId\" = {P(0)} AND \"GpsTimeMs\" >= {P(1)} AND \"GpsTimeMs\" < {P(2)} ORDER BY \"GpsTimeMs\"",
            cancellationToken, Box(boxId), PositionWriter.Millis(fromUtc), PositionWriter.Millis(toUtc));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    public async Task<long> CountAsync(IReadOnlyList<Guid> boxIds, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var box in boxIds)
        {
            await using var command = await CommandAsync(
                $"SELECT count(*) FROM {Table} WHERE \"BoxId\" = {P(0)} AND \"GpsTimeMs\" >= {P(1)} AND \"GpsTimeMs\" < {P(2)}",
                cancellationToken, Box(box), PositionWriter.Millis(fromUtc), PositionWriter.Millis(toUtc));
            total += Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        return total;
    }

    public async Task<LastPosition?> LastAsync(Guid boxId, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            $"SELECT {Select}, \"Attributes\" FROM {Table} WHERE \"BoxId\" = {P(0)} ORDER BY \"GpsTimeMs\" DESC LIMIT 1", cancellationToken, Box(boxId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var position = Read(reader);
        double? volts = null;
        double? percent = null;
        if (!reader.IsDBNull(11))
        {
            using var json = JsonDocument.Parse(reader.GetString(11));
            volts = Number(json.RootElement, "batteryVoltage");
            percent = Number(json.RootElement, "batteryLevel") ?? Number(json.RootElement, "batt");
        }

        return new LastPosition(position, volts, percent);
    }

    private static double? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static PortalPosition Read(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetDouble(2), r.GetDouble(3), r.IsDBNull(4) ? null : r.GetDouble(4), r.GetDouble(5), r.GetBoolean(6),
        r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetInt32(8), r.GetBoolean(9), r.IsDBNull(10) ? null : r.GetInt32(10));

    private object Box(Guid id) => Postgres ? id : PositionWriter.BoxKey(id);

    private string P(int index) => Postgres ? $"@p{index}" : $"$p{index}";

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
