using Glasklar.Platform.Persistence;
using Glasklar.Testing;
using Microsoft.Data.Sqlite;

namespace Glasklar.Platform.Tests.Persistence;

/// <summary>
/// The connections Glasklar opens wait for a busy SQLite database inside SQLite (ADR 0029), and a writer
/// behind another connection's open transaction gets through once that one commits.
/// </summary>
public sealed class SqliteBusyTimeoutTests
{
    [Fact]
    public async Task A_scope_connection_waits_inside_sqlite_for_as_long_as_its_command_timeout()
    {
        await using var database = await Providers.CreateDatabaseAsync(Providers.Sqlite);
        await using var session = new DbSession(new DatabaseOptions(DatabaseProvider.Sqlite, database.ConnectionString));
        await session.Connection.OpenAsync(TestContext.Current.CancellationToken);

        (await BusyTimeoutAsync((SqliteConnection)session.Connection)).ShouldBe(((SqliteConnection)session.Connection).DefaultTimeout * 1000L);
    }

    [Fact]
    public async Task A_writer_behind_an_open_transaction_gets_through_after_its_commit()
    {
        await using var database = await Providers.CreateDatabaseAsync(Providers.Sqlite);
        await using var holder = SqliteConnections.Create(database.ConnectionString);
        await using var writer = SqliteConnections.Create(database.ConnectionString);
        await holder.OpenAsync(TestContext.Current.CancellationToken);
        await writer.OpenAsync(TestContext.Current.CancellationToken);
        await ExecuteAsync(holder, "PRAGMA journal_mode=WAL; CREATE TABLE t (x INTEGER);");

        await using var transaction = await holder.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await ExecuteAsync(holder, "INSERT INTO t VALUES (1);", (SqliteTransaction)transaction);
        var blocked = Task.Run(() => ExecuteAsync(writer, "INSERT INTO t VALUES (2);"), TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        blocked.IsCompleted.ShouldBeFalse();
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
        await blocked;

        await using var count = holder.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM t;";
        (await count.ExecuteScalarAsync(TestContext.Current.CancellationToken)).ShouldBe(2L);
    }

    private static async Task<long> BusyTimeoutAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
