using Glasklar.Claims.Persistence;
using Glasklar.Platform.Persistence;
using Glasklar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Claims.Tests.Persistence;

/// <summary>The hand-written claims migration must build exactly the schema of the EF model (ADR 0002).</summary>
[Trait("Promise", "B2")]
public abstract class ClaimsMigrationDriftTests(string provider)
{
    [Fact]
    public async Task Migrating_an_empty_database_yields_the_schema_of_the_claims_model()
    {
        Providers.SkipUnlessAvailable(provider);
        await using var migrated = await Providers.CreateDatabaseAsync(provider);
        await using var fromModel = await Providers.CreateDatabaseAsync(provider);

        await using (var services = await ClaimsServices.MigratedAsync(migrated))
        {
        }

        await using (var services = ClaimsServices.Build(fromModel))
        await using (var scope = services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<ClaimsDbContext>().Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
            created.ShouldBeTrue();
        }

        var migratedSchema = (await ReadSchemaAsync(migrated)).Where(IsClaims).ToList();
        var modelSchema = await ReadSchemaAsync(fromModel);

        foreach (var table in new[] { "claims_contracts", "claims_insured_persons", "claims_claims", "claims_claim_items", "claims_receipts", "claims_drafts",
            "claims_customer_profiles", "claims_events", "claims_document_requests", "claims_messages", "claims_security_answers", "claims_link_attempts" })
        {
            migratedSchema.ShouldContain(line => line.Contains(table, StringComparison.Ordinal));
        }

        modelSchema.ShouldAllBe(line => IsClaims(line));
        migratedSchema.ShouldBe(modelSchema);
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing_and_reports_no_pending_claims_migration()
    {
        Providers.SkipUnlessAvailable(provider);
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await ClaimsServices.MigratedAsync(database);
        var first = await ReadSchemaAsync(database);

        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);

        (await ReadSchemaAsync(database)).ShouldBe(first);
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        (await context.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
        (await context.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).ShouldContain("20261203000300_Claims");
        (await context.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).ShouldContain("20261203100200_ClaimsProcessing");
    }

    private static bool IsClaims(string line) => line.Contains("claims_", StringComparison.Ordinal);

    private static async Task<IReadOnlyList<string>> ReadSchemaAsync(TestDatabase database)
    {
        await using var connection = ClaimsServices.RawConnection(database);
        return await SchemaSnapshot.ReadAsync(connection);
    }
}

public sealed class ClaimsMigrationDriftTestsSqlite() : ClaimsMigrationDriftTests(Providers.Sqlite);

public sealed class ClaimsMigrationDriftTestsPostgres() : ClaimsMigrationDriftTests(Providers.Postgres);
