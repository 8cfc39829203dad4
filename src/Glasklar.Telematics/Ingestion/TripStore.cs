using System.Globalization;
using System.Text;
using Glasklar.Platform.Persistence;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Trips;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Glasklar.Telematics.Ingestion;

/// <summary>
/// The hot-path SQL of a batch besides the positions, without EF change tracking (ADR 0021): which of the
/// batch's boxes still collect (checked inside the write transaction, C18), the trip-state checkpoints as
/// one upsert, and the finished trips. Values are written exactly as EF stores them (SQLite: Guid as
/// upper-case text, DateTime as "yyyy-MM-dd HH:mm:ss.FFFFFFF"; PostgreSQL: uuid and timestamptz), so the
/// EF model reads them unchanged; the migration-drift test keeps the tables themselves in line.
/// </summary>
internal static class TripStore
{
    private const string StateColumns =
        "\"BoxId\", \"OrganisationId\", \"LastFixUtc\", \"LastLatitude\", \"LastLongitude\", \"LastSpeedKmh\", \"Driving\", " +
        "\"TripStartUtc\", \"TripStartLatitude\", \"TripStartLongitude\", \"LastMovingUtc\", \"StopSinceUtc\", \"StopLatitude\", " +
        "\"StopLongitude\", \"DistanceMeters\", \"MaxSpeedKmh\"";

    private const string TripColumns =
        "\"Id\", \"OrganisationId\", \"BoxId\", \"StartUtc\", \"EndUtc\", \"StartLatitude\", \"StartLongitude\", \"EndLatitude\", " +
        "\"EndLongitude\", \"DistanceMeters\", \"MaxSpeedKmh\"";

    private static readonly string StateUpdate = string.Join(", ", StateColumns.Split(", ").Skip(1).Select(c => $"{c} = excluded.{c}"));

    private static string TableName(bool postgres, string name) => postgres ? $"telematics.telematics_{name}" : $"telematics_{name}";

    /// <summary>The ids among <paramref name="ids"/> whose box is active right now (inside the caller's transaction).</summary>
    public static async Task<HashSet<Guid>> ActiveBoxesAsync(IngestWrite session, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var active = new HashSet<Guid>(ids.Count);
        if (session.Provider == DatabaseProvider.Postgres)
        {
            await using var command = ((NpgsqlConnection)session.Connection).CreateCommand();
            command.Transaction = (NpgsqlTransaction)session.Transaction;
            command.CommandText = $"SELECT \"Id\" FROM {TableName(true, "boxes")} WHERE \"Status\" = {(int)BoxStatus.Active} AND \"Id\" = ANY($1)";
            command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                active.Add(reader.GetGuid(0));
            }

            return active;
        }

