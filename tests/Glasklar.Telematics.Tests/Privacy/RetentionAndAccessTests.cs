using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Glasklar.Platform.Tenancy;
using Glasklar.Privacy.DataSubjects;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Ingestion;
using Glasklar.Telematics.Persistence;
using Glasklar.Telematics.Portal;
using Glasklar.Telematics.Privacy;
using Glasklar.Telematics.Tests.Ingestion;
using Glasklar.Telematics.Tests.Persistence;
using Glasklar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Telematics.Tests.Privacy;

[Trait("Promise", "C16")]
public abstract class RetentionAndAccessTests(string provider)
{
    private static readonly DateTime Now = DateTime.UtcNow;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Holds(params string[] held) : ILegalHolds
    {
        public Task<bool> IsHeldAsync(string subjectRef, string category, CancellationToken cancellationToken) => Task.FromResult(held.Contains(subjectRef));
    }

    private static async Task StoreAsync(IServiceProvider services, Guid boxId, DateTime from, int seconds)
    {
        var status = await services.GetRequiredService<IngestionPipeline>().SubmitAsync(new BoxRef(boxId, Guid.Empty, "", true), PipelineTests.Track(from, seconds, 50), Ct);
        status.ShouldBe(IngestStatus.Stored);
    }

    private static async Task<RetentionOutcome> RunAsync(IServiceProvider services, ILegalHolds holds)
    {
        await using var scope = services.CreateAsyncScope();
        var rule = scope.ServiceProvider.GetServices<IRetentionRule>().OfType<TelematicsRetention>().Single();
        return await rule.ApplyAsync(new RetentionContext(Now, holds), Ct);
    }

    [Fact]
    public async Task Positions_older_than_two_years_go_and_a_contract_ended_over_14_days_ago_is_deleted_unless_held()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await TelematicsServices.MigratedAsync(database);
        var (_, running) = await TelematicsServices.ContractWithBoxAsync(services, "356307042441101");
        var (endedId, ended) = await TelematicsServices.ContractWithBoxAsync(services, "356307042441102");
        var (heldId, held) = await TelematicsServices.ContractWithBoxAsync(services, "356307042441103");
        var (recentId, recent) = await TelematicsServices.ContractWithBoxAsync(services, "356307042441104");
        await StoreAsync(services, running, Now.AddDays(-800), 10);
        await StoreAsync(services, running, Now.AddDays(-30), 10);
        foreach (var box in new[] { ended, held, recent })
        {
            await StoreAsync(services, box, Now.AddDays(-40), 10);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
            var contracts = scope.ServiceProvider.GetRequiredService<ContractService>();
            (await contracts.EndAsync(endedId, DateOnly.FromDateTime(Now.AddDays(-20)), Ct)).Succeeded.ShouldBeTrue();
            (await contracts.EndAsync(heldId, DateOnly.FromDateTime(Now.AddDays(-20)), Ct)).Succeeded.ShouldBeTrue();
            (await contracts.EndAsync(recentId, DateOnly.FromDateTime(Now.AddDays(-10)), Ct)).Succeeded.ShouldBeTrue();
        }

        var outcome = await RunAsync(services, new Holds(TelematicsRetention.SubjectRef(heldId)));

        outcome.Blocked.ShouldBe(1);
        var positions = TelematicsServices.Table(database, PositionTable.Table);
        async Task<long> Count(Guid box) => await TelematicsServices.CountAsync(database,
            $"SELECT count(*) FROM {positions} WHERE \"BoxId\" = '{(provider == Providers.Postgres ? box.ToString() : box.ToString().ToUpperInvariant())}'");
        (await Count(running)).ShouldBe(10);
        (await Count(ended)).ShouldBe(0);
        (await Count(held)).ShouldBe(10);
        (await Count(recent)).ShouldBe(10);
        (await TelematicsServices.CountAsync(database, $"SELECT count(*) FROM {TelematicsServices.Table(database, "telematics_contracts")}")).ShouldBe(3);
        if (provider == Providers.Postgres)
        {
            var old = PositionTable.MonthPartition(PositionWriter.Millis(Now.AddDays(-800))).Name;
            (await TelematicsServices.CountAsync(database, $"SELECT count(*) FROM pg_class WHERE relname = '{old}'")).ShouldBe(0, "the old month's partition is dropped");
        }

