using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Glasklar.Host.Tests.Infrastructure;

namespace Glasklar.Host.Tests.Telematics;

/// <summary>The OsmAnd listener (its own port, real HTTP) and the JSON batch API of the portal host.</summary>
public abstract class OsmAndAndBatchTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    private async Task<HttpClient> OsmAndAsync() =>
        new() { BaseAddress = new Uri($"http://127.0.0.1:{await TelematicsTestData.OsmAndPortAsync(App)}/") };

    [Fact]
    [Trait("Promise", "C2")]
    public async Task Traccar_client_requests_get_query_post_form_and_json_are_stored()
    {
        var imei = TelematicsTestData.NewImei();
        var (_, boxId) = await TelematicsTestData.ActiveBoxAsync(App, imei);
        using var http = await OsmAndAsync();
        var seconds = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();

        // As Traccar Client sends it: query string, timestamp in seconds, speed in knots.
        using var get = await http.GetAsync($"/?id={imei}&timestamp={seconds}&lat=51.1878352&lon=14.4137911&speed=24.3&bearing=63&altitude=205.5&accuracy=8.0&batt=87.5&charge=false", Ct);
        get.StatusCode.ShouldBe(HttpStatusCode.OK, await get.Content.ReadAsStringAsync(Ct));

        using var form = await http.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = imei,
            ["timestamp"] = (seconds * 1000 + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["location"] = "51.1879,14.4139",
            ["speed"] = "20",
            ["hdop"] = "0.9",
            ["driverUniqueId"] = "extra",
        }), Ct);
        form.StatusCode.ShouldBe(HttpStatusCode.OK);

        var json = new
        {
            device_id = imei,
            location = new
            {
                timestamp = DateTimeOffset.FromUnixTimeSeconds(seconds + 2).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                coords = new { latitude = 51.188, longitude = 14.414, accuracy = 5.0, speed = 12.5, heading = 60.0, altitude = 204.0 },
                is_moving = true,
                battery = new { level = 0.86, is_charging = false },
            },
        };
        using var body = await http.PostAsJsonAsync("/", json, Ct);
        body.StatusCode.ShouldBe(HttpStatusCode.OK);

        (await TelematicsTestData.PositionsAsync(App, boxId)).ShouldBe(3);
    }

    [Fact]
    [Trait("Promise", "C18")]
    public async Task Osmand_refuses_an_unknown_or_revoked_device_and_bad_data_with_400()
    {
        var imei = TelematicsTestData.NewImei();
        var (contractId, boxId) = await TelematicsTestData.ActiveBoxAsync(App, imei);
        await TelematicsTestData.RevokeAsync(App, contractId);
        using var http = await OsmAndAsync();
        var seconds = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds();

        using var revoked = await http.GetAsync($"/?id={imei}&timestamp={seconds}&lat=51.18&lon=14.41", Ct);
        using var unknown = await http.GetAsync($"/?id={TelematicsTestData.NewImei()}&timestamp={seconds}&lat=51.18&lon=14.41", Ct);
        using var noPosition = await http.GetAsync($"/?id={imei}&timestamp={seconds}", Ct);

        revoked.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await revoked.Content.ReadAsStringAsync(Ct)).ShouldContain("nicht aktiv");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        noPosition.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TelematicsTestData.PositionsAsync(App, boxId)).ShouldBe(0);
    }

    [Fact]
    [Trait("Promise", "C3")]
    public async Task The_batch_api_stores_a_valid_batch_and_names_each_bad_field_storing_nothing()
    {
        var imei = TelematicsTestData.NewImei();
        var (_, boxId) = await TelematicsTestData.ActiveBoxAsync(App, imei);
        using var client = App.CreateClient();
        var time = DateTimeOffset.UtcNow.AddHours(-1);

        using var bad = await client.PostAsJsonAsync("/api/v1/telematics/positions", new
        {
            positions = new object[]
            {
                new { imei, time, latitude = 51.18, longitude = 14.41, speedKmh = 30 },
                new { imei, time = time.AddSeconds(1), latitude = 95.0, longitude = 14.41 },
            },
        }, Ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using (var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct)))
        {
            problem.RootElement.GetProperty("errors").TryGetProperty("positions[1].latitude", out _).ShouldBeTrue();
        }

        (await TelematicsTestData.PositionsAsync(App, boxId)).ShouldBe(0);

        using var unknown = await client.PostAsJsonAsync("/api/v1/telematics/positions", new
        {
            positions = new object[]
            {
                new { imei, time, latitude = 51.18, longitude = 14.41 },
                new { imei = TelematicsTestData.NewImei(), time, latitude = 51.18, longitude = 14.41 },
            },
        }, Ct);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TelematicsTestData.PositionsAsync(App, boxId)).ShouldBe(0);

        using var good = await client.PostAsJsonAsync("/api/v1/telematics/positions", new
        {
            positions = Enumerable.Range(0, 5).Select(i => new { imei, time = time.AddSeconds(i), latitude = 51.18 + (i * 0.0001), longitude = 14.41, speedKmh = 35.0, satellites = 9 }),
        }, Ct);
        good.StatusCode.ShouldBe(HttpStatusCode.OK, string.Join("\n", App.Factory.LogLines.Where(l => l.Contains("Stapel", StringComparison.Ordinal))));
        (await good.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("stored").GetInt32().ShouldBe(5);
        (await TelematicsTestData.PositionsAsync(App, boxId)).ShouldBe(5);
    }
}

public sealed class OsmAndAndBatchTestsSqlite(SqliteApp app) : OsmAndAndBatchTests<SqliteApp>(app);

public sealed class OsmAndAndBatchTestsPostgres(PostgresApp app) : OsmAndAndBatchTests<PostgresApp>(app);
