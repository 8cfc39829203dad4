using Microsoft.EntityFrameworkCore;

namespace Glasklar.Platform.Persistence;

/// <summary>
/// Base of every module's DbContext. On PostgreSQL each module gets its own schema; table names are
/// prefixed with the module name anyway, so the same model also works in SQLite's single namespace.
/// </summary>
public abstract class ModuleDbContext : DbContext
{
    protected ModuleDbContext(DbContextOptions options, DbSession session)
        : base(options)
    {
        Session = session;
        session.Enlist(this);
    }

    /// <summary>Schema on PostgreSQL, and the table-name prefix everywhere (e.g. "platform").</summary>
    public abstract string ModuleName { get; }

    protected DbSession Session { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (Session.Provider == DatabaseProvider.Postgres)
        {
            modelBuilder.HasDefaultSchema(ModuleName);
        }

        base.OnModelCreating(modelBuilder);
    }

    /// <summary>The table name every module uses: "{module}_{name}".</summary>
    protected string Table(string name) => $"{ModuleName}_{name}";
}
