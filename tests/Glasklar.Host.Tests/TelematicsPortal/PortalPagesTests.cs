using System.Net;
using AngleSharp.Html.Parser;
using Glasklar.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Host.Tests.TelematicsPortal;

/// <summary>The customer's telematics pages: current driving data with walk-to-car, trips by date, trip map coloured by speed.</summary>
[Trait("Promise", "C15")]
public abstract class PortalPagesTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    public async Task Current_data_shows_parked_car_battery_last_contact_and_the_way_to_the_car_on_our_own_map()
    {
        PortalTestData.UseTestStreet(App);
        var customer = await PortalTestData.CustomerAsync(App);
        var start = DateTime.UtcNow.AddMinutes(-6);
        await PortalTestData.SubmitAsync(App, customer, PortalTestData.Drive(start, PortalTestData.StartLatitude, (120, 40)));
        using var client = App.CreateClient();

        using var response = await client.SendAsync(TestLogins.Get("/telematik", customer.Cookie), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var page = new HtmlParser().ParseDocument(html);
        var row = page.QuerySelector("[data-testid=box]")!.TextContent;
        row.ShouldContain(customer.VehicleId);
        row.ShouldContain("geparkt");
        row.ShouldContain("12,60 V");
        row.ShouldContain("verbunden");
        var walk = page.QuerySelector("[data-testid=walk-to-car]").ShouldNotBeNull();
        walk.QuerySelector("svg.tk-karte title")!.TextContent.ShouldContain(customer.VehicleId);
        walk.QuerySelectorAll("g.tk-strassen polyline").Length.ShouldBeGreaterThan(0); // the street from the road index
        walk.QuerySelector("g.tk-marker").ShouldNotBeNull();
        walk.QuerySelector("a[href^='geo:51.']").ShouldNotBeNull();
        walk.TextContent.ShouldContain("° N");
        page.QuerySelectorAll("[src], link[href], image[href]").Select(e => e.GetAttribute("src") ?? e.GetAttribute("href")!)
            .ShouldAllBe(url => url.StartsWith('/')); // nothing from a third party, no map tiles
    }

    [Fact]
    [Trait("Promise", "C4")]
    public async Task The_trip_map_colours_the_track_by_speed_relative_to_the_limit_with_legend_and_text_summary()
    {
        PortalTestData.UseTestStreet(App);
        var customer = await PortalTestData.CustomerAsync(App);
        var start = DateTime.UtcNow.Date.AddDays(-2).AddHours(8);
        await PortalTestData.SubmitAsync(App, customer, PortalTestData.Drive(start, PortalTestData.StartLatitude, (60, 45), (30, 53), (30, 70)));
        var trip = await PortalTestData.WithDbAsync(App, db => db.Trips.SingleAsync(t => t.BoxId == customer.BoxId, Ct));
        using var client = App.CreateClient();

        using var list = await client.SendAsync(TestLogins.Get($"/telematik?von={start:yyyy-MM-dd}&bis={start:yyyy-MM-dd}", customer.Cookie), Ct);
        var listHtml = await list.Content.ReadAsStringAsync(Ct);
        listHtml.ShouldContain($"/telematik/fahrten/{trip.Id}");
        using var otherDay = await client.SendAsync(TestLogins.Get($"/telematik?von={start.AddDays(1):yyyy-MM-dd}&bis={start.AddDays(1):yyyy-MM-dd}", customer.Cookie), Ct);
        (await otherDay.Content.ReadAsStringAsync(Ct)).ShouldNotContain($"/telematik/fahrten/{trip.Id}");

        using var detail = await client.SendAsync(TestLogins.Get($"/telematik/fahrten/{trip.Id}", customer.Cookie), Ct);
        detail.StatusCode.ShouldBe(HttpStatusCode.OK);
        detail.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var page = new HtmlParser().ParseDocument(await detail.Content.ReadAsStringAsync(Ct));
        var svg = page.QuerySelector("svg#fahrt").ShouldNotBeNull();
        svg.GetAttribute("role").ShouldBe("img");
        var bands = svg.QuerySelectorAll("g.tk-spur polyline").Select(p => (p.GetAttribute("data-band"), p.GetAttribute("stroke"))).ToList();
        bands.Select(b => b.Item1).Distinct().ShouldBe(["ok", "knapp", "zu-schnell"]);
        bands.ShouldContain(("ok", "#1a7f37"));
        bands.ShouldContain(("knapp", "#b35c00"));
        bands.ShouldContain(("zu-schnell", "#c62828"));
        page.QuerySelectorAll(".tk-legende li").Select(l => l.TextContent.Trim()).ShouldBe(["im Tempolimit", "bis 10 % darüber", "mehr als 10 % darüber", "Tempolimit unbekannt"]);

        // The same in words: 750 m of 1,775 m within (42 %), 442 m slightly over (25 %), 583 m well over (33 %).
        var summary = page.QuerySelector("[data-testid=trip-summary]")!.TextContent;
        summary.ShouldContain("42 % im Tempolimit");
        summary.ShouldContain("25 % bis 10 % darüber");
        summary.ShouldContain("33 % mehr als 10 % darüber");
        svg.QuerySelector("desc")!.TextContent.ShouldBe(summary);
        var figures = page.QuerySelector("[data-testid=trip-figures]")!.TextContent;
        figures.ShouldContain("1,8 km");
        figures.ShouldContain("2 min");
        figures.ShouldContain("70 km/h");
        figures.ShouldContain("51,18");
    }

    [Fact]
    public async Task Another_customer_gets_404_for_the_trip_and_sees_none_of_the_data()
    {
        var owner = await PortalTestData.CustomerAsync(App);
        var other = await PortalTestData.CustomerAsync(App);
        var start = DateTime.UtcNow.Date.AddDays(-1).AddHours(9);
        await PortalTestData.SubmitAsync(App, owner, PortalTestData.Drive(start, PortalTestData.StartLatitude, (60, 40)));
        var trip = await PortalTestData.WithDbAsync(App, db => db.Trips.SingleAsync(t => t.BoxId == owner.BoxId, Ct));
        using var client = App.CreateClient();

        using var detail = await client.SendAsync(TestLogins.Get($"/telematik/fahrten/{trip.Id}", other.Cookie), Ct);
        using var page = await client.SendAsync(TestLogins.Get($"/telematik?von={start:yyyy-MM-dd}&bis={start:yyyy-MM-dd}", other.Cookie), Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);

        detail.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldNotContain(owner.VehicleId);
        html.ShouldNotContain(trip.Id.ToString());
    }
}

public sealed class PortalPagesTestsSqlite(SqliteApp app) : PortalPagesTests<SqliteApp>(app);

public sealed class PortalPagesTestsPostgres(PostgresApp app) : PortalPagesTests<PostgresApp>(app);
