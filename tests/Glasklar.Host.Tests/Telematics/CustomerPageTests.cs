using System.Net;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Demo;
using Glasklar.Telematics.Ingestion;
using Glasklar.Telematics.Positions;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.Telematics;

/// <summary>The customer's telematics page: own boxes with current data, trips by date, CSV export of all positions.</summary>
[Trait("Promise", "C15")]
public abstract class CustomerPageTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    public async Task The_demo_customer_sees_current_data_trips_and_exports_positions_as_csv()
    {
        var demo = TelematicsDemo.Boxes[1];
        var start = DateTime.UtcNow.Date.AddHours(6);
        var track = new List<PositionRecord>();
        var lat = 50.0;
        for (var s = 0; s < 300; s++)
        {
            var kmh = s < 200 ? 60.0 : 0;
            lat += kmh / 3.6 / 111_320;
            track.Add(new PositionRecord(start.AddSeconds(s), lat, 10.0, 300, 0, 9, kmh, 0.8, true, new Dictionary<string, object> { ["batteryVoltage"] = 4.05 }));
        }

        var pipeline = App.Factory.Services.GetRequiredService<IngestionPipeline>();
        (await pipeline.SubmitAsync(new BoxRef(demo.BoxId, TelematicsDemo.Insurer, demo.Imei, true), track, Ct)).ShouldBe(IngestStatus.Stored);
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, DemoAccounts.EmailFor(Roles.Customer));

        using var page = new HttpRequestMessage(HttpMethod.Get, $"/telematik?von={start:yyyy-MM-dd}&bis={start:yyyy-MM-dd}");
        page.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(page, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        html.ShouldContain(demo.VehicleId);
        html.ShouldContain("geparkt");
        html.ShouldContain("4,05 V"); // battery of the last position, German number format
        html.ShouldContain("3,3 km");

        using var export = new HttpRequestMessage(HttpMethod.Get, $"/telematik?handler=Export&von={start:yyyy-MM-dd}&bis={start:yyyy-MM-dd}");
        export.Headers.Add("Cookie", cookie);
        using var csv = await client.SendAsync(export, Ct);
        var bytes = await csv.Content.ReadAsByteArrayAsync(Ct);

        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("Fahrzeug;GPS-Zeit (UTC);Breitengrad");
        lines.Count(l => l.StartsWith(demo.VehicleId + ";", StringComparison.Ordinal)).ShouldBe(300);
    }
}

public sealed class CustomerPageTestsSqlite(SqliteApp app) : CustomerPageTests<SqliteApp>(app);

public sealed class CustomerPageTestsPostgres(PostgresApp app) : CustomerPageTests<PostgresApp>(app);
