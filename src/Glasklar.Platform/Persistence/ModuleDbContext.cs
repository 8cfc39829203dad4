using System.Linq.Expressions;
using Glasklar.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Platform.Persistence;

/// <summary>
/// Base of every module's DbContext. On PostgreSQL each module gets its own schema; table names are
/// prefixed with the module name anyway, so the same model also works in SQLite's single namespace.
/// Every entity that is <see cref="ITenantOwned"/> gets the tenant filter here, centrally, so no
/// query can forget it (issue 3: tenant isolation by construction).
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

    // Read by the query filters at query time (EF parameterises members of the context).
    private Guid CurrentOrganisationId => Session.Tenant.OrganisationId;

    private bool CrossTenant => Session.Tenant.CrossTenant;

    /// <summary>Sealed so the schema and the tenant filters are always applied; configure in <see cref="ConfigureModel"/>.</summary>
    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (Session.Provider == DatabaseProvider.Postgres)
        {
            modelBuilder.HasDefaultSchema(ModuleName);
        }

        ConfigureModel(modelBuilder);

        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)).ToList())
        {
            ApplyTenantFilter.MakeGenericMethod(entity.ClrType).Invoke(this, [modelBuilder]);
        }
    }

    /// <summary>The module's tables, keys and indexes.</summary>
    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    /// <summary>The table name every module uses: "{module}_{name}".</summary>
    protected string Table(string name) => $"{ModuleName}_{name}";

    private static readonly System.Reflection.MethodInfo ApplyTenantFilter =
        typeof(ModuleDbContext).GetMethod(nameof(FilterByTenant), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

    private void FilterByTenant<T>(ModelBuilder modelBuilder)
        where T : class, ITenantOwned
    {
        Expression<Func<T, bool>> filter = e => CrossTenant || e.OrganisationId == CurrentOrganisationId;
        modelBuilder.Entity<T>().HasQueryFilter(filter);
    }
}
