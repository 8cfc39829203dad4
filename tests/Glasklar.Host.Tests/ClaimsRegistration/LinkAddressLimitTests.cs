using System.Net;
using Glasklar.Claims.Demo;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Testing;
using static Glasklar.Host.Tests.Claims.ClaimsTestSupport;
using static Glasklar.Host.Tests.ClaimsRegistration.RegistrationSupport;

namespace Glasklar.Host.Tests.ClaimsRegistration;

/// <summary>Failed contract-link attempts are limited per client IP address across accounts too (B6), not only per account.</summary>
public abstract class LinkAddressLimitTests<TApp>(TApp app, int limit) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    private const string Locked = "Zu viele fehlgeschlagene Versuche";

    [Fact]
    [Trait("Promise", "B6")]
    [Trait("Promise", "B1")]
    public async Task Failures_spread_over_many_accounts_lock_the_address_for_a_fresh_account_until_the_window_has_passed()
    {
        using var client = App.CreateClient();

        // Every account stays below its own limit of five; together they reach the address's limit.
        for (var failures = 0; failures < limit;)
        {
            var cookie = await TestLogins.SessionCookieAsync(App.Factory, await NewCustomerAsync(App.Factory));
            for (var i = 0; i < 4 && failures < limit; i++, failures++)
            {
                using var wrong = await LinkAsync(client, cookie, "1969-11-03");
                wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            }
        }

        var fresh = await NewCustomerAsync(App.Factory);
        using (var api = await LinkAsync(client, await TestLogins.SessionCookieAsync(App.Factory, fresh), "1969-11-02"))
        {
            api.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            (await ReadJsonAsync(api, Ct)).GetProperty("errors").GetProperty("policyNumber")[0].GetString()!.ShouldContain(Locked);
        }

        var browser = new FormClient(App.CreateClient());
        UseSession(browser, await TestLogins.SessionCookieAsync(App.Factory, fresh));
        await browser.GetAsync("/kunde/vertrag-verknuepfen");
        var page = await browser.PostAsync("/kunde/vertrag-verknuepfen", new() { ["PolicyNumber"] = DemoContracts.ThirdPolicy, ["BirthDate"] = "1969-11-02" });
        page.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        browser.LastPage!.QuerySelector("[data-testid=errors] li")!.TextContent.ShouldContain("erst in 60 Minuten");

        App.Clock!.Advance(TimeSpan.FromMinutes(61));
        using var later = await LinkAsync(client, await TestLogins.SessionCookieAsync(App.Factory, fresh), "1969-11-02");
        later.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> LinkAsync(HttpClient client, string cookie, string birthDate) =>
        await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims/contracts/link", cookie, new { policyNumber = DemoContracts.ThirdPolicy, birthDate }), Ct);
}

/// <summary>An operator's lower limit per address (<c>Glasklar:Claims:Registration:LinkAttemptsPerAddressPerWindow</c>).</summary>
public sealed class SqliteLowAddressLimitApp() : AppFixture(Providers.Sqlite, new ManualClock(),
    new Dictionary<string, string?> { ["Glasklar:Claims:Registration:LinkAttemptsPerAddressPerWindow"] = "3" });

public sealed class LinkAddressLimitTestsSqlite(SqliteClockedApp app) : LinkAddressLimitTests<SqliteClockedApp>(app, 20);

public sealed class LinkAddressLimitTestsPostgres(PostgresClockedApp app) : LinkAddressLimitTests<PostgresClockedApp>(app, 20);

public sealed class LinkAddressLimitConfiguredTests(SqliteLowAddressLimitApp app) : LinkAddressLimitTests<SqliteLowAddressLimitApp>(app, 3);
