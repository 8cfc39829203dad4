using System.Net;
using Glasklar.Claims.Demo;
using Glasklar.Claims.Pages.Kunde;
using Glasklar.Claims.Persistence;
using Glasklar.Host.Tests.Identity;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Sessions;
using Glasklar.Platform.Tenancy;
using Glasklar.Privacy.DataSubjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Glasklar.Host.Tests.Claims.ClaimsTestSupport;
using static Glasklar.Host.Tests.SelfService.SelfServiceSupport;

namespace Glasklar.Host.Tests.SelfService;

/// <summary>Self-service rights (B14), closing the account (B13), password and sessions reachable (B8) over real HTTP.</summary>
public abstract class RightsAndDraftsTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    [Trait("Promise", "B14")]
    [Trait("Promise", "B8")]
    public async Task Meine_Daten_downloads_json_and_pdf_and_files_every_right_with_the_privacy_core()
    {
        var customer = await NewCustomerAsync(App);
        var browser = customer.Browser;
        (await browser.GetAsync("/kunde/meine-daten")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = browser.LastPage!;
        foreach (var link in new[] { "/konto/daten/auskunft.json", "/konto/daten/auskunft.pdf", "/konto/passwort", "/konto", "/kunde/konto-schliessen" })
        {
            page.QuerySelector($"a[href='{link}']").ShouldNotBeNull(link);
        }

        using var client = App.CreateClient();
        using var json = await client.SendAsync(TestLogins.Get("/konto/daten/auskunft.json", customer.Cookie), Ct);
        json.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await json.Content.ReadAsStringAsync(Ct)).ShouldContain(customer.Account.Email);
        using var pdf = await client.SendAsync(TestLogins.Get("/konto/daten/auskunft.pdf", customer.Cookie), Ct);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await pdf.Content.ReadAsByteArrayAsync(Ct))[..5].ShouldBe("%PDF-"u8.ToArray());

        var missing = await browser.PostAsync("/kunde/meine-daten", new() { ["Kind"] = "Rectification", ["Details"] = " " });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        browser.LastPage!.QuerySelector("[data-field=details]")!.TextContent.ShouldContain("welche Angabe falsch ist");

        foreach (var (kind, details) in new[] { ("Rectification", "Mein Nachname ist falsch geschrieben."), ("Erasure", ""), ("Restriction", ""), ("Objection", "Auswertung für Produktentwicklung") })
        {
            await browser.GetAsync("/kunde/meine-daten");
            FormClient.IsRedirectTo(await browser.PostAsync("/kunde/meine-daten", new() { ["Kind"] = kind, ["Details"] = details }), "/kunde/meine-daten").ShouldBeTrue(kind);
        }

        await using var scope = App.Factory.Services.CreateAsyncScope();
        var queue = await scope.ServiceProvider.GetRequiredService<ISubjectRequests>().QueueAsync(false, Ct);
        var mine = queue.Where(r => r.Subject.UserId == customer.Account.Id).ToList();
        mine.Select(r => r.Kind).ShouldBe([SubjectRequestKind.Rectification, SubjectRequestKind.Erasure, SubjectRequestKind.Restriction, SubjectRequestKind.Objection], ignoreOrder: true);
        mine.Single(r => r.Kind == SubjectRequestKind.Objection).Details!.ShouldStartWith(MeineDatenModel.ObjectionPrefix);
        await browser.GetAsync("/kunde/meine-daten");
        browser.LastPage!.QuerySelectorAll("[data-testid=request]").Length.ShouldBe(4);

        await browser.GetAsync("/kunde/einstellungen");
        foreach (var link in new[] { "/konto/passwort", "/konto", "/kunde/meine-daten" })
        {
            browser.LastPage!.QuerySelector($"a[href='{link}']").ShouldNotBeNull(link);
        }
    }

    [Fact]
    [Trait("Promise", "B14")]
    [Trait("Promise", "B13")]
    public async Task Closing_the_account_needs_re_authentication_deletes_the_data_keeps_what_a_statutory_period_holds_and_ends_every_session()
    {
        var customer = await NewCustomerAsync(App);
        var id = customer.Account.Id;
        using var client = App.CreateClient();
        using (var link = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims/contracts/link", customer.Cookie,
            new { policyNumber = DemoContracts.ThirdPolicy, birthDate = DemoContracts.ThirdPolicyholderBirthDate.ToString("yyyy-MM-dd") }), Ct))
        {
            link.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var insured = await FirstInsuredPersonAsync(client, customer.Cookie, Ct);
        var settledId = await SubmitAsync(client, customer.Cookie, insured);
        var openId = await SubmitAsync(client, customer.Cookie, insured);
        await SettleAsync(client, settledId);
        (await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims/drafts", customer.Cookie, new { insuredPersonId = insured }), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.SendAsync(Put("/api/v1/claims/profile/bank", customer.Cookie, new { holder = "Sascha Beispiel", iban = ValidIban }), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var otherDevice = await TestLogins.SessionCookieAsync(App.Factory, customer.Account.Email);

        var browser = customer.Browser;
        FormClient.IsRedirectTo(await browser.GetAsync("/kunde/konto-schliessen"), "/konto/bestaetigen?returnUrl=%2Fkunde%2Fkonto-schliessen").ShouldBeTrue();
        FormClient.IsRedirectTo(await AccountJourney.ReauthenticateAsync(browser, customer.Account.Password, customer.Account.Secret, App.Clock!, "/kunde/konto-schliessen"),
            "/kunde/konto-schliessen").ShouldBeTrue();
        (await browser.GetAsync("/kunde/konto-schliessen")).StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.LastPage!.QuerySelector("[data-testid=hold]")!.TextContent.ShouldContain("Abgerechnete Anträge (1)");

        var unconfirmed = await browser.PostAsync("/kunde/konto-schliessen", new());
        unconfirmed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        browser.LastPage!.QuerySelector("[data-field=confirm]")!.TextContent.ShouldContain("endgültig schließen");
        (await UserExistsAsync(id)).ShouldBeTrue();

        var closed = await browser.PostAsync("/kunde/konto-schliessen", new() { ["Confirm"] = "true" });
        closed.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.LastPage!.QuerySelector("[data-testid=closed]").ShouldNotBeNull();
        browser.LastPage.QuerySelector("[data-testid=kept]")!.TextContent.ShouldContain("Erstattungsanträge und Belege (1)");
        browser.Cookies.ContainsKey(LoginSessionOptions.CookieName).ShouldBeFalse();

        (await UserExistsAsync(id)).ShouldBeFalse();
        foreach (var cookie in new[] { customer.Cookie, otherDevice })
        {
            using var after = await client.SendAsync(TestLogins.Get("/kunde/antraege", cookie), Ct);
            FormClient.IsRedirectTo(after, "/anmelden").ShouldBeTrue();
        }

        await using var scope = App.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        (await db.Claims.AnyAsync(c => c.Id == openId, Ct)).ShouldBeFalse();
        (await db.Claims.SingleAsync(c => c.Id == settledId, Ct)).Restricted.ShouldBeTrue();
        (await db.Drafts.AnyAsync(d => d.CustomerUserId == id, Ct)).ShouldBeFalse();
        (await db.Profiles.AnyAsync(p => p.CustomerUserId == id, Ct)).ShouldBeFalse();
        (await db.Contracts.AnyAsync(c => c.LinkedUserId == id, Ct)).ShouldBeFalse();
        (await LedgerAsync(App, id, Glasklar.Claims.Terms.TermsService.Purpose)).ShouldBeEmpty();
        var request = (await scope.ServiceProvider.GetRequiredService<ISubjectRequests>().ForUserAsync(id, Ct)).ShouldHaveSingleItem();
        request.Kind.ShouldBe(SubjectRequestKind.Erasure);
        request.State.ShouldBe(SubjectRequestState.Completed);
    }

    [Fact]
    [Trait("Promise", "B1")]
    [Trait("Promise", "B13")]
    public async Task A_draft_is_saved_resumed_and_discarded_never_a_claim_and_only_for_its_owner()
    {
        var customer = await NewCustomerAsync(App);
        var other = await NewCustomerAsync(App);
        using var client = App.CreateClient();
        var before = await CountClaimsAsync(App.Factory);

        var browser = customer.Browser;
        await browser.GetAsync("/kunde/antraege/neu");
        var saved = await browser.PostAsync("/kunde/antraege/neu?handler=Entwurf", new()
        {
            ["TreatmentDate[0]"] = "2026-11-20",
            ["Kind[0]"] = "Zahn",
            ["Amount[0]"] = "120,50",
            ["Holder"] = "Tessa Testerfeld",
        });
        FormClient.IsRedirectTo(saved, "/kunde/antraege/neu?entwurf=").ShouldBeTrue();
        var location = saved.Headers.Location!.OriginalString;
        var draftId = Guid.Parse(location.Split("entwurf=")[1]);
        await browser.GetAsync(location);
        var page = browser.LastPage!;
        page.QuerySelector("[data-testid=draft-saved]")!.TextContent.ShouldContain("Entwurf ist gespeichert");
        page.QuerySelector("#date-0")!.GetAttribute("value").ShouldBe("2026-11-20");
        page.QuerySelector("#amount-0")!.GetAttribute("value").ShouldBe("120,50");
        page.QuerySelector("#kind-0 option[selected]")!.GetAttribute("value").ShouldBe("Zahn");
        page.QuerySelector("#holder")!.GetAttribute("value").ShouldBe("Tessa Testerfeld");
        (await CountClaimsAsync(App.Factory)).ShouldBe(before);

        var clerk = await TestLogins.SessionCookieAsync(App.Factory, Clerk);
        using (var queue = await client.SendAsync(TestLogins.Get("/api/v1/claims/queue", clerk), Ct))
        {
            (await queue.Content.ReadAsStringAsync(Ct)).ShouldNotContain(draftId.ToString());
        }

        (await client.SendAsync(TestLogins.Get($"/api/v1/claims/drafts/{draftId}", other.Cookie), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.SendAsync(TestLogins.Get($"/kunde/antraege/neu?entwurf={draftId}", other.Cookie), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.SendAsync(Delete($"/api/v1/claims/drafts/{draftId}", other.Cookie), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using (var update = await client.SendAsync(Put($"/api/v1/claims/drafts/{draftId}", customer.Cookie,
            new { items = new[] { new { treatmentDate = "2026-11-21", kind = "Arznei", amount = 9.99m } } }), Ct))
        {
            update.StatusCode.ShouldBe(HttpStatusCode.OK);
            var view = await ReadJsonAsync(update, Ct);
            view.GetProperty("content").GetProperty("items")[0].GetProperty("kind").GetString().ShouldBe("Arznei");
            view.GetProperty("deletedAfter").GetString().ShouldBe(DateOnly.FromDateTime(App.Clock!.GetUtcNow().UtcDateTime.AddDays(30)).ToString("yyyy-MM-dd"));
        }

        using (var tooMany = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims/drafts", customer.Cookie,
            new { items = Enumerable.Range(0, 51).Select(_ => new { kind = "Zahn" }).ToArray() }), Ct))
        {
            tooMany.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await ReadJsonAsync(tooMany, Ct)).GetProperty("errors").GetProperty("items")[0].GetString()!.ShouldContain("höchstens 50");
        }

        using (var list = await client.SendAsync(TestLogins.Get("/api/v1/claims/drafts", customer.Cookie), Ct))
        {
            (await ReadJsonAsync(list, Ct)).GetArrayLength().ShouldBe(1);
        }

        await browser.GetAsync($"/kunde/antraege/neu?entwurf={draftId}");
        FormClient.IsRedirectTo(await browser.PostAsync("/kunde/antraege/neu?handler=Verwerfen", new() { ["DraftId"] = draftId.ToString() }), "/kunde/antraege/neu").ShouldBeTrue();
        (await client.SendAsync(TestLogins.Get($"/api/v1/claims/drafts/{draftId}", customer.Cookie), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    [Trait("Promise", "B13")]
    public async Task A_draft_saved_over_the_api_is_deleted_30_days_after_its_last_change()
    {
        var customer = await NewCustomerAsync(App);
        using var client = App.CreateClient();
        var stale = await CreateDraftAsync(client, customer.Cookie);
        var touched = await CreateDraftAsync(client, customer.Cookie);
        App.Clock!.Advance(TimeSpan.FromDays(20));
        var later = await TestLogins.SessionCookieAsync(App.Factory, customer.Account.Email); // the first session has long expired
        (await client.SendAsync(Put($"/api/v1/claims/drafts/{touched}", later, new { items = Array.Empty<object>() }), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromDays(11));
        var last = await TestLogins.SessionCookieAsync(App.Factory, customer.Account.Email);

        await using var scope = App.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        var rule = scope.ServiceProvider.GetServices<Glasklar.Platform.Retention.IRetentionRule>().Single(r => r.Policy.Category == "Antragsentwürfe");
        var outcome = await rule.ApplyAsync(new(App.Clock.GetUtcNow().UtcDateTime, scope.ServiceProvider.GetRequiredService<Glasklar.Platform.Retention.ILegalHolds>()), Ct);

        outcome.Deleted.ShouldBeGreaterThanOrEqualTo(1);
        (await client.SendAsync(TestLogins.Get($"/api/v1/claims/drafts/{stale}", last), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.SendAsync(TestLogins.Get($"/api/v1/claims/drafts/{touched}", last), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    [Trait("Promise", "B2")]
    public async Task The_bank_account_is_checked_stored_encrypted_and_prefills_the_wizard()
    {
        var customer = await NewCustomerAsync(App);
        using var client = App.CreateClient();
        using (var bad = await client.SendAsync(Put("/api/v1/claims/profile/bank", customer.Cookie, new { holder = "Tessa Testerfeld", iban = "DE00 1234" }), Ct))
        {
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await ReadJsonAsync(bad, Ct)).GetProperty("errors").GetProperty("bank.iban")[0].GetString()!.ShouldContain("IBAN");
        }

        (await client.SendAsync(TestLogins.Get("/api/v1/claims/profile/bank", customer.Cookie), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var browser = customer.Browser;
        await browser.GetAsync("/kunde/einstellungen");
        FormClient.IsRedirectTo(await browser.PostAsync("/kunde/einstellungen?handler=Bank", new() { ["Holder"] = "Tessa Testerfeld", ["Iban"] = ValidIban, ["Bic"] = "COBADEFFXXX" }),
            "/kunde/einstellungen").ShouldBeTrue();

        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<ClaimsDbContext>().Profiles.AsNoTracking().SingleAsync(p => p.CustomerUserId == customer.Account.Id, Ct);
            stored.BankProtected!.ShouldNotContain("DE89");
            stored.BankProtected!.ShouldNotContain("Tessa");
        }

        await browser.GetAsync("/kunde/antraege/neu");
        browser.LastPage!.QuerySelector("#iban")!.GetAttribute("value").ShouldBe("DE89370400440532013000");
        browser.LastPage.QuerySelector("#holder")!.GetAttribute("value").ShouldBe("Tessa Testerfeld");
        using var export = await client.SendAsync(TestLogins.Get("/konto/daten/auskunft.json", customer.Cookie), Ct);
        (await export.Content.ReadAsStringAsync(Ct)).ShouldContain("DE89370400440532013000");
    }

    private async Task<Guid> SubmitAsync(HttpClient client, string cookie, Guid insured)
    {
        using var response = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", cookie, Claim(insured)), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await ReadJsonAsync(response, Ct)).GetProperty("claimId").GetGuid();
    }

    private async Task SettleAsync(HttpClient client, Guid claimId)
    {
        var clerk = await TestLogins.SessionCookieAsync(App.Factory, Clerk);
        using var detail = await client.SendAsync(TestLogins.Get($"/api/v1/claims/queue/{claimId}", clerk), Ct);
        var items = (await ReadJsonAsync(detail, Ct)).GetProperty("items").EnumerateArray()
            .Select(i => new { itemId = i.GetProperty("id").GetGuid(), reimbursed = i.GetProperty("claimed").GetDecimal() }).ToArray();
        using var decided = await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/queue/{claimId}/decision", clerk, new { items }), Ct);
        decided.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<Guid> CreateDraftAsync(HttpClient client, string cookie)
    {
        using var response = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims/drafts", cookie, new { bank = new { holder = "Tessa" } }), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await ReadJsonAsync(response, Ct)).GetProperty("id").GetGuid();
    }

    private async Task<bool> UserExistsAsync(Guid id)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Users.AnyAsync(u => u.Id == id, Ct);
    }
}

public sealed class RightsAndDraftsTestsSqlite(SqliteTermsApp app) : RightsAndDraftsTests<SqliteTermsApp>(app);

public sealed class RightsAndDraftsTestsPostgres(PostgresTermsApp app) : RightsAndDraftsTests<PostgresTermsApp>(app);
