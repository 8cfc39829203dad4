using System.Net;
using Glasklar.Claims.Demo;
using Glasklar.Claims.Persistence;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Glasklar.Host.Tests.ClaimsRegistration.RegistrationSupport;

namespace Glasklar.Host.Tests.ClaimsRegistration;

/// <summary>The contract linking page and the contract view (B1, B2), with the limit on failed attempts (B5: no-store).</summary>
public abstract class ContractLinkingTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    private ManualClock Clock => App.Clock!;

    [Fact]
    [Trait("Promise", "B1")]
    [Trait("Promise", "B2")]
    [Trait("Promise", "B5")]
    public async Task A_wrong_birth_date_links_nothing_five_failures_lock_the_form_and_the_right_pair_later_shows_exactly_the_b2_data()
    {
        var email = await NewCustomerAsync(App.Factory);
        var browser = new FormClient(App.CreateClient());
        UseSession(browser, await TestLogins.SessionCookieAsync(App.Factory, email));

        var form = await browser.GetAsync("/kunde/vertrag-verknuepfen");
        form.StatusCode.ShouldBe(HttpStatusCode.OK);
        form.Headers.CacheControl!.NoStore.ShouldBeTrue();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await browser.PostAsync("/kunde/vertrag-verknuepfen", new() { ["PolicyNumber"] = DemoContracts.ThirdPolicy, ["BirthDate"] = "1969-11-03" });
            wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var errors = browser.LastPage!.QuerySelector("[data-testid=errors]")!;
            errors.TextContent.ShouldContain("Es wurde kein Vertrag verknüpft.");
            errors.QuerySelector("li[data-field=birthDate]")!.TextContent.ShouldContain("Geburtsdatum passen zu keinem Vertrag");
        }

        (await LinkedUserAsync()).ShouldBeNull();

        // The sixth try is refused even with the right date: the limit is per account, not per pair.
        var locked = await browser.PostAsync("/kunde/vertrag-verknuepfen", new() { ["PolicyNumber"] = DemoContracts.ThirdPolicy, ["BirthDate"] = "1969-11-02" });
        locked.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        browser.LastPage!.QuerySelector("[data-testid=errors] li")!.TextContent.ShouldContain("Zu viele fehlgeschlagene Versuche");
        using (var api = await App.CreateClient().SendAsync(Claims.ClaimsTestSupport.Json(HttpMethod.Post, "/api/v1/claims/contracts/link",
            await TestLogins.SessionCookieAsync(App.Factory, email), new { policyNumber = DemoContracts.ThirdPolicy, birthDate = "1969-11-02" }), Ct))
        {
            api.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await api.Content.ReadAsStringAsync(Ct)).ShouldContain("policyNumber");
        }

        (await LinkedUserAsync()).ShouldBeNull();

        // An hour later the right pair links (a new session: the old one idled out meanwhile).
        Clock.Advance(TimeSpan.FromMinutes(61));
        browser = new FormClient(App.CreateClient());
        UseSession(browser, await TestLogins.SessionCookieAsync(App.Factory, email));
        await browser.GetAsync("/kunde/vertrag-verknuepfen");
        var linked = await browser.PostAsync("/kunde/vertrag-verknuepfen", new() { ["PolicyNumber"] = " kv-2026-000103 ", ["BirthDate"] = "1969-11-02" });
        FormClient.IsRedirectTo(linked, "/kunde/vertraege?hinweis=verknuepft").ShouldBeTrue();
        (await LinkedUserAsync()).ShouldNotBeNull();

        var view = await browser.GetAsync("/kunde/vertraege?hinweis=verknuepft");
        view.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var page = browser.LastPage!;
        page.QuerySelector("[role=status]")!.TextContent.ShouldContain("verknüpft");
        var contract = page.QuerySelector("[data-testid=contract]")!;
        contract.QuerySelectorAll("dt").Select(d => d.TextContent).ShouldBe(["Versicherungsnummer", "Versicherungsnehmer", "Leistungsumfang"]);
        contract.QuerySelector("dd[data-field=policyNumber]")!.TextContent.ShouldBe(DemoContracts.ThirdPolicy);
        contract.QuerySelector("dd[data-field=policyholder]")!.TextContent.ShouldBe("Divers Sascha Beispiel");
        contract.QuerySelectorAll("thead th").Select(d => d.TextContent).ShouldBe(["Anrede", "Vorname", "Nachname", "Geburtsdatum"]);
        contract.QuerySelectorAll("tr[data-testid=insured] td").Select(d => d.TextContent).ShouldBe(["Divers", "Sascha", "Beispiel", "02.11.1969"]);
        page.QuerySelector("main")!.TextContent.ShouldNotContain("1969-11-02"); // the policyholder's birth date is compared, never shown
    }

    [Fact]
    [Trait("Promise", "B2")]
    public async Task Missing_fields_are_named_and_do_not_count_as_failed_attempts()
    {
        var email = await NewCustomerAsync(App.Factory);
        var browser = new FormClient(App.CreateClient());
        UseSession(browser, await TestLogins.SessionCookieAsync(App.Factory, email));
        await browser.GetAsync("/kunde/vertrag-verknuepfen");
        for (var i = 0; i < 6; i++)
        {
            (await browser.PostAsync("/kunde/vertrag-verknuepfen", new() { ["PolicyNumber"] = "", ["BirthDate"] = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        browser.LastPage!.QuerySelectorAll("[data-testid=errors] li").Select(li => li.GetAttribute("data-field")).ShouldBe(["policyNumber", "birthDate"]);
        var userId = (await FindUserAsync(App.Factory, email))!.Id;
        await using var scope = App.Factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<ClaimsDbContext>().LinkAttempts.CountAsync(a => a.UserId == userId, Ct)).ShouldBe(0);
    }

    private async Task<Guid?> LinkedUserAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        return await scope.ServiceProvider.GetRequiredService<ClaimsDbContext>().Contracts
            .Where(c => c.PolicyNumber == DemoContracts.ThirdPolicy).Select(c => c.LinkedUserId).SingleAsync(Ct);
    }
}

public sealed class ContractLinkingTestsSqlite(SqliteClockedApp app) : ContractLinkingTests<SqliteClockedApp>(app);

public sealed class ContractLinkingTestsPostgres(PostgresClockedApp app) : ContractLinkingTests<PostgresClockedApp>(app);