        await using (var sqlite = ((SqliteConnection)session.Connection).CreateCommand())
        {
            sqlite.Transaction = (SqliteTransaction)session.Transaction;
            sqlite.CommandText = $"SELECT \"Id\" FROM {TableName(false, "boxes")} WHERE \"Status\" = {(int)BoxStatus.Active} AND \"Id\" IN (SELECT value FROM json_each($ids))";
            var json = new StringBuilder(ids.Count * 40).Append('[');
            foreach (var id in ids)
            {
                json.Append(json.Length > 1 ? ",\"" : "\"").Append(PositionWriter.BoxKey(id)).Append('"');
            }

            sqlite.Parameters.AddWithValue("$ids", json.Append(']').ToString());
            await using var reader = await sqlite.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                active.Add(Guid.Parse(reader.GetString(0)));
            }
        }

        return active;
    }

    /// <summary>Upserts the checkpoints and inserts the trips, in the caller's transaction.</summary>
    public static async Task WriteAsync(IngestWrite session, IReadOnlyCollection<TripState> states, IReadOnlyCollection<Trip> trips, CancellationToken cancellationToken)
    {
        if (session.Provider == DatabaseProvider.Postgres)
        {
            await WritePostgresAsync((NpgsqlConnection)session.Connection, states, trips, cancellationToken);
        }
        else
        {
            await WriteSqliteAsync((SqliteConnection)session.Connection, (SqliteTransaction)session.Transaction, states, trips, cancellationToken);
        }
    }

    private static async Task WriteSqliteAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyCollection<TripState> states, IReadOnlyCollection<Trip> trips, CancellationToken cancellationToken)
    {
        if (states.Count > 0)
        {
            await using var command = Prepared(connection, transaction,
                $"INSERT INTO {TableName(false, "trip_states")} ({StateColumns}) VALUES ({Placeholders(16)}) ON CONFLICT (\"BoxId\") DO UPDATE SET {StateUpdate}", 16, out var p);
            foreach (var s in states)
            {
                p[0].Value = PositionWriter.BoxKey(s.BoxId);
                p[1].Value = PositionWriter.BoxKey(s.OrganisationId);
                p[2].Value = SqliteTime(s.LastFixUtc);
                p[3].Value = s.LastLatitude;
                p[4].Value = s.LastLongitude;
                p[5].Value = s.LastSpeedKmh;
                p[6].Value = s.Driving ? 1 : 0;
                p[7].Value = SqliteTime(s.TripStartUtc);
                p[8].Value = s.TripStartLatitude;
                p[9].Value = s.TripStartLongitude;
                p[10].Value = SqliteTime(s.LastMovingUtc);
                p[11].Value = SqliteTime(s.StopSinceUtc);
                p[12].Value = s.StopLatitude;
                p[13].Value = s.StopLongitude;
                p[14].Value = s.DistanceMeters;
                p[15].Value = s.MaxSpeedKmh;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (trips.Count > 0)
        {
            await using var command = Prepared(connection, transaction,
                $"INSERT INTO {TableName(false, "trips")} ({TripColumns}) VALUES ({Placeholders(11)}) ON CONFLICT DO NOTHING", 11, out var p);
            foreach (var t in trips)
            {
                p[0].Value = PositionWriter.BoxKey(t.Id);
                p[1].Value = PositionWriter.BoxKey(t.OrganisationId);
                p[2].Value = PositionWriter.BoxKey(t.BoxId);
                p[3].Value = SqliteTime(t.StartUtc);
                p[4].Value = SqliteTime(t.EndUtc);
                p[5].Value = t.StartLatitude;
                p[6].Value = t.StartLongitude;
                p[7].Value = t.EndLatitude;
                p[8].Value = t.EndLongitude;
                p[9].Value = t.DistanceMeters;
                p[10].Value = t.MaxSpeedKmh;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static SqliteCommand Prepared(SqliteConnection connection, SqliteTransaction transaction, string sql, int count, out SqliteParameter[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        parameters = new SqliteParameter[count];
        for (var i = 0; i < count; i++)
        {
            parameters[i] = command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i.ToString(CultureInfo.InvariantCulture) });
        }

        command.Prepare();
        return command;
    }

    private static string Placeholders(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => "$p" + i.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The text EF Core's SQLite provider stores for a DateTime (so comparisons in EF queries keep working).</summary>
    private static object SqliteTime(DateTime? utc) =>
        utc is { } t ? t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) : DBNull.Value;

    private static async Task WritePostgresAsync(NpgsqlConnection connection, IReadOnlyCollection<TripState> states, IReadOnlyCollection<Trip> trips, CancellationToken cancellationToken)
    {
        if (states.Count > 0)
        {
            // One statement for all checkpoints: arrays unnested into rows, then an upsert.
            await using var command = connection.CreateCommand();
            var casts = new[] { "uuid", "uuid", "timestamptz", "float8", "float8", "float8", "bool", "timestamptz", "float8", "float8", "timestamptz", "timestamptz", "float8", "float8", "float8", "float8" };
            command.CommandText = $"INSERT INTO {TableName(true, "trip_states")} ({StateColumns}) SELECT * FROM unnest({string.Join(", ", casts.Select((c, i) => $"${i + 1}::{c}[]"))}) ON CONFLICT (\"BoxId\") DO UPDATE SET {StateUpdate}";
            command.Parameters.Add(Array(states.Select(s => s.BoxId).ToArray()));
            command.Parameters.Add(Array(states.Select(s => s.OrganisationId).ToArray()));
            command.Parameters.Add(Array(states.Select(s => Utc(s.LastFixUtc)).ToArray()));
            command.Parameters.Add(Array(states.Select(s => s.LastLatitude).ToArray()));
            command.Parameters.Add(Array(states.Select(s => s.LastLongitude).ToArray()));
            command.Parameters.Add(Array(states.Select(s => s.LastSpeedKmh).ToArray()));
            command.Parameters.Add(Array(states.Select(s => s.Driving).ToArray()));
            command.Parameters.Add(Array(states.Select(s => Utc(s.TripStartUtc)).ToArray()));
            command.Parameters.Add(Array(states.Select(s => s.TripStartLatitude).ToArray()));
            command.Parameters.Add(Array(states.Select(s => s.TripStartLongitude).ToArray()));
            command.Parameters.Add(Array(states.Select(s => Utc(s.LastMovingUtc)).ToArray()));
            command.Parameters.Add(Array(states.Select(s => Utc(s.StopSinceUtc)).ToArray()));
            command.Parameters.Add(Array(states.Select(s => s.StopLatitude).ToArray()));
            command.Parameters.Add(Array(states.Select(s => s.StopLongitude).ToArray()));
            command.Parameters.Add(Array(states.Select(s => s.DistanceMeters).ToArray()));
            command.Parameters.Add(Array(states.Select(s => s.MaxSpeedKmh).ToArray()));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var t in trips)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO {TableName(true, "trips")} ({TripColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING";
            object[] values = [t.Id, t.OrganisationId, t.BoxId, Utc(t.StartUtc)!, Utc(t.EndUtc)!, t.StartLatitude, t.StartLongitude, t.EndLatitude, t.EndLongitude, t.DistanceMeters, t.MaxSpeedKmh];
            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static NpgsqlParameter Array<T>(T[] values) => new NpgsqlParameter<T[]> { TypedValue = values };

    private static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;
}
