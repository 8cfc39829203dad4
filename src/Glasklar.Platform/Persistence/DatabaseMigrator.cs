using Glasklar.Platform.Configuration;
using Glasklar.Platform.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glasklar.Platform.Persistence;

/// <summary>Creates and migrates the database for every registered module, then seeds demo data if enabled.</summary>
public sealed class DatabaseMigrator(
    IServiceScopeFactory scopes,
    DatabaseOptions database,
    IOptions<GlasklarOptions> glasklar,
    IEnumerable<ModuleContextRegistration> modules,
    ILogger<DatabaseMigrator> logger)
{
    public bool DemoEnabled => glasklar.Value.Demo ?? database.Provider == DatabaseProvider.Sqlite;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            PrepareSqliteFile();
        }

        foreach (var module in modules)
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            await context.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Module {Module}: {Count} Migration(en) angewendet", module.ModuleName, pending);
        }
    }

    public async Task SeedDemoDataAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var seeders = scope.ServiceProvider.GetServices<IDemoDataSeeder>().OrderBy(s => s.Order);
        foreach (var seeder in seeders)
        {
            await seeder.SeedAsync(scope.ServiceProvider, cancellationToken);
        }
    }

    private void PrepareSqliteFile()
    {
        var builder = new SqliteConnectionStringBuilder(database.ConnectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // WAL lets readers work while the writer commits; it is stored in the file, so once is enough.
        using var connection = SqliteConnections.Create(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}
