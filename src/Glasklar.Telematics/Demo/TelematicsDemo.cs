using Glasklar.Platform.Configuration;
using Glasklar.Platform.Demo;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Map;
using Glasklar.Telematics.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glasklar.Telematics.Demo;

/// <summary>
/// Demo telematics: two contracts of the demo insurer with one active box each (fixed IMEIs, listed by
/// <c>glasklar demo-users</c>), and a small generated road map if none was imported. Idempotent.
/// </summary>
internal sealed class TelematicsDemo(TelematicsOptions options, IOptions<GlasklarOptions> glasklar) : IDemoDataSeeder, IDemoAccountSource
{
    /// <summary>The demo insurer of the platform's demo organisations.</summary>
    public static readonly Guid Insurer = new("00000000-0000-4000-8000-000000000005");
    public const string InsurerName = "Versicherer (Demo)";

    public static readonly IReadOnlyList<(Guid ContractId, Guid BoxId, string Imei, string VehicleId, string ContractNumber)> Boxes =
    [
        (new Guid("00000000-0000-4000-8000-0000000c0001"), new Guid("00000000-0000-4000-8000-0000000b0001"), "350000000000017", "DEMO-FZ-1", "TV-DEMO-0001"),
        (new Guid("00000000-0000-4000-8000-0000000c0002"), new Guid("00000000-0000-4000-8000-0000000b0002"), "350000000000025", "DEMO-FZ-2", "TV-DEMO-0002"),
    ];

    public int Order => 50;

    public IEnumerable<DemoAccount> GetDemoAccounts() =>
        Boxes.Select(b => new DemoAccount("device", null, null, null, InsurerName, null, b.Imei));

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        services.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Demo-Daten");
        var db = services.GetRequiredService<TelematicsDbContext>();
        var existing = await db.Boxes.Select(b => b.Id).ToListAsync(cancellationToken);
        var number = 0;
        foreach (var (contractId, boxId, imei, vehicleId, contractNumber) in Boxes)
        {
            number++;
            if (existing.Contains(boxId))
            {
                continue;
            }

            db.Contracts.Add(new TelematicsContract
            {
                Id = contractId,
                OrganisationId = Insurer,
                ContractNumber = contractNumber,
                Salutation = "Herr",
                FirstName = "Konrad",
                LastName = "Kunde",
                Street = $"Demoweg {number}",
                PostalCode = "00000",
                City = "Demostadt",
                Email = "kunde@demo.glasklar.example",
                LicencePlate = $"DE-MO {number}",
                MotorPolicyNumber = $"KFZ-DEMO-{number}",
                StartsOn = new DateOnly(2026, 1, 1),
                CreatedUtc = DateTime.UtcNow,
            });
            db.Boxes.Add(new Box { Id = boxId, OrganisationId = Insurer, ContractId = contractId, Imei = imei, VehicleId = vehicleId, Status = BoxStatus.Active, ActivatedUtc = DateTime.UtcNow });
        }

        await db.SaveChangesAsync(cancellationToken);

        var path = RoadMap.PathFor(options, glasklar.Value.FullDataDirectory);
        if (!File.Exists(path))
        {
            RoadIndexFile.Write(path, DemoMap.Roads());
        }
    }
}

/// <summary>
/// A small generated map ("Demostadt", on open land so it matches no real place): a town grid with 50
/// and 30 km/h streets, a rural road at 100 and an unlimited motorway stretch. The simulator drives on it.
/// </summary>
internal static class DemoMap
{
    public const double OriginLat = 50.00;
    public const double OriginLon = 10.00;
    private const double Step = 0.004; // about 445 m north-south, 285 m east-west

    public static List<Road> Roads()
    {
        var roads = new List<Road>();
        for (var i = 0; i <= 4; i++)
        {
            var limit = SpeedLimit.Of(i % 2 == 0 ? 50 : 30);
            roads.Add(Line("residential", limit, (OriginLat + (i * Step), OriginLon), (OriginLat + (i * Step), OriginLon + (4 * Step))));
            roads.Add(Line("residential", limit, (OriginLat, OriginLon + (i * Step)), (OriginLat + (4 * Step), OriginLon + (i * Step))));
        }

        roads.Add(Line("secondary", SpeedLimit.Of(100), (OriginLat + (4 * Step), OriginLon + (4 * Step)), (OriginLat + (4 * Step), OriginLon + (20 * Step))));
        roads.Add(Line("motorway", SpeedLimit.None, (OriginLat + (4 * Step) + 0.0004, OriginLon + (20 * Step)), (OriginLat + (4 * Step) + 0.0004, OriginLon + (60 * Step))));
        return roads;
    }

    /// <summary>The demo route: through town, out on the rural road, onto the motorway; as points in driving order.</summary>
    public static IReadOnlyList<(double Lat, double Lon, int Kmh)> Route()
    {
        var legs = new List<((double, double) From, (double, double) To, int Kmh)>
        {
            ((OriginLat, OriginLon), (OriginLat, OriginLon + (4 * Step)), 45),
            ((OriginLat, OriginLon + (4 * Step)), (OriginLat + (4 * Step), OriginLon + (4 * Step)), 48),
            ((OriginLat + (4 * Step), OriginLon + (4 * Step)), (OriginLat + (4 * Step), OriginLon + (20 * Step)), 95),
            ((OriginLat + (4 * Step) + 0.0004, OriginLon + (20 * Step)), (OriginLat + (4 * Step) + 0.0004, OriginLon + (60 * Step)), 150),
        };
        var points = new List<(double, double, int)>();
        foreach (var ((lat1, lon1), (lat2, lon2), kmh) in legs)
        {
            var meters = Trips.Geo.DistanceMeters(lat1, lon1, lat2, lon2);
            var steps = Math.Max(1, (int)(meters / (kmh / 3.6)));
            for (var s = 0; s < steps; s++)
            {
                var f = s / (double)steps;
                points.Add((lat1 + ((lat2 - lat1) * f), lon1 + ((lon2 - lon1) * f), kmh));
            }
        }

        return points;
    }

    private static Road Line(string highway, SpeedLimit limit, (double Lat, double Lon) a, (double Lat, double Lon) b)
    {
        const int Segments = 8;
        var lats = new double[Segments + 1];
        var lons = new double[Segments + 1];
        for (var i = 0; i <= Segments; i++)
        {
            lats[i] = a.Lat + ((b.Lat - a.Lat) * i / Segments);
            lons[i] = a.Lon + ((b.Lon - a.Lon) * i / Segments);
        }

        return new Road(highway, 0, limit, limit, lats, lons);
    }
}
