using System.Data.Common;
using System.Globalization;
using Glasklar.Platform.Persistence;
using Glasklar.Telematics.Map;
using Glasklar.Telematics.Persistence;
using Glasklar.Telematics.Positions;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Glasklar.Telematics.Ingestion;

/// <summary>A position ready to be stored: the record, its box, when it arrived and its road match.</summary>
internal readonly record struct StoredPosition(Guid BoxId, PositionRecord Record, DateTime ReceivedUtc, RoadMatch? Road);

/// <summary>
/// Writes a batch of positions inside the caller's transaction. SQLite: one prepared statement reused
/// for the whole batch, bound by index (<see cref="SqlitePositionInsert"/>). PostgreSQL: binary COPY into a temporary staging table, then one INSERT … SELECT
/// into the month-partitioned table. Both skip rows whose (box, GPS time) is already stored, which makes
/// re-sent packets harmless.
/// </summary>
internal sealed class PositionWriter
{
    private readonly SemaphoreSlim _partitionLock = new(1, 1);
    private readonly HashSet<string> _partitions = new(StringComparer.Ordinal);

    public static string BoxKey(Guid id) => id.ToString().ToUpperInvariant();

    public async Task WriteAsync(IngestWrite session, IReadOnlyList<StoredPosition> positions, CancellationToken cancellationToken)
    {
        if (positions.Count == 0)
        {
            return;
        }

        if (session.Provider == DatabaseProvider.Postgres)
        {
            await WritePostgresAsync((NpgsqlConnection)session.Connection, positions, cancellationToken);
        }
        else
        {
            SqlitePositionInsert.Write((SqliteConnection)session.Connection, positions);
        }
    }

    private async Task WritePostgresAsync(NpgsqlConnection connection, IReadOnlyList<StoredPosition> positions, CancellationToken cancellationToken)
    {
        await EnsurePartitionsAsync(connection, positions, cancellationToken);
        await using (var stage = connection.CreateCommand())
        {
            stage.CommandText = $"CREATE TEMP TABLE IF NOT EXISTS positions_stage (LIKE {PositionTable.Name(true)}) ON COMMIT DELETE ROWS";
            await stage.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync($"COPY pg_temp.positions_stage ({PositionTable.Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var position in positions)
            {
                var r = position.Record;
                var road = position.Road;
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(position.BoxId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(Millis(r.GpsTimeUtc), NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(Millis(position.ReceivedUtc), NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(r.Latitude, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(r.Longitude, NpgsqlDbType.Double, cancellationToken);
                await WriteNullableAsync(copy, r.Altitude, NpgsqlDbType.Double, cancellationToken);
                await WriteNullableAsync(copy, r.Course, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(r.SpeedKmh, NpgsqlDbType.Double, cancellationToken);
                await WriteNullableAsync(copy, r.Satellites, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(copy, r.Hdop, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(r.Valid, NpgsqlDbType.Boolean, cancellationToken);
                await WriteNullableAsync(copy, road?.RoadType, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, road?.Limit.Kmh, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(road?.Limit.Unlimited == true, NpgsqlDbType.Boolean, cancellationToken);
                await WriteNullableAsync(copy, road?.Limit.AdvisoryKmh, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(copy, Attributes(r), NpgsqlDbType.Text, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {PositionTable.Name(true)} ({PositionTable.Columns}) SELECT {PositionTable.Columns} FROM pg_temp.positions_stage ON CONFLICT DO NOTHING";
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(value, type, cancellationToken);
        }
    }

    /// <summary>Monthly partitions are created on first use (DDL is transactional on PostgreSQL; one creator at a time).</summary>
    private async Task EnsurePartitionsAsync(NpgsqlConnection connection, IReadOnlyList<StoredPosition> positions, CancellationToken cancellationToken)
    {
        var needed = positions.Select(p => PositionTable.MonthPartition(Millis(p.Record.GpsTimeUtc))).Distinct().ToList();
        lock (_partitions)
        {
            needed.RemoveAll(n => _partitions.Contains(n.Name));
        }

        if (needed.Count == 0)
        {
            return;
        }

        // On a connection of its own (autocommit), so the partition exists for every worker at once and
        // is not rolled back with a failed batch.
        await _partitionLock.WaitAsync(cancellationToken);
        try
        {
            await using var own = (NpgsqlConnection)((ICloneable)connection).Clone();
            await own.OpenAsync(cancellationToken);
            foreach (var (name, from, to) in needed)
            {
                await using var command = own.CreateCommand();
                command.CommandText = string.Create(CultureInfo.InvariantCulture,
                    $"CREATE TABLE IF NOT EXISTS telematics.{name} PARTITION OF {PositionTable.Name(true)} FOR VALUES FROM ({from}) TO ({to})");
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            _partitionLock.Release();
        }

        lock (_partitions)
        {
            foreach (var n in needed)
            {
                _partitions.Add(n.Name);
            }
        }
    }

    /// <summary>Forgets which partitions exist (after retention dropped some).</summary>
    public void ForgetPartitions()
    {
        lock (_partitions)
        {
            _partitions.Clear();
        }
    }

    public static long Millis(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    private static string? Attributes(PositionRecord r) => AttributeJson.Serialize(r.Attributes);
}