        // The writer recreates a dropped partition when a late record for that month arrives (then retention removes it again).
        await StoreAsync(services, running, Now.AddDays(-800).AddHours(1), 2);
        (await Count(running)).ShouldBe(12);
    }

    [Fact]
    public async Task Geofence_alerts_older_than_two_years_go_and_those_of_a_contract_ended_over_14_days_ago_go_with_it_unless_held()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await TelematicsServices.MigratedAsync(database);
        var (_, running) = await TelematicsServices.ContractWithBoxAsync(services, "356307042441121");
        var (endedId, ended) = await TelematicsServices.ContractWithBoxAsync(services, "356307042441122");
        var (heldId, held) = await TelematicsServices.ContractWithBoxAsync(services, "356307042441123");
        var old = await AlertAsync(services, running, Now.AddDays(-800));
        var borderline = await AlertAsync(services, running, Now.AddDays(-729));
        var fresh = await AlertAsync(services, running, Now.AddDays(-3));
        var ofEnded = await AlertAsync(services, ended, Now.AddDays(-40));
        var ofHeld = await AlertAsync(services, held, Now.AddDays(-40));
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
            var contracts = scope.ServiceProvider.GetRequiredService<ContractService>();
            (await contracts.EndAsync(endedId, DateOnly.FromDateTime(Now.AddDays(-20)), Ct)).Succeeded.ShouldBeTrue();
            (await contracts.EndAsync(heldId, DateOnly.FromDateTime(Now.AddDays(-20)), Ct)).Succeeded.ShouldBeTrue();
        }

        var outcome = await RunAsync(services, new Holds(TelematicsRetention.SubjectRef(heldId)));

        outcome.Blocked.ShouldBe(1);
        var alerts = TelematicsServices.Table(database, "telematics_geofence_alerts");
        async Task<bool> Exists(Guid id) => await TelematicsServices.CountAsync(database,
            $"SELECT count(*) FROM {alerts} WHERE \"Id\" = '{(provider == Providers.Postgres ? id.ToString() : id.ToString().ToUpperInvariant())}'") == 1;
        (await Exists(old)).ShouldBeFalse("older than two years");
        (await Exists(borderline)).ShouldBeTrue();
        (await Exists(fresh)).ShouldBeTrue();
        (await Exists(ofEnded)).ShouldBeFalse("deleted with its contract");
        (await Exists(ofHeld)).ShouldBeTrue("the contract is held");
    }

    private static async Task<Guid> AlertAsync(IServiceProvider services, Guid boxId, DateTime at)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        var db = scope.ServiceProvider.GetRequiredService<TelematicsDbContext>();
        var box = await db.Boxes.FindAsync([boxId], Ct);
        var zone = new Geofence
        {
            Id = Guid.NewGuid(),
            OrganisationId = box!.OrganisationId,
            BoxId = boxId,
            Name = "Garage",
            Shape = GeofenceShape.Circle,
            CenterLatitude = 51.18,
            CenterLongitude = 7.19,
            RadiusMeters = 100,
            Armed = true,
            ArmedUtc = at.AddHours(-1),
            AlertedUtc = at,
            CreatedUtc = at.AddHours(-1),
        };
        var alert = new GeofenceAlert
        {
            Id = Guid.NewGuid(),
            OrganisationId = box.OrganisationId,
            BoxId = boxId,
            GeofenceId = zone.Id,
            RaisedUtc = at,
            PositionUtc = at.AddSeconds(-2),
            Latitude = 51.19,
            Longitude = 7.2,
            MailSentUtc = at,
        };
        db.AddRange(zone, alert);
        await db.SaveChangesAsync(Ct);
        return alert.Id;
    }

    [Fact]
    public async Task The_access_report_streams_base_data_and_every_position()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await TelematicsServices.MigratedAsync(database);
        var (_, box) = await TelematicsServices.ContractWithBoxAsync(services, "356307042441111");
        await StoreAsync(services, box, Now.AddHours(-3), 250);

        await using var scope = services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetServices<IPersonalDataSource>().Single(s => s.Module == "Telematik");
        var data = new List<PersonalDatum>();
        await foreach (var datum in source.CollectAsync(new DataSubject(Imei: "356307042441111"), Ct))
        {
            data.Add(datum);
        }

        data.Count(d => d.Category == "Position").ShouldBe(250);
        data.ShouldContain(d => d.Field == "Nachname" && d.Value == "Beispiel");
        data.ShouldContain(d => d.Field == "Fahrzeug-ID");
        var nobody = new List<PersonalDatum>();
        await foreach (var datum in source.CollectAsync(new DataSubject(Surname: "Beispiel", PolicyNumber: "falsch"), Ct))
        {
            nobody.Add(datum);
        }

        nobody.ShouldBeEmpty();
        (await source.EraseAsync(new DataSubject(Surname: "Beispiel", LicencePlate: "BZ-T 100"), Ct)).Deleted.ShouldBeGreaterThan(250);
        (await TelematicsServices.CountAsync(database, $"SELECT count(*) FROM {TelematicsServices.Table(database, PositionTable.Table)}")).ShouldBe(0);
    }
}

public sealed class RetentionAndAccessTestsSqlite() : RetentionAndAccessTests(Providers.Sqlite);

public sealed class RetentionAndAccessTestsPostgres() : RetentionAndAccessTests(Providers.Postgres);
