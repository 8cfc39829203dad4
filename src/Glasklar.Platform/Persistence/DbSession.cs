using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Glasklar.Platform.Persistence;

/// <summary>
/// One database connection per request scope, shared by every module's DbContext, so work that must be
/// atomic across modules (an action plus its audit entry or consent record) runs in one transaction.
/// </summary>
public sealed class DbSession(DatabaseOptions options) : IAsyncDisposable, IDisposable
{
    private readonly List<DbContext> _contexts = [];
    private readonly List<Action> _afterCommit = [];
    private DbConnection? _connection;

    public DatabaseProvider Provider => options.Provider;

    /// <summary>Tenant isolation for every module context of this scope (see ModuleDbContext).</summary>
    public Glasklar.Platform.Tenancy.TenantScope Tenant { get; set; } = Glasklar.Platform.Tenancy.TenantScope.Nobody;

    /// <summary>The transaction every module context enlists in while it is open.</summary>
    public DbTransaction? CurrentTransaction { get; private set; }

    public DbConnection Connection => _connection ??= Create(options);

    public async Task<DbTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default)
    {
        if (CurrentTransaction is not null)
        {
            throw new InvalidOperationException("Es läuft bereits eine Transaktion in dieser Sitzung.");
        }

        if (Connection.State != System.Data.ConnectionState.Open)
        {
            await Connection.OpenAsync(cancellationToken);
        }

        CurrentTransaction = await Connection.BeginTransactionAsync(cancellationToken);
        foreach (var context in _contexts)
        {
            await context.Database.UseTransactionAsync(CurrentTransaction, cancellationToken);
        }

        return CurrentTransaction;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction; commits only if it returns true.</summary>
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<(bool Commit, T Result)>> work, CancellationToken cancellationToken = default)
    {
        var transaction = await BeginTransactionAsync(cancellationToken);
        try
        {
            var (commit, result) = await work(cancellationToken);
            if (commit)
            {
                await transaction.CommitAsync(cancellationToken);
                RunAfterCommit();
            }
            else
            {
                await transaction.RollbackAsync(cancellationToken);
            }

            return result;
        }
        catch
        {
            await transaction.RollbackAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            _afterCommit.Clear();
            foreach (var context in _contexts)
            {
                await context.Database.UseTransactionAsync(null, CancellationToken.None);
            }

            await transaction.DisposeAsync();
            CurrentTransaction = null;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside the scope's open transaction, or in a new one that commits when the work
    /// completes; either way the work's writes land together with whatever the caller's transaction holds.
    /// </summary>
    public async Task JoinOrBeginTransactionAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken = default)
    {
        if (CurrentTransaction is not null)
        {
            await work(cancellationToken);
            return;
        }

        await InTransactionAsync(async ct =>
        {
            await work(ct);
            return (true, true);
        }, cancellationToken);
    }

    /// <summary>
    /// Work outside the database that must only happen once the scope's writes are durable, such as deleting the
    /// files of rows that were just deleted: with an open transaction it runs after the commit and is dropped on a
    /// rollback (the rows, and so their files, are still there); without one the writes are already committed and it
    /// runs at once. Register it after the SaveChanges whose rows it belongs to.
    /// </summary>
    public void AfterCommit(Action action)
    {
        if (CurrentTransaction is null)
        {
            action();
        }
        else
        {
            _afterCommit.Add(action);
        }
    }

    private void RunAfterCommit()
    {
        foreach (var action in _afterCommit)
        {
            action();
        }
    }

    /// <summary>Called by every module context on creation, so it joins the scope's transaction.</summary>
    internal void Enlist(DbContext context)
    {
        _contexts.Add(context);
        if (CurrentTransaction is not null)
        {
            context.Database.UseTransaction(CurrentTransaction);
        }
    }

    internal static DbConnection Create(DatabaseOptions options) => options.Provider switch
    {
        DatabaseProvider.Sqlite => SqliteConnections.Create(options.ConnectionString),
        DatabaseProvider.Postgres => new NpgsqlConnection(options.ConnectionString),
        _ => throw new ArgumentOutOfRangeException(nameof(options)),
    };

    public void Dispose()
    {
        CurrentTransaction?.Dispose();
        _connection?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (CurrentTransaction is not null)
        {
            await CurrentTransaction.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
