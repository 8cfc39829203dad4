using System.Net;
using System.Text.Json;
using Glasklar.Claims.Marketing;
using Glasklar.Claims.Terms;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Privacy.Consent;
using Glasklar.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Glasklar.Host.Tests.Claims.ClaimsTestSupport;
using static Glasklar.Host.Tests.SelfService.SelfServiceSupport;

namespace Glasklar.Host.Tests.SelfService;

/// <summary>Terms and privacy versions (B8) and service/marketing offers with the objection (B4) over real HTTP.</summary>
public abstract class TermsAndMarketingTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    [Trait("Promise", "B8")]
    public async Task A_new_version_must_be_acknowledged_before_the_portal_opens_and_the_acknowledgement_is_in_the_ledger()
    {
        var customer = await NewCustomerAsync(App, acknowledge: false);
        using var client = App.CreateClient();

        using var page = await client.SendAsync(TestLogins.Get("/kunde/antraege", customer.Cookie), Ct);
        FormClient.IsRedirectTo(page, "/kunde/bedingungen?returnUrl=%2Fkunde%2Fantraege").ShouldBeTrue();
        using var api = await client.SendAsync(TestLogins.Get("/api/v1/claims", customer.Cookie), Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await ReadJsonAsync(api, Ct);
        problem.GetProperty("title").GetString()!.ShouldContain("Bitte bestätigen Sie zuerst die neue Fassung");
        problem.GetProperty("type").GetString().ShouldBe(TermsGateEndpointFilter.ProblemType);
        problem.GetProperty("acknowledgeUrl").GetString().ShouldBe("/kunde/bedingungen");

        // The rights never wait for the new terms.
        (await client.SendAsync(TestLogins.Get("/kunde/meine-daten", customer.Cookie), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.SendAsync(TestLogins.Get("/kunde/einstellungen", customer.Cookie), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var browser = customer.Browser;
        (await browser.GetAsync("/kunde/bedingungen?returnUrl=%2Fkunde%2Fantraege")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var changes = browser.LastPage!.QuerySelector("[data-testid=changes]")!.TextContent;
        changes.ShouldContain(Change);
        browser.LastPage.Body!.TextContent.ShouldContain("gültig ab 01.12.2026");
        (await LedgerAsync(App, customer.Account.Id, TermsService.Purpose)).ShouldBeEmpty();

        var stale = await browser.PostAsync("/kunde/bedingungen", new() { ["Version"] = "2026-06", ["ReturnUrl"] = "/kunde/antraege" });
        stale.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        browser.LastPage!.QuerySelector("[data-testid=errors]")!.TextContent.ShouldContain("Inzwischen gilt eine andere Fassung");
        (await LedgerAsync(App, customer.Account.Id, TermsService.Purpose)).ShouldBeEmpty();

        var ok = await browser.PostAsync("/kunde/bedingungen", new() { ["Version"] = TermsVersion, ["ReturnUrl"] = "/kunde/antraege" });
        FormClient.IsRedirectTo(ok, "/kunde/antraege").ShouldBeTrue();
        var entry = (await LedgerAsync(App, customer.Account.Id, TermsService.Purpose)).ShouldHaveSingleItem();
        entry.Action.ShouldBe(ConsentAction.Granted);
        entry.TextVersion.ShouldBe(TermsVersion);
        entry.Actor.UserId.ShouldBe(customer.Account.Id);
        entry.Actor.OnBehalfOf.ShouldBeFalse();
        entry.RecordedAt.ShouldBe(App.Clock!.GetUtcNow(), TimeSpan.FromMinutes(1));

        (await client.SendAsync(TestLogins.Get("/kunde/antraege", customer.Cookie), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.SendAsync(TestLogins.Get("/api/v1/claims", customer.Cookie), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var status = await client.SendAsync(TestLogins.Get("/api/v1/claims/terms", customer.Cookie), Ct);
        var json = await ReadJsonAsync(status, Ct);
        json.GetProperty("acknowledged").GetBoolean().ShouldBeTrue();
        json.GetProperty("version").GetString().ShouldBe(TermsVersion);

        using var export = await client.SendAsync(TestLogins.Get("/konto/daten/auskunft.json", customer.Cookie), Ct);
        (await export.Content.ReadAsStringAsync(Ct)).ShouldContain(TermsService.Purpose);
    }

    [Fact]
    [Trait("Promise", "B8")]
    public async Task The_acknowledgement_page_never_redirects_to_another_site()
    {
        var customer = await NewCustomerAsync(App, acknowledge: false);
        await customer.Browser.GetAsync("/kunde/bedingungen");
        var response = await customer.Browser.PostAsync("/kunde/bedingungen", new() { ["Version"] = TermsVersion, ["ReturnUrl"] = "//evil.example/x" });
        FormClient.IsRedirectTo(response, "/kunde/antraege").ShouldBeTrue();
    }

    [Fact]
    [Trait("Promise", "B4")]
    public async Task Offers_follow_only_the_allowed_attributes_and_stop_in_portal_and_mail_after_an_objection()
    {
        using var client = App.CreateClient();
        var konrad = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        await AcknowledgeAsync(App, konrad);
        var noContract = await NewCustomerAsync(App);

        // Konrad (linked contract, 48 years) and a customer without a contract see different offers.
        (await OfferIdsAsync(client, konrad)).ShouldBe(["auslandsreise", "zahnzusatz"], ignoreOrder: true);
        (await OfferIdsAsync(client, noContract.Cookie)).ShouldBe(["einstieg"]);

        // Claim content (health data, amounts, receipts) changes nothing.
        var insured = await FirstInsuredPersonAsync(client, konrad, Ct);
        (await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", konrad, Claim(insured)), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await OfferIdsAsync(client, konrad)).ShouldBe(["auslandsreise", "zahnzusatz"], ignoreOrder: true);

        // The objection on the settings page goes into the ledger; afterwards no offer is shown ...
        var browser = new FormClient(App.CreateClient());
        browser.Set(Glasklar.Platform.Sessions.LoginSessionOptions.CookieName, konrad.Split('=', 2)[1]);
        await browser.GetAsync("/kunde/einstellungen");
        FormClient.IsRedirectTo(await browser.PostAsync("/kunde/einstellungen?handler=Werbung", new() { ["objected"] = "true" }), "/kunde/einstellungen").ShouldBeTrue();
        await browser.GetAsync("/kunde/einstellungen");
        browser.LastPage!.QuerySelector("[data-testid=saved]")!.TextContent.ShouldContain("Widerspruch gegen Direktwerbung ist gespeichert");
        browser.LastPage.QuerySelector("[data-testid=objected]").ShouldNotBeNull();
        var konradId = await UserIdAsync(Customer);
        var entry = (await LedgerAsync(App, konradId, MarketingObjection.Purpose)).ShouldHaveSingleItem();
        entry.Action.ShouldBe(ConsentAction.Granted);
        (await OfferIdsAsync(client, konrad)).ShouldBeEmpty();
        await browser.GetAsync("/kunde/angebote");
        browser.LastPage!.QuerySelectorAll("[data-testid=offer]").ShouldBeEmpty();
        browser.LastPage.QuerySelector("[data-testid=objected]").ShouldNotBeNull();

        // ... and none is sent, while a customer without objection gets a notice without offer content.
        var admin = await TestLogins.SessionCookieAsync(App.Factory, DemoAccounts.EmailFor(Roles.OperatorAdmin));
        using var mailing = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims/offers/mailing", admin, new { }), Ct);
        mailing.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadJsonAsync(mailing, Ct)).GetProperty("sent").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        PickupMailbox.For(App.Factory.Database.DataDirectory, Customer).ShouldNotContain(m => m.Subject.Contains("Angebot"));
        var notice = PickupMailbox.For(App.Factory.Database.DataDirectory, noContract.Account.Email).ShouldHaveSingleItem();
        notice.Body.ShouldContain("/kunde/angebote");
        notice.Body.ShouldNotContain("Vertrag mit dem Kundenportal");
        (await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims/offers/mailing", konrad, new { }), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Lifting the objection is a withdrawal in the ledger; offers return.
        await browser.PostAsync("/kunde/einstellungen?handler=Werbung", new() { ["objected"] = "false" });
        (await LedgerAsync(App, konradId, MarketingObjection.Purpose)).Select(e => e.Action).ShouldBe([ConsentAction.Granted, ConsentAction.Withdrawn]);
        (await OfferIdsAsync(client, konrad)).ShouldNotBeEmpty();
    }

    [Fact]
    [Trait("Promise", "B4")]
    public async Task The_objection_works_over_the_api_too_and_is_refused_in_german_without_a_body()
    {
        var customer = await NewCustomerAsync(App);
        using var client = App.CreateClient();
        using var empty = new HttpRequestMessage(HttpMethod.Put, "/api/v1/claims/marketing") { Content = new StringContent("null", System.Text.Encoding.UTF8, "application/json") };
        empty.Headers.Add("Cookie", customer.Cookie);
        using var bad = await client.SendAsync(empty, Ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(bad, Ct)).GetProperty("errors").GetProperty("objected")[0].GetString()!.ShouldContain("Bitte geben Sie an");
        using var lifted = await client.SendAsync(Put("/api/v1/claims/marketing", customer.Cookie, new { objected = false }), Ct);
        lifted.StatusCode.ShouldBe(HttpStatusCode.OK); // no objection in force: nothing to withdraw, nothing recorded
        (await LedgerAsync(App, customer.Account.Id, MarketingObjection.Purpose)).ShouldBeEmpty();

        using var objected = await client.SendAsync(Put("/api/v1/claims/marketing", customer.Cookie, new { objected = true }), Ct);
        (await ReadJsonAsync(objected, Ct)).GetProperty("objected").GetBoolean().ShouldBeTrue();
        (await OfferIdsAsync(client, customer.Cookie)).ShouldBeEmpty();
        using var state = await client.SendAsync(TestLogins.Get("/api/v1/claims/marketing", customer.Cookie), Ct);
        (await ReadJsonAsync(state, Ct)).GetProperty("objected").GetBoolean().ShouldBeTrue();
    }

    private async Task<List<string>> OfferIdsAsync(HttpClient client, string cookie)
    {
        using var response = await client.SendAsync(TestLogins.Get("/api/v1/claims/offers", cookie), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return [.. (await ReadJsonAsync(response, Ct)).EnumerateArray().Select(o => o.GetProperty("id").GetString()!)];
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Glasklar.Platform.Persistence.PlatformDbContext>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Users.Where(u => u.Email == User.NormaliseEmail(email)).Select(u => u.Id), Ct);
    }
}

public sealed class TermsAndMarketingTestsSqlite(SqliteTermsApp app) : TermsAndMarketingTests<SqliteTermsApp>(app);

public sealed class TermsAndMarketingTestsPostgres(PostgresTermsApp app) : TermsAndMarketingTests<PostgresTermsApp>(app);
