using System.Globalization;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Host.Tests.Telematics;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Ingestion;
using Glasklar.Telematics.Map;
using Glasklar.Telematics.Persistence;
using Glasklar.Telematics.Positions;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.TelematicsPortal;

/// <summary>A customer of the portal: account, session, contract and one active box.</summary>
internal sealed record PortalCustomer(Guid UserId, string Email, string Cookie, Guid ContractId, Guid BoxId, string Imei, string VehicleId)
{
    public FormClient Browser(AppFixture app)
    {
        var browser = new FormClient(app.CreateClient());
        var (name, value) = (Cookie[..Cookie.IndexOf('=')], Cookie[(Cookie.IndexOf('=') + 1)..]);
        browser.Set(name, value);
        return browser;
    }
}

internal static class PortalTestData
{
    /// <summary>Bautzen-like test area: a straight north-south street with limit 50 along longitude 14.42.</summary>
    public const double Longitude = 14.42;
    public const double StartLatitude = 51.18;

    public static async Task<PortalCustomer> CustomerAsync(AppFixture app)
    {
        var email = $"portal-{Guid.NewGuid():N}@test.glasklar.example";
        var userId = Guid.NewGuid();
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var user = new User(userId, null, email, "Paula", "Portal", DateTime.UtcNow);
            user.AddRole(Roles.Customer);
            user.MarkEmailVerified(DateTime.UtcNow);
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        var imei = TelematicsTestData.NewImei();
        var (contractId, boxId) = await TelematicsTestData.ActiveBoxAsync(app, imei);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
            var db = scope.ServiceProvider.GetRequiredService<TelematicsDbContext>();
            var contract = await db.Contracts.FindAsync(contractId);
            contract!.CustomerUserId = userId;
            contract.Email = email;
            await db.SaveChangesAsync();
        }

        var cookie = await TestLogins.SessionCookieAsync(app.Factory, email);
        return new PortalCustomer(userId, email, cookie, contractId, boxId, imei, "FZ-" + imei[^5..]);
    }

    /// <summary>A street with limit 50 km/h in the road index, so positions along it get that limit (C4).</summary>
    public static void UseTestStreet(AppFixture app)
    {
        var lats = Enumerable.Range(0, 41).Select(i => StartLatitude - 0.01 + (i * 0.001)).ToArray();
        var lons = lats.Select(_ => Longitude).ToArray();
        var road = new Road("primary", 0, SpeedLimit.Of(50), SpeedLimit.Of(50), lats, lons);
        app.Factory.Services.GetRequiredService<RoadMap>().Use(new RoadIndex([road]));
    }

    /// <summary>
    /// A drive north along the test street (one fix per second) at the given speeds, then standing still
    /// for longer than the trip-end standstill, so one trip is finished.
    /// </summary>
    public static List<PositionRecord> Drive(DateTime start, double startLatitude, params (int Seconds, double Kmh)[] legs)
    {
        var track = new List<PositionRecord>();
        var lat = startLatitude;
        var t = start;
        foreach (var (seconds, kmh) in legs.Append((90, 0)))
        {
            for (var s = 0; s < seconds; s++)
            {
                lat += kmh / 3.6 / 111_320;
                track.Add(new PositionRecord(t, lat, Longitude, 200, 0, 9, kmh, 0.8, true, new Dictionary<string, object> { ["batteryVoltage"] = 12.6 }));
                t = t.AddSeconds(1);
            }
        }

        return track;
    }

    public static async Task SubmitAsync(AppFixture app, PortalCustomer customer, IReadOnlyList<PositionRecord> track)
    {
        var pipeline = app.Factory.Services.GetRequiredService<IngestionPipeline>();
        var box = new BoxRef(customer.BoxId, await OrganisationAsync(app, customer), customer.Imei, true);
        (await pipeline.SubmitAsync(box, track, CancellationToken.None)).ShouldBe(IngestStatus.Stored);
    }

    public static async Task<Guid> OrganisationAsync(AppFixture app, PortalCustomer customer)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        var db = scope.ServiceProvider.GetRequiredService<TelematicsDbContext>();
        return (await db.Boxes.FindAsync(customer.BoxId))!.OrganisationId;
    }

    public static async Task<T> WithDbAsync<T>(AppFixture app, Func<TelematicsDbContext, Task<T>> read)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        return await read(scope.ServiceProvider.GetRequiredService<TelematicsDbContext>());
    }

    public static string Invariant(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);
}
