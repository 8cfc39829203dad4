using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Identity.TwoFactor;
using Glasklar.Telematics.Demo;
using Glasklar.Testing;
using Microsoft.Playwright;

namespace Glasklar.Browser.Tests.TelematicsPortal;

/// <summary>
/// The demo customer in Chromium: current data with the parked car on our own map, a trip's map coloured by
/// speed, a long export whose progress bar our script updates until the GPX can be downloaded, and a
/// theft-alert zone set by a click on the map. Every page is checked with axe-core.
/// </summary>
[Trait("Promise", "C15")]
public sealed class TelematicsPortalJourneyTests(BrowserApp app)
{
    private static readonly string AxeSource = File.ReadAllText(
        Path.Combine(RepositoryPaths.Root, "tests", "Glasklar.Browser.Tests", "node_modules", "axe-core", "axe.min.js"));

    [Fact]
    public async Task The_customer_sees_the_parked_car_a_trip_map_exports_a_long_window_and_sets_a_zone_on_the_map()
    {
        var box = TelematicsDemo.Boxes[1];
        var start = DateTime.UtcNow.Date.AddDays(-2).AddHours(10);
        await SendTripAsync(box.Imei, start);

        await using var context = await app.NewContextAsync(bypassCsp: true);
        var page = await BrowserLogin.LogInDemoAsync(context, Roles.Customer);
        await page.GotoAsync($"/telematik?von={start.AddDays(-1):yyyy-MM-dd}&bis={start:yyyy-MM-dd}");
        var walk = page.Locator("[data-testid=walk-to-car]", new() { HasText = box.VehicleId });
        (await walk.Locator("svg.tk-karte g.tk-marker").CountAsync()).ShouldBe(1);
        (await walk.InnerTextAsync()).ShouldContain("° N");
        (await AxeAsync(page)).ShouldBeEmpty();

        await page.Locator("tr[data-testid=trip]", new() { HasText = box.VehicleId }).First.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync("**/telematik/fahrten/**");
        (await page.Locator("svg#fahrt g.tk-spur polyline").CountAsync()).ShouldBeGreaterThan(0);
        (await page.Locator("svg#fahrt").IsVisibleAsync()).ShouldBeTrue();
        (await page.Locator(".tk-legende li").CountAsync()).ShouldBe(4);
        (await page.Locator("[data-testid=trip-summary]").InnerTextAsync()).ShouldContain("Tempolimit unbekannt");
        (await AxeAsync(page)).ShouldBeEmpty();

        // A window longer than a week runs in the background; our own script polls and shows the download.
        await page.GotoAsync("/telematik/exporte");
        (await AxeAsync(page)).ShouldBeEmpty();
        await page.GetByLabel("von", new() { Exact = true }).FillAsync(start.AddDays(-12).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("bis", new() { Exact = true }).FillAsync(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("GPX 1.1").CheckAsync();
        var polled = page.WaitForResponseAsync(r => r.Url.Contains("handler=Status", StringComparison.Ordinal), new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Exportieren" }).ClickAsync();
        await page.WaitForURLAsync("**/telematik/exporte/**");
        var status = await (await polled).JsonAsync();
        status!.Value.GetProperty("total").GetInt64().ShouldBeGreaterThanOrEqualTo(290);
        (await page.Locator("progress").CountAsync()).ShouldBe(1);
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Datei herunterladen" });
        await link.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 30_000 });
        (await page.Locator("progress").EvaluateAsync<int>("p => p.value")).ShouldBe(100);
        (await AxeAsync(page)).ShouldBeEmpty();
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var gpx = new XmlDocument();
        gpx.Load(await download.PathAsync());
        gpx.DocumentElement!.NamespaceURI.ShouldBe("http://www.topografix.com/GPX/1/1");
        gpx.GetElementsByTagName("trkpt").Count.ShouldBeGreaterThanOrEqualTo(200);

        // A zone: a click on the map sets the centre.
        await page.GotoAsync("/telematik/zonen");
        (await AxeAsync(page)).ShouldBeEmpty();
        await page.GetByLabel("Fahrzeug", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = box.VehicleId });
        await page.Locator("[data-zone-map] svg.tk-karte").ClickAsync();
        (await page.GetByLabel("Mittelpunkt: Breitengrad").InputValueAsync()).ShouldMatch(@"^-?\d+,\d{6}$");
        await page.GetByLabel("Name der Zone").FillAsync("Parkplatz");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zone anlegen" }).ClickAsync();
        var zone = page.Locator("tr[data-testid=zone]", new() { HasText = "Parkplatz" });
        (await zone.InnerTextAsync()).ShouldContain("nicht scharf");
        await zone.GetByRole(AriaRole.Button, new() { Name = "Scharf schalten" }).ClickAsync();
        var armed = page.Locator("tr[data-testid=zone]", new() { HasText = "Parkplatz" });
        await armed.GetByRole(AriaRole.Button, new() { Name = "Entschärfen" }).WaitForAsync();
        (await armed.InnerTextAsync()).ShouldNotContain("nicht scharf");
        (await AxeAsync(page)).ShouldBeEmpty();
    }

    /// <summary>A trip through the integrators' batch API: 200 s at 40 km/h northwards, then parked for 90 s.</summary>
    private async Task SendTripAsync(string imei, DateTime start)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var positions = new List<object>();
        var lat = 51.18;
        for (var s = 0; s < 290; s++)
        {
            var kmh = s < 200 ? 40.0 : 0;
            lat += kmh / 3.6 / 111_320;
            positions.Add(new { imei, time = start.AddSeconds(s), latitude = lat, longitude = 14.42, speedKmh = kmh, course = 0.0, altitude = 200.0, satellites = 9, hdop = 0.8 });
        }

        using var response = await http.PostAsJsonAsync("/api/v1/telematics/positions", new { positions }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<List<string>> AxeAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Content = AxeSource });
        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }))" +
            ".violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))");
        return [.. violations.EnumerateArray().Select(v => $"{page.Url}: {v.GetString()}")];
    }
}
