using System.Globalization;
using System.Net;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Host.Tests.Telematics;
using Glasklar.Telematics.Geofences;
using Glasklar.Telematics.Portal;
using Glasklar.Testing;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Host.Tests.TelematicsPortal;

/// <summary>
/// Theft alert: a zone defined and armed in the portal, positions through the real OsmAnd listener, one
/// alert per arming episode in the portal and a mail that only says an alert is waiting.
/// </summary>
[Trait("Promise", "C15")]
public abstract class GeofenceTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    [Trait("Promise", "B7")]
    public async Task Leaving_an_armed_circle_raises_one_alert_per_arming_and_a_mail_without_the_location()
    {
        var customer = await PortalTestData.CustomerAsync(App);
        var browser = customer.Browser(App);
        await browser.GetAsync("/telematik/zonen");
        using var created = await browser.PostAsync("/telematik/zonen?handler=Create", new Dictionary<string, string>
        {
            ["BoxId"] = customer.BoxId.ToString(),
            ["Name"] = "Zuhause",
            ["Shape"] = "circle",
            ["Latitude"] = "51,18",
            ["Longitude"] = "14,42",
            ["Radius"] = "200",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var zone = await PortalTestData.WithDbAsync(App, db => db.Set<Geofence>().SingleAsync(z => z.BoxId == customer.BoxId, Ct));
        zone.Armed.ShouldBeFalse();

        await SendAsync(customer, (51.19, 14.42)); // outside, but not armed: nothing
        await ArmAsync(browser, zone.Id, true);
        await SendAsync(customer, (51.1801, 14.4201), (51.1805, 14.4203)); // inside
        (await AlertsAsync(customer)).ShouldBe(0);

        await SendAsync(customer, (51.19, 14.42), (51.191, 14.42));
        await SendAsync(customer, (51.20, 14.42));
        (await AlertsAsync(customer)).ShouldBe(1); // one per arming episode, not per position
        var mail = (await MailsAsync(customer, 1)).ShouldHaveSingleItem();
        mail.Subject.ShouldBe(GeofenceMailer.Subject);
        mail.Body.ShouldContain("/telematik/zonen");
        foreach (var secret in new[] { "51,1", "51.1", "51,2", "51.2", "14,42", "14.42", customer.VehicleId, customer.Imei, "Zuhause" })
        {
            mail.Body.ShouldNotContain(secret);
        }

        using (var page = await browser.GetAsync("/telematik/zonen"))
        {
            browser.LastPage!.QuerySelectorAll("[data-testid=alert]").Length.ShouldBe(1);
            browser.LastPage.QuerySelector("[data-testid=alert]")!.TextContent.ShouldContain("„Zuhause“ verlassen");
        }

        using (var index = await browser.GetAsync("/telematik"))
        {
            browser.LastPage!.QuerySelector("[data-testid=alerts]").ShouldNotBeNull();
        }

        // The access report (Art. 15/20) lists the zone and the alert with its place.
        using (var report = await browser.GetAsync("/konto/daten/auskunft.json"))
        {
            using var json = System.Text.Json.JsonDocument.Parse(await report.Content.ReadAsStringAsync(Ct));
            var data = json.RootElement.GetProperty("daten").EnumerateArray().Select(d => (d.GetProperty("feld").GetString(), d.GetProperty("wert").GetString())).ToList();
            data.ShouldContain(d => d.Item1 == "Zone" && d.Item2!.StartsWith("Zuhause: Kreis um 51.180000,14.420000, 200 m", StringComparison.Ordinal));
            data.ShouldContain(d => d.Item1 == "Meldung" && d.Item2!.Contains("Zone verlassen bei 51.190000,14.420000", StringComparison.Ordinal));
        }

        // Disarm and arm again: a new episode, so the next exit raises a second alert.
        await ArmAsync(browser, zone.Id, false);
        await ArmAsync(browser, zone.Id, true);
        await SendAsync(customer, (51.21, 14.42));
        (await AlertsAsync(customer)).ShouldBe(2);
        (await MailsAsync(customer, 2)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_polygon_typed_in_german_notation_alerts_when_the_car_leaves_it()
    {
        var customer = await PortalTestData.CustomerAsync(App);
        var browser = customer.Browser(App);
        await browser.GetAsync("/telematik/zonen");
        using var created = await browser.PostAsync("/telematik/zonen?handler=Create", new Dictionary<string, string>
        {
            ["BoxId"] = customer.BoxId.ToString(),
            ["Name"] = "Hof",
            ["Shape"] = "polygon",
            ["Polygon"] = "51,170 14,410\n51,190 14,410\n51,190 14,430\n51,170 14,430",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var zone = await PortalTestData.WithDbAsync(App, db => db.Set<Geofence>().SingleAsync(z => z.BoxId == customer.BoxId, Ct));
        zone.Shape.ShouldBe(GeofenceShape.Polygon);
        await ArmAsync(browser, zone.Id, true);

        await SendAsync(customer, (51.18, 14.42), (51.1898, 14.4298)); // inside, the second within the GPS margin of a corner
        (await AlertsAsync(customer)).ShouldBe(0);
        await SendAsync(customer, (51.18, 14.436)); // 420 m east of the zone
        (await AlertsAsync(customer)).ShouldBe(1);
    }

    [Fact]
    public async Task Bad_zone_input_gets_german_errors_per_field_and_stores_nothing()
    {
        var customer = await PortalTestData.CustomerAsync(App);
        var browser = customer.Browser(App);
        await browser.GetAsync("/telematik/zonen");

        using var response = await browser.PostAsync("/telematik/zonen?handler=Create", new Dictionary<string, string>
        {
            ["BoxId"] = customer.BoxId.ToString(),
            ["Name"] = "",
            ["Shape"] = "circle",
            ["Latitude"] = "Bautzen",
            ["Longitude"] = "14,42",
            ["Radius"] = "10",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = browser.LastPage!.QuerySelectorAll("[data-testid=errors] li").ToDictionary(l => l.GetAttribute("data-field")!, l => l.TextContent);
        errors.Keys.ShouldBe(["name", "latitude", "radius"], ignoreOrder: true);
        errors["radius"].ShouldContain("zwischen 50 und 50000 Metern");
        (await PortalTestData.WithDbAsync(App, db => db.Set<Geofence>().CountAsync(z => z.BoxId == customer.BoxId, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Another_customer_gets_404_on_every_zone_and_alert_action_and_sees_none_of_them()
    {
        var owner = await PortalTestData.CustomerAsync(App);
        var other = await PortalTestData.CustomerAsync(App);
        var ownerBrowser = owner.Browser(App);
        await ownerBrowser.GetAsync("/telematik/zonen");
        await ownerBrowser.PostAsync("/telematik/zonen?handler=Create", new Dictionary<string, string>
        {
            ["BoxId"] = owner.BoxId.ToString(),
            ["Name"] = "Garage",
            ["Shape"] = "circle",
            ["Latitude"] = "51.18",
            ["Longitude"] = "14.42",
            ["Radius"] = "100",
        });
        var zone = await PortalTestData.WithDbAsync(App, db => db.Set<Geofence>().SingleAsync(z => z.BoxId == owner.BoxId, Ct));
        await ArmAsync(ownerBrowser, zone.Id, true);
        await SendAsync(owner, (51.19, 14.42));
        var alert = await PortalTestData.WithDbAsync(App, db => db.Set<GeofenceAlert>().SingleAsync(a => a.BoxId == owner.BoxId, Ct));

        var browser = other.Browser(App);
        using (await browser.GetAsync("/telematik/zonen"))
        {
            browser.LastPage!.Body!.TextContent.ShouldNotContain("Garage");
            browser.LastPage.QuerySelectorAll("[data-testid=alert]").ShouldBeEmpty();
        }

        foreach (var (handler, field, id) in new[] { ("Arm", "zone", zone.Id), ("Delete", "zone", zone.Id), ("Acknowledge", "alert", alert.Id) })
        {
            using var foreign = await browser.PostAsync($"/telematik/zonen?handler={handler}", new Dictionary<string, string> { [field] = id.ToString(), ["armed"] = "false" });
            foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound, handler);
        }

        using var create = await browser.PostAsync("/telematik/zonen?handler=Create", new Dictionary<string, string>
        {
            ["BoxId"] = owner.BoxId.ToString(),
            ["Name"] = "Fremd",
            ["Shape"] = "circle",
            ["Latitude"] = "51.18",
            ["Longitude"] = "14.42",
            ["Radius"] = "100",
        });
        create.StatusCode.ShouldBe(HttpStatusCode.BadRequest); // not one of the caller's vehicles
        var after = await PortalTestData.WithDbAsync(App, db => db.Set<Geofence>().Where(z => z.BoxId == owner.BoxId).ToListAsync(Ct));
        after.ShouldHaveSingleItem().Armed.ShouldBeTrue();
        (await PortalTestData.WithDbAsync(App, db => db.Set<GeofenceAlert>().SingleAsync(a => a.Id == alert.Id, Ct))).AcknowledgedUtc.ShouldBeNull();
    }

    private static async Task ArmAsync(FormClient browser, Guid zone, bool armed)
    {
        using var response = await browser.PostAsync("/telematik/zonen?handler=Arm", new Dictionary<string, string> { ["zone"] = zone.ToString(), ["armed"] = armed ? "true" : "false" });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    private long _clock = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Positions as Traccar Client sends them, to the real OsmAnd listener; each one second after the previous, and after now.</summary>
    private async Task SendAsync(PortalCustomer customer, params (double Lat, double Lon)[] fixes)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{await TelematicsTestData.OsmAndPortAsync(App)}/") };
        foreach (var (lat, lon) in fixes)
        {
            _clock = Math.Max(_clock + 1000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000);
            var query = string.Create(CultureInfo.InvariantCulture, $"/?id={customer.Imei}&timestamp={_clock}&lat={lat}&lon={lon}&speed=0&bearing=0&hdop=0.9");
            using var response = await http.GetAsync(query, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        }
    }

    private Task<int> AlertsAsync(PortalCustomer customer) =>
        PortalTestData.WithDbAsync(App, db => db.Set<GeofenceAlert>().CountAsync(a => a.BoxId == customer.BoxId, Ct));

    private async Task<IReadOnlyList<PickedUpMail>> MailsAsync(PortalCustomer customer, int expected)
    {
        var mails = PickupMailbox.For(App.Factory.Database.DataDirectory, customer.Email);
        for (var i = 0; i < 100 && mails.Count < expected; i++)
        {
            await Task.Delay(100, Ct);
            mails = PickupMailbox.For(App.Factory.Database.DataDirectory, customer.Email);
        }

        await Task.Delay(300, Ct); // and no more than that arrive
        return PickupMailbox.For(App.Factory.Database.DataDirectory, customer.Email);
    }
}

public sealed class GeofenceTestsSqlite(SqliteApp app) : GeofenceTests<SqliteApp>(app);

public sealed class GeofenceTestsPostgres(PostgresApp app) : GeofenceTests<PostgresApp>(app);
