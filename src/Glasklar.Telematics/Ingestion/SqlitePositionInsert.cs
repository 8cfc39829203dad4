using System.Text;
using Glasklar.Telematics.Persistence;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Glasklar.Telematics.Ingestion;

/// <summary>
/// The SQLite position insert on the connection's native handle (the SQLitePCLRaw layer Microsoft.Data.Sqlite
/// itself runs on, no further package): prepared once per batch, parameters bound by index, step and reset per
/// row. That spares the ADO.NET per-row work (parameter lookup by name, data reader per execute), which was the
/// largest share of the write (ADR 0021). Runs inside the caller's transaction on the same connection.
/// </summary>
internal static class SqlitePositionInsert
{
    private static readonly string Sql =
        $"INSERT INTO {PositionTable.Table} ({PositionTable.Columns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) ON CONFLICT DO NOTHING";

    public static void Write(SqliteConnection connection, IReadOnlyList<StoredPosition> positions)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("Die SQLite-Verbindung ist nicht geöffnet.");
        Check(db, raw.sqlite3_prepare_v2(db, Sql, out var statement));
        using var _ = statement;
        var lastBox = Guid.Empty;
        byte[] key = [];
        foreach (var position in positions)
        {
            var r = position.Record;
            var road = position.Road;
            if (position.BoxId != lastBox || key.Length == 0)
            {
                (lastBox, key) = (position.BoxId, Encoding.ASCII.GetBytes(PositionWriter.BoxKey(position.BoxId)));
            }

            raw.sqlite3_bind_text(statement, 1, key);
            raw.sqlite3_bind_int64(statement, 2, PositionWriter.Millis(r.GpsTimeUtc));
            raw.sqlite3_bind_int64(statement, 3, PositionWriter.Millis(position.ReceivedUtc));
            raw.sqlite3_bind_double(statement, 4, r.Latitude);
            raw.sqlite3_bind_double(statement, 5, r.Longitude);
            Double(statement, 6, r.Altitude);
            Double(statement, 7, r.Course);
            raw.sqlite3_bind_double(statement, 8, r.SpeedKmh);
            Integer(statement, 9, r.Satellites);
            Double(statement, 10, r.Hdop);
            raw.sqlite3_bind_int(statement, 11, r.Valid ? 1 : 0);
            if (road?.RoadType is { } type)
            {
                raw.sqlite3_bind_text(statement, 12, type);
            }
            else
            {
                raw.sqlite3_bind_null(statement, 12);
            }

            Integer(statement, 13, road?.Limit.Kmh);
            raw.sqlite3_bind_int(statement, 14, road?.Limit.Unlimited == true ? 1 : 0);
            Integer(statement, 15, road?.Limit.AdvisoryKmh);
            if (AttributeJson.SerializeUtf8(r.Attributes) is { } json)
            {
                raw.sqlite3_bind_text(statement, 16, json.Span);
            }
            else
            {
                raw.sqlite3_bind_null(statement, 16);
            }

            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE)
            {
                Check(db, rc);
            }

            raw.sqlite3_reset(statement);
        }
    }

    private static void Double(sqlite3_stmt statement, int index, double? value)
    {
        if (value is { } v)
        {
            raw.sqlite3_bind_double(statement, index, v);
        }
        else
        {
            raw.sqlite3_bind_null(statement, index);
        }
    }

    private static void Integer(sqlite3_stmt statement, int index, int? value)
    {
        if (value is { } v)
        {
            raw.sqlite3_bind_int(statement, index, v);
        }
        else
        {
            raw.sqlite3_bind_null(statement, index);
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite-Fehler beim Speichern der Positionen: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
        }
    }
}
