using Glasklar.Platform.Persistence;
using Glasklar.Referrals.Persistence;
using Glasklar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Referrals.Tests;

/// <summary>The hand-written referral migration must build exactly the schema of the EF model (ADR 0002).</summary>
[Trait("Promise", "A10")]
public abstract class MigrationDriftTests(string provider)
{
    [Fact]
    public async Task Migrating_an_empty_database_yields_the_schema_of_the_referrals_model()
    {
        await using var migrated = await Providers.CreateDatabaseAsync(provider);
        await using var fromModel = await Providers.CreateDatabaseAsync(provider);

        await using (var services = await ReferralServices.MigratedAsync(migrated))
        {
        }

        await using (var services = ReferralServices.Build(fromModel))
        await using (var scope = services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<ReferralsDbContext>().Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
            created.ShouldBeTrue();
        }

        var migratedSchema = (await ReadSchemaAsync(migrated)).Where(IsReferrals).ToList();
        var modelSchema = await ReadSchemaAsync(fromModel);

        migratedSchema.ShouldContain(line => line.Contains("referrals_referrals", StringComparison.Ordinal));
        migratedSchema.ShouldContain(line => line.Contains("referrals_commission_tallies", StringComparison.Ordinal));
        modelSchema.ShouldAllBe(line => IsReferrals(line));
        migratedSchema.ShouldBe(modelSchema);
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing_and_reports_no_pending_referrals_migration()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await ReferralServices.MigratedAsync(database);
        await using var connection = ReferralServices.RawConnection(database);
        var first = await SchemaSnapshot.ReadAsync(connection);

        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);

        (await SchemaSnapshot.ReadAsync(connection)).ShouldBe(first);
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        (await context.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    // On PostgreSQL the schema name is "referrals"; on SQLite the table prefix: both contain "referrals".
    private static bool IsReferrals(string line) => line.Contains("referrals", StringComparison.Ordinal);

    private static async Task<IReadOnlyList<string>> ReadSchemaAsync(TestDatabase database)
    {
        await using var connection = ReferralServices.RawConnection(database);
        return await SchemaSnapshot.ReadAsync(connection);
    }
}

public sealed class MigrationDriftTestsSqlite() : MigrationDriftTests(Providers.Sqlite);

public sealed class MigrationDriftTestsPostgres() : MigrationDriftTests(Providers.Postgres);
