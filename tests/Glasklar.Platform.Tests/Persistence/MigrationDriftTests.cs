using Glasklar.Platform.Persistence;
using Glasklar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Platform.Tests.Persistence;

/// <summary>
/// The hand-written migrations must build exactly the schema the EF model describes: a database
/// migrated from empty is compared with one created straight from the model.
/// </summary>
public abstract class MigrationDriftTests(string provider)
{
    [Fact]
    public async Task Migrating_an_empty_database_yields_the_schema_of_the_model()
    {
        await using var migrated = await Providers.CreateDatabaseAsync(provider);
        await using var fromModel = await Providers.CreateDatabaseAsync(provider);

        await using (var services = PlatformServices.Build(migrated))
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        }

        await using (var services = PlatformServices.Build(fromModel))
        await using (var scope = services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
            created.ShouldBeTrue();
        }

        var migratedSchema = await ReadSchemaAsync(migrated);
        var modelSchema = await ReadSchemaAsync(fromModel);

        migratedSchema.ShouldContain(line => line.Contains("platform_organisations", StringComparison.Ordinal));
        migratedSchema.ShouldBe(modelSchema);
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing_and_reports_no_pending_migration()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = PlatformServices.Build(database);
        var migrator = services.GetRequiredService<DatabaseMigrator>();

        await migrator.MigrateAsync(TestContext.Current.CancellationToken);
        var first = await ReadSchemaAsync(database);
        await migrator.MigrateAsync(TestContext.Current.CancellationToken);

        (await ReadSchemaAsync(database)).ShouldBe(first);
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        (await context.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
        (await context.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).ShouldNotBeEmpty();
    }

    private static async Task<IReadOnlyList<string>> ReadSchemaAsync(TestDatabase database)
    {
        await using var connection = DbSession.Create(new DatabaseOptions(Enum.Parse<DatabaseProvider>(database.Provider), database.ConnectionString));
        return await SchemaSnapshot.ReadAsync(connection);
    }
}

public sealed class MigrationDriftTestsSqlite() : MigrationDriftTests(Providers.Sqlite);

public sealed class MigrationDriftTestsPostgres() : MigrationDriftTests(Providers.Postgres);
