namespace Glasklar.Platform.Persistence;

public enum DatabaseProvider
{
    /// <summary>Embedded default: one file under the data directory, WAL mode.</summary>
    Sqlite,

    /// <summary>Production: PostgreSQL via Npgsql.</summary>
    Postgres,
}
