using Glasklar.Platform.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Glasklar.Platform.Persistence;

/// <summary>Registered once per module context; the migrator walks these in registration order.</summary>
public sealed record ModuleContextRegistration(Type ContextType, string ModuleName);

public static class ModuleDbContextRegistrationExtensions
{
    /// <summary>
    /// Registers a module's DbContext on the scope's shared connection (<see cref="DbSession"/>), with
    /// its own migrations history table, so several modules can live in one database.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, string moduleName)
        where TContext : ModuleDbContext
    {
        services.AddSingleton(new ModuleContextRegistration(typeof(TContext), moduleName));
        services.AddDbContext<TContext>((sp, options) =>
        {
            var session = sp.GetRequiredService<DbSession>();
            ConfigureProvider(options, session.Provider, session.Connection, moduleName, typeof(TContext).Assembly.GetName().Name!);
        });
        return services;
    }

    internal static void ConfigureProvider(DbContextOptionsBuilder options, DatabaseProvider provider, System.Data.Common.DbConnection connection, string moduleName, string migrationsAssembly)
    {
        var historyTable = $"__{moduleName}_migrations";
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connection, o => o.MigrationsAssembly(migrationsAssembly).MigrationsHistoryTable(historyTable));
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(connection, o => o.MigrationsAssembly(migrationsAssembly).MigrationsHistoryTable(historyTable, moduleName));
                break;
        }

        // Migrations are hand-written without a model snapshot; drift is caught by the schema tests instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    internal static void AddPersistence(this IServiceCollection services)
    {
        services.TryAddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
            var glasklar = sp.GetRequiredService<IOptions<GlasklarOptions>>().Value;
            return DatabaseOptions.FromConfiguration(configuration, glasklar);
        });
        services.TryAddScoped<DbSession>();
        services.TryAddSingleton<SqliteWriteGate>();
        services.TryAddSingleton<DatabaseMigrator>();
    }
}
