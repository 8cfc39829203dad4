using Glasklar.Platform.Persistence;
using Glasklar.Privacy.Persistence;
using Glasklar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Privacy.Tests.Consent;

/// <summary>The hand-written privacy migration must build exactly the schema of the EF model (ADR 0002).</summary>
[Trait("Promise", "X2")]
public abstract class ConsentMigrationDriftTests(string provider)
{
    [Fact]
    public async Task Migrating_an_empty_database_yields_the_schema_of_the_privacy_model()
    {
        await using var migrated = await Providers.CreateDatabaseAsync(provider);
        await using var fromModel = await Providers.CreateDatabaseAsync(provider);

        await using (var services = await PrivacyServices.MigratedAsync(migrated))
        {
        }

        await using (var services = PrivacyServices.Build(fromModel))
        await using (var scope = services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<PrivacyDbContext>().Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
            created.ShouldBeTrue();
        }

        // The migrated database also holds the platform's tables; the model database only the privacy ones.
        var migratedSchema = (await ReadSchemaAsync(migrated)).Where(IsPrivacy).ToList();
        var modelSchema = await ReadSchemaAsync(fromModel);

        migratedSchema.ShouldContain(line => line.Contains("privacy_consent_records", StringComparison.Ordinal));
        migratedSchema.ShouldContain(line => line.Contains("privacy_consent_erasures", StringComparison.Ordinal));
        modelSchema.ShouldAllBe(line => IsPrivacy(line));
        migratedSchema.ShouldBe(modelSchema);
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing_and_reports_no_pending_privacy_migration()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await PrivacyServices.MigratedAsync(database);
        var first = await ReadSchemaAsync(database);

        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);

        (await ReadSchemaAsync(database)).ShouldBe(first);
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<PrivacyDbContext>();
        (await context.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
        (await context.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).ShouldContain("20261122000101_ConsentLedger");
    }

    private static bool IsPrivacy(string line) => line.Contains("privacy_", StringComparison.Ordinal);

    private static async Task<IReadOnlyList<string>> ReadSchemaAsync(TestDatabase database)
    {
        await using var connection = PrivacyServices.RawConnection(database);
        return await SchemaSnapshot.ReadAsync(connection);
    }
}

public sealed class ConsentMigrationDriftTestsSqlite() : ConsentMigrationDriftTests(Providers.Sqlite);

public sealed class ConsentMigrationDriftTestsPostgres() : ConsentMigrationDriftTests(Providers.Postgres);
