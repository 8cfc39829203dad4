using Npgsql;

namespace Glasklar.Testing;

/// <summary>
/// A real, empty database for one test fixture: a SQLite file in a temporary directory, or a fresh
/// PostgreSQL database on the server named by GLASKLAR_TEST_POSTGRES. Disposing removes it.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "GLASKLAR_TEST_POSTGRES";

    protected TestDatabase(string dataDirectory)
    {
        DataDirectory = dataDirectory;
    }

    /// <summary>"Sqlite" or "Postgres", as in Database:Provider.</summary>
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    /// <summary>Glasklar's data directory for this fixture (SQLite file, keys, mail pickup).</summary>
    public string DataDirectory { get; }

    public static string? PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static bool PostgresAvailable => PostgresAdminConnectionString is not null;

    /// <summary>The configuration keys that point Glasklar at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider,
        ["ConnectionStrings:Glasklar"] = ConnectionString,
        ["Glasklar:DataDirectory"] = DataDirectory,

        // Device listeners on free ports, so parallel test hosts never collide on 5027/5055.
        ["Telematics:Teltonika:Port"] = "0",
        ["Telematics:OsmAnd:Port"] = "0",
    };

    public static TestDatabase CreateSqlite() => new SqliteTestDatabase(NewDirectory());

    public static async Task<TestDatabase> CreatePostgresAsync()
    {
        var admin = PostgresAdminConnectionString
            ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
        var name = "glasklar_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new PostgresTestDatabase(NewDirectory(), builder.ConnectionString, admin, name);
    }

    public static Task<TestDatabase> CreateAsync(string provider) =>
        provider == "Postgres" ? CreatePostgresAsync() : Task.FromResult(CreateSqlite());

    public virtual ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finishing process; the temp directory is cleaned by the OS later.
        }

        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private static string NewDirectory() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "glasklar-test-" + Guid.NewGuid().ToString("N")[..12])).FullName;

    private sealed class SqliteTestDatabase(string dataDirectory) : TestDatabase(dataDirectory)
    {
        public override string Provider => "Sqlite";

        public override string ConnectionString =>
            $"Data Source={Path.Combine(DataDirectory, "glasklar.db")};Foreign Keys=True;Pooling=False";
    }

    private sealed class PostgresTestDatabase(string dataDirectory, string connectionString, string admin, string name)
        : TestDatabase(dataDirectory)
    {
        public override string Provider => "Postgres";

        public override string ConnectionString => connectionString;

        public override async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
            }

            await base.DisposeAsync();
        }
    }
}
