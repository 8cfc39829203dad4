using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Ingestion;
using Glasklar.Telematics.Persistence;
using Glasklar.Telematics.Positions;
using Glasklar.Telematics.Tests.Persistence;
using Glasklar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Telematics.Tests.Ingestion;

/// <summary>The pipeline on a real database: durable, idempotent, refusing revoked boxes, checkpointing trips.</summary>
public abstract class PipelineTests(string provider)
{
    private static readonly DateTime Start = new(2026, 5, 4, 7, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static List<PositionRecord> Track(DateTime from, int seconds, double kmh, double lat = 51.18)
    {
        var list = new List<PositionRecord>();
        for (var i = 0; i < seconds; i++)
        {
            lat += kmh / 3.6 / 111_320;
            list.Add(new PositionRecord(from.AddSeconds(i), lat, 14.42, 200, 0, 9, kmh, 0.9, true, new Dictionary<string, object> { ["ignition"] = true }));
        }

        return list;
    }

    private static readonly double Parked = 51.18 + (120 * 60 / 3.6 / 111_320);

    private static BoxRef Ref(Guid boxId, string imei) => new(boxId, Guid.Empty, imei, true);

    [Fact]
    [Trait("Promise", "C3")]
    public async Task Stored_positions_are_in_the_database_once_even_when_sent_twice()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await TelematicsServices.MigratedAsync(database);
        var (_, boxId) = await TelematicsServices.ContractWithBoxAsync(services, "356307042441013");
        var pipeline = services.GetRequiredService<IngestionPipeline>();
        var track = Track(Start, 30, 50);

        (await pipeline.SubmitAsync(Ref(boxId, "356307042441013"), track, Ct)).ShouldBe(IngestStatus.Stored);
        (await pipeline.SubmitAsync(Ref(boxId, "356307042441013"), track[10..20], Ct)).ShouldBe(IngestStatus.Stored);

        var table = TelematicsServices.Table(database, PositionTable.Table);
        (await TelematicsServices.CountAsync(database, $"SELECT count(*) FROM {table}")).ShouldBe(30);
        (await TelematicsServices.CountAsync(database, $"SELECT count(*) FROM {table} WHERE \"Valid\" = {(provider == Providers.Postgres ? "true" : "1")}")).ShouldBe(30);
    }

    [Fact]
    [Trait("Promise", "C18")]
    public async Task After_revocation_the_box_data_is_refused_and_nothing_is_stored()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await TelematicsServices.MigratedAsync(database);
        var (contractId, boxId) = await TelematicsServices.ContractWithBoxAsync(services, "356307042441014");
        var pipeline = services.GetRequiredService<IngestionPipeline>();
        (await pipeline.SubmitAsync(Ref(boxId, "356307042441014"), Track(Start, 5, 30), Ct)).ShouldBe(IngestStatus.Stored);

        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
            (await scope.ServiceProvider.GetRequiredService<ContractService>().RevokeAsync(contractId, Ct)).Succeeded.ShouldBeTrue();
            (await scope.ServiceProvider.GetRequiredService<ContractService>().ActivateAsync("356307042441014", Ct)).Succeeded.ShouldBeFalse();
        }

        // Even a submitter that still believes the box is active (another node's cache) is refused in the transaction.
        (await pipeline.SubmitAsync(Ref(boxId, "356307042441014"), Track(Start.AddMinutes(1), 5, 30), Ct)).ShouldBe(IngestStatus.Refused);
        (await services.GetRequiredService<BoxDirectory>().FindAsync("356307042441014", Ct))!.Accepts.ShouldBeFalse();
        (await TelematicsServices.CountAsync(database, $"SELECT count(*) FROM {TelematicsServices.Table(database, PositionTable.Table)}")).ShouldBe(5);
    }

    [Fact]
    [Trait("Promise", "C2")]
    public async Task Trip_state_is_checkpointed_so_a_restart_neither_loses_nor_duplicates_a_trip()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        Guid boxId;
        await using (var services = await TelematicsServices.MigratedAsync(database))
        {
            (_, boxId) = await TelematicsServices.ContractWithBoxAsync(services, "356307042441015");
            var pipeline = services.GetRequiredService<IngestionPipeline>();
            (await pipeline.SubmitAsync(Ref(boxId, "356307042441015"), Track(Start, 120, 60), Ct)).ShouldBe(IngestStatus.Stored);
            (await pipeline.SubmitAsync(Ref(boxId, "356307042441015"), Track(Start.AddSeconds(120), 50, 0, Parked), Ct)).ShouldBe(IngestStatus.Stored);
        }

        // A new process: the open trip continues from the checkpoint; the re-sent first packet changes nothing.
        await using (var services = TelematicsServices.Build(database))
        {
            var pipeline = services.GetRequiredService<IngestionPipeline>();
            (await pipeline.SubmitAsync(Ref(boxId, "356307042441015"), Track(Start, 120, 60), Ct)).ShouldBe(IngestStatus.Stored);
            (await pipeline.SubmitAsync(Ref(boxId, "356307042441015"), Track(Start.AddSeconds(170), 30, 0, Parked), Ct)).ShouldBe(IngestStatus.Stored);
        }

        var trips = TelematicsServices.Table(database, "telematics_trips");
        (await TelematicsServices.CountAsync(database, $"SELECT count(*) FROM {trips}")).ShouldBe(1);
        (await TelematicsServices.CountAsync(database, $"SELECT count(*) FROM {trips} WHERE \"DistanceMeters\" BETWEEN 1900 AND 2100")).ShouldBe(1);
        (await TelematicsServices.CountAsync(database, $"SELECT count(*) FROM {TelematicsServices.Table(database, PositionTable.Table)}")).ShouldBe(200);
    }
}

public sealed class PipelineTestsSqlite() : PipelineTests(Providers.Sqlite);

public sealed class PipelineTestsPostgres() : PipelineTests(Providers.Postgres);
