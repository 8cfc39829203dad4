using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Glasklar.Testing;

/// <summary>
/// A provider's own description of a database schema (tables, columns with type and nullability,
/// keys, indexes, foreign keys) as sorted lines, so two databases can be compared for drift.
/// Migration history tables are left out.
/// </summary>
public static class SchemaSnapshot
{
    public static async Task<IReadOnlyList<string>> ReadAsync(DbConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        var lines = connection switch
        {
            SqliteConnection sqlite => await ReadSqliteAsync(sqlite),
            NpgsqlConnection postgres => await ReadPostgresAsync(postgres),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };
        return lines.Where(l => !l.Contains("migrations", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<List<string>> ReadSqliteAsync(SqliteConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'", r => r.GetString(0));
        foreach (var table in tables)
        {
            lines.Add($"table {table}");
            lines.AddRange(await QueryAsync(connection, $"PRAGMA table_info('{table}')",
                r => $"column {table}.{r.GetString(1)} {r.GetString(2)} notnull={r.GetInt64(3)} pk={r.GetInt64(5)} default={(r.IsDBNull(4) ? "" : r.GetString(4))}"));
            lines.AddRange(await QueryAsync(connection, $"PRAGMA foreign_key_list('{table}')",
                r => $"fk {table}.{r.GetString(3)} -> {r.GetString(2)}.{r.GetString(4)} on delete {r.GetString(6)}"));
            var indexes = await QueryAsync(connection, $"PRAGMA index_list('{table}')", r => (Name: r.GetString(1), Unique: r.GetInt64(2)));
            foreach (var (name, unique) in indexes)
            {
                var columns = await QueryAsync(connection, $"PRAGMA index_info('{name}')", r => r.IsDBNull(2) ? "?" : r.GetString(2));
                lines.Add($"index {table} {name} unique={unique} ({string.Join(",", columns)})");
            }
        }

        return lines;
    }

    private static async Task<List<string>> ReadPostgresAsync(NpgsqlConnection connection)
    {
        const string userSchemas = "NOT IN ('pg_catalog', 'information_schema', 'pg_toast')";
        var lines = new List<string>();
        lines.AddRange(await QueryAsync(connection,
            $"SELECT table_schema, table_name, column_name, data_type, coalesce(character_maximum_length, -1), is_nullable, coalesce(column_default, '') " +
            $"FROM information_schema.columns WHERE table_schema {userSchemas}",
            r => $"column {r.GetString(0)}.{r.GetString(1)}.{r.GetString(2)} {r.GetString(3)}({r.GetInt32(4)}) nullable={r.GetString(5)} default={r.GetString(6)}"));
        lines.AddRange(await QueryAsync(connection,
            $"SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes WHERE schemaname {userSchemas}",
            r => $"index {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}: {r.GetString(3)}"));
        lines.AddRange(await QueryAsync(connection,
            $"SELECT tc.table_schema, tc.table_name, tc.constraint_name, tc.constraint_type FROM information_schema.table_constraints tc " +
            $"WHERE tc.table_schema {userSchemas} AND tc.constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY', 'UNIQUE')",
            r => $"constraint {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)} {r.GetString(3)}"));
        lines.AddRange(await QueryAsync(connection,
            $"SELECT constraint_schema, constraint_name, delete_rule FROM information_schema.referential_constraints WHERE constraint_schema {userSchemas}",
            r => $"fk {r.GetString(0)}.{r.GetString(1)} on delete {r.GetString(2)}"));
        return lines;
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> map)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<T>();
        while (await reader.ReadAsync())
        {
            result.Add(map(reader));
        }

        return result;
    }
}
