using System.Data.Common;
using Glasklar.Platform.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Glasklar.Telematics.Ingestion;

/// <summary>
/// The connections the pipeline writes on (ADR 0021). SQLite has one writer anyway, so the pipeline keeps one
/// dedicated connection, configured once (<see cref="SqlitePragmas"/>), and the partitions take turns on it.
/// PostgreSQL: every partition keeps a connection of its own, so partitions write in parallel and the COPY
/// staging table (a temporary table) is created once per connection instead of once per batch.
/// </summary>
internal sealed class IngestConnections(DatabaseOptions database) : IAsyncDisposable
{
    /// <summary>
    /// WAL with synchronous=FULL: every commit is fsynced before it returns, so an acknowledged record survives a
    /// process kill and a power loss (NORMAL would only survive the former). A larger page cache keeps the
    /// positions table's hot pages (one insertion point per box) in memory. The writer does not checkpoint in its
    /// commits (that would delay the acks); <see cref="CheckpointAsync"/> does it in the background.
    /// </summary>
    public const string SqlitePragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=67108864;";

    /// <summary>
    /// A WAL holding more than this that passive checkpoints have not copied yet is checkpointed and truncated in the
    /// writer's turn (bounds the file if they cannot catch up). journal_size_limit trims the file when it is reused.
    /// </summary>
    private const long MaxWalBytes = 256L * 1024 * 1024;

    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromMilliseconds(250);
    private readonly SemaphoreSlim _sqliteTurn = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _checkpointer;
    private readonly Dictionary<int, NpgsqlConnection> _postgres = [];
    private SqliteConnection? _sqlite;

    public DatabaseProvider Provider => database.Provider;

    /// <summary>The connection for a batch of <paramref name="partition"/> (each partition leases one at a time).</summary>
    public async Task<Lease> LeaseAsync(int partition, CancellationToken cancellationToken)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            NpgsqlConnection? connection;
            lock (_postgres)
            {
                _postgres.TryGetValue(partition, out connection);
            }

            if (connection is null)
            {
                connection = new NpgsqlConnection(database.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                lock (_postgres)
                {
                    _postgres[partition] = connection;
                }
            }

            return new Lease(this, DatabaseProvider.Postgres, connection, partition);
        }

        await _sqliteTurn.WaitAsync(cancellationToken);
        try
        {
            if (_sqlite is null)
            {
                var sqlite = SqliteConnections.Create(database.ConnectionString);
                await sqlite.OpenAsync(cancellationToken);
                await using var command = sqlite.CreateCommand();
                command.CommandText = SqlitePragmas;
                await command.ExecuteNonQueryAsync(cancellationToken);
                _sqlite = sqlite;
            }

            _checkpointer ??= Task.Run(CheckpointAsync);

            return new Lease(this, DatabaseProvider.Sqlite, _sqlite, -1);
        }
        catch
        {
            _sqliteTurn.Release();
            throw;
        }
    }

    private async ValueTask ReturnAsync(Lease lease)
    {
        var broken = lease.Connection.State != System.Data.ConnectionState.Open;
        if (lease.Partition >= 0)
        {
            if (broken)
            {
                lock (_postgres)
                {
                    _postgres.Remove(lease.Partition); // open a fresh one next time
                }

                await lease.Connection.DisposeAsync();
            }

            return;
        }

        if (broken && ReferenceEquals(lease.Connection, _sqlite))
        {
            _sqlite = null;
            await lease.Connection.DisposeAsync();
        }

        _sqliteTurn.Release();
    }

    /// <summary>
    /// Passive checkpoints on a connection of their own (they copy committed WAL frames into the database file
    /// while the writer goes on), and a truncating one in the writer's turn when the WAL grew too large.
    /// </summary>
    private async Task CheckpointAsync()
    {
        try
        {
            await using var connection = SqliteConnections.Create(database.ConnectionString);
            await connection.OpenAsync(_stop.Token);
            var pageSize = Convert.ToInt64(await ScalarAsync(connection, "PRAGMA page_size;", _stop.Token), System.Globalization.CultureInfo.InvariantCulture);
            var backlog = 0L;
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(CheckpointEvery, _stop.Token);

                // Only a WAL that passive checkpoints could not drain is truncated in the writer's turn. The file's
                // length is no measure: SQLite reuses the WAL from its start once a checkpoint caught up, so the
                // file stays long while holding little (that misfired every few seconds and stalled acks ~200 ms).
                if (backlog * pageSize > MaxWalBytes)
                {
                    await _sqliteTurn.WaitAsync(_stop.Token);
                    try
                    {
                        await Pragma(_sqlite ?? connection, "PRAGMA wal_checkpoint(TRUNCATE);", _stop.Token);
                    }
                    finally
                    {
                        _sqliteTurn.Release();
                    }

                    backlog = 0;
                    continue;
                }

                // Result row: busy flag, frames in the WAL, frames copied into the database by now.
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                await using var reader = await command.ExecuteReaderAsync(_stop.Token);
                backlog = await reader.ReadAsync(_stop.Token) ? reader.GetInt64(1) - reader.GetInt64(2) : 0;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SqliteException)
        {
            // Database gone (tests delete it) or busy: the next writer start begins a new checkpointer.
            _checkpointer = null;
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task Pragma(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_checkpointer is { } checkpointer)
        {
            await checkpointer;
        }

        List<NpgsqlConnection> open;
        lock (_postgres)
        {
            open = [.. _postgres.Values];
            _postgres.Clear();
        }

        foreach (var connection in open)
        {
            await connection.DisposeAsync();
        }

        await _sqliteTurn.WaitAsync();
        try
        {
            if (_sqlite is not null)
            {
                // The connection goes back to the pool: other users checkpoint again as SQLite does by default.
                try
                {
                    await Pragma(_sqlite, "PRAGMA wal_autocheckpoint=1000;", CancellationToken.None);
                }
                catch (SqliteException)
                {
                }

                await _sqlite.DisposeAsync();
                _sqlite = null;
            }
        }
        finally
        {
            _sqliteTurn.Release();
        }
    }

    /// <summary>One batch's use of a connection; disposing it hands the SQLite writer turn on.</summary>
    internal sealed class Lease(IngestConnections owner, DatabaseProvider provider, DbConnection connection, int partition) : IAsyncDisposable
    {
        public DatabaseProvider Provider { get; } = provider;

        public DbConnection Connection { get; } = connection;

        /// <summary>The PostgreSQL partition owning the connection; -1 for the shared SQLite writer.</summary>
        public int Partition { get; } = partition;

        public ValueTask DisposeAsync() => owner.ReturnAsync(this);
    }
}
