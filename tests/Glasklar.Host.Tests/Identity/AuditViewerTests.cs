using System.Net;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.Identity;

/// <summary>The audit viewer: operator admin and DPO only, with filters by account, action and date range, paged.</summary>
public abstract class AuditViewerTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    [Trait("Promise", "B11")]
    [Trait("Promise", "X5")]
    public async Task The_DPO_filters_by_account_and_action_and_sees_ip_and_time()
    {
        var agent = DemoAccounts.EmailFor(Roles.Agent);
        var browser = NewBrowser();
        await browser.GetAsync("/anmelden");
        await browser.PostAsync("/anmelden", new() { ["email"] = agent, ["password"] = "ganz-falsches-passwort" });
        var dpo = await ViewerAsync(Roles.DataProtectionOfficer);

        using var response = await dpo.GetAsync($"/verwaltung/protokoll?user={Uri.EscapeDataString(agent)}&action={AuditActions.LoginFailed}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = dpo.LastPage!.QuerySelectorAll("[data-testid=audit-row]");
        rows.Length.ShouldBeGreaterThanOrEqualTo(1);
        rows.ShouldAllBe(r => r.GetAttribute("data-action") == AuditActions.LoginFailed);
        rows[0].TextContent.ShouldContain(agent);
        rows[0].TextContent.ShouldContain("Fehlgeschlagene Anmeldung");
        rows[0].QuerySelectorAll("td")[4].TextContent.ShouldNotBe("–"); // the IP address of the attempt
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    [Trait("Promise", "B11")]
    public async Task The_operator_admin_pages_through_the_log_newest_first_and_filters_by_date()
    {
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            for (var i = 0; i < AuditQuery.PageSize + 5; i++)
            {
                await audit.AppendAsync(AuditActions.SessionEnded, null, null, "192.0.2.7", new() { ["nr"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Ct);
            }
        }

        var admin = await ViewerAsync(Roles.OperatorAdmin);
        await admin.GetAsync($"/verwaltung/protokoll?action={AuditActions.SessionEnded}");
        var first = Sequences(admin);
        first.Count.ShouldBe(AuditQuery.PageSize);
        first.ShouldBeInOrder(SortDirection.Descending);
        var next = admin.LastPage!.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        await admin.GetAsync(next);
        var second = Sequences(admin);
        second.Count.ShouldBeGreaterThanOrEqualTo(5);
        second.Max().ShouldBeLessThan(first.Min());

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await admin.GetAsync($"/verwaltung/protokoll?action={AuditActions.SessionEnded}&from={today}&to={today}");
        Sequences(admin).Count.ShouldBe(AuditQuery.PageSize);
        await admin.GetAsync($"/verwaltung/protokoll?action={AuditActions.SessionEnded}&from=2000-01-01&to=2000-01-31");
        Sequences(admin).ShouldBeEmpty();
        admin.LastPage!.QuerySelector("[role=status]")!.TextContent.ShouldContain("Keine Einträge");
    }

    [Fact]
    public async Task Bad_filters_are_named_in_German()
    {
        var dpo = await ViewerAsync(Roles.DataProtectionOfficer);

        var response = await dpo.GetAsync("/verwaltung/protokoll?from=gestern&to=2026-01-01&action=erfunden");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        dpo.LastPage!.QuerySelector("#from-fehler")!.TextContent.ShouldContain("Bitte geben Sie ein Datum");
        dpo.LastPage.QuerySelector("#action-fehler")!.TextContent.ShouldContain("Diese Aktion gibt es nicht");
        await dpo.GetAsync("/verwaltung/protokoll?from=2026-02-01&to=2026-01-01");
        dpo.LastPage!.QuerySelector("#to-fehler")!.TextContent.ShouldContain("vor seinem Anfang");
    }

    [Theory]
    [InlineData(Roles.AgencyAdmin)]
    [InlineData(Roles.WorkshopAdmin)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.Customer)]
    [Trait("Promise", "X5")]
    public async Task Nobody_else_sees_the_log(string role)
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, DemoAccounts.EmailFor(role));

        using var response = await client.SendAsync(TestLogins.Get("/verwaltung/protokoll", cookie), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_api_key_cannot_read_the_log()
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/verwaltung/protokoll");
        request.Headers.TryAddWithoutValidation("Authorization", "ApiKey " + DemoAccounts.ApiKey(DemoAccounts.All.First(d => d.Role == Roles.InsurerClerk))!.Key);

        using var response = await client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static List<long> Sequences(FormClient browser) =>
        [.. browser.LastPage!.QuerySelectorAll("[data-testid=audit-row] td:first-child").Select(td => long.Parse(td.TextContent, System.Globalization.CultureInfo.InvariantCulture))];

    private async Task<FormClient> ViewerAsync(string role)
    {
        var browser = NewBrowser();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, DemoAccounts.EmailFor(role));
        var parts = cookie.Split('=', 2);
        browser.Set(parts[0], parts[1]);
        return browser;
    }

    private FormClient NewBrowser() => new(App.CreateClient());
}

public sealed class AuditViewerTestsSqlite(SqliteApp app) : AuditViewerTests<SqliteApp>(app);

public sealed class AuditViewerTestsPostgres(PostgresApp app) : AuditViewerTests<PostgresApp>(app);
