using Glasklar.Telematics.Persistence;
using Glasklar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Telematics.Tests.Persistence;

/// <summary>
/// The hand-written telematics migration builds exactly the schema of the EF model. The positions table
/// is outside the model (hot path, partitioned on PostgreSQL) and is checked on its own.
/// </summary>
[Trait("Promise", "C1")]
[Trait("Promise", "C3")]
public abstract class TelematicsMigrationDriftTests(string provider)
{
    [Fact]
    public async Task Migrating_an_empty_database_yields_the_schema_of_the_telematics_model()
    {
        Providers.SkipUnlessAvailable(provider);
        await using var migrated = await Providers.CreateDatabaseAsync(provider);
        await using var fromModel = await Providers.CreateDatabaseAsync(provider);
        await using (await TelematicsServices.MigratedAsync(migrated))
        {
        }

        await using (var services = TelematicsServices.Build(fromModel))
        await using (var scope = services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<TelematicsDbContext>().Database.EnsureCreatedAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();
        }

        var migratedSchema = (await ReadAsync(migrated)).Where(IsTelematics).ToList();
        var modelSchema = (await ReadAsync(fromModel)).ToList();

        migratedSchema.ShouldContain(l => l.Contains("telematics_boxes", StringComparison.Ordinal));
        migratedSchema.ShouldContain(l => l.Contains(PositionTable.Table, StringComparison.Ordinal));
        modelSchema.ShouldAllBe(l => IsTelematics(l));
        migratedSchema.Where(l => !l.Contains(PositionTable.Table, StringComparison.Ordinal)).ShouldBe(modelSchema);
    }

    [Fact]
    public async Task Positions_are_keyed_by_box_and_gps_time_and_partitioned_by_month_on_postgres()
    {
        Providers.SkipUnlessAvailable(provider);
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using (await TelematicsServices.MigratedAsync(database))
        {
        }

        var schema = await ReadAsync(database);
        var key = schema.Where(l => l.Contains(PositionTable.Table, StringComparison.Ordinal) && (l.Contains("pk=", StringComparison.Ordinal) || l.Contains("PRIMARY KEY", StringComparison.Ordinal))).ToList();
        key.ShouldNotBeEmpty();
        if (provider == Providers.Postgres)
        {
            (await TelematicsServices.CountAsync(database,
                "SELECT count(*) FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid WHERE c.relname = 'telematics_positions' AND p.partstrat = 'r'")).ShouldBe(1);
        }
        else
        {
            schema.ShouldContain($"column {PositionTable.Table}.GpsTimeMs INTEGER notnull=1 pk=2 default=");
            schema.ShouldContain($"column {PositionTable.Table}.BoxId TEXT notnull=1 pk=1 default=");
        }
    }

    private static bool IsTelematics(string line) => line.Contains("telematics", StringComparison.Ordinal);

    private static async Task<IReadOnlyList<string>> ReadAsync(TestDatabase database)
    {
        await using var connection = TelematicsServices.RawConnection(database);
        return await SchemaSnapshot.ReadAsync(connection);
    }
}

public sealed class TelematicsMigrationDriftTestsSqlite() : TelematicsMigrationDriftTests(Providers.Sqlite);

public sealed class TelematicsMigrationDriftTestsPostgres() : TelematicsMigrationDriftTests(Providers.Postgres);
