using System.Net;
using System.Net.Http.Json;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.Identity;

/// <summary>API-key pages for organisation admins: shown once, listed with last use and scopes, revocable, tenant-isolated.</summary>
public abstract class ApiKeyAdminTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    [Trait("Promise", "B11")]
    public async Task An_agency_admin_creates_a_key_that_is_shown_once_works_and_is_revoked()
    {
        var admin = await AdminAsync(Roles.AgencyAdmin);
        await admin.GetAsync("/organisation/api-schluessel");
        await admin.PostAsync("/organisation/api-schluessel?handler=Erstellen", new() { ["name"] = "Maklerverwaltung Nord", ["scopes"] = "lesen" });

        var key = admin.LastPage!.QuerySelector("[data-testid=new-key]")!.TextContent.Trim();
        key.ShouldStartWith("gk_");
        var prefix = key.Split('_')[1];
        (await CheckTextAsync(key)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var listing = await admin.GetAsync("/organisation/api-schluessel");
        var html = await listing.Content.ReadAsStringAsync(Ct);
        html.ShouldNotContain(key.Split('_')[2]); // the secret part is never shown again
        var row = admin.LastPage!.QuerySelector($"[data-testid=api-key][data-prefix='{prefix}']")!;
        row.TextContent.ShouldContain("Maklerverwaltung Nord");
        row.TextContent.ShouldContain("lesen");
        row.QuerySelectorAll("td")[4].TextContent.ShouldNotContain("nie"); // last use recorded

        var id = row.QuerySelector("input[name=id]")!.GetAttribute("value")!;
        await admin.PostAsync("/organisation/api-schluessel?handler=Widerrufen", new() { ["id"] = id });
        admin.LastPage!.QuerySelector("[role=status]")!.TextContent.ShouldContain("widerrufen");
        (await CheckTextAsync(key)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        await using var scope = App.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var stored = await db.ApiKeys.SingleAsync(k => k.Prefix == prefix, Ct);
        stored.SecretHash.ShouldNotContain(key.Split('_')[2]);
        stored.Scopes.ShouldBe("lesen");
        var actions = await db.AuditLog.Where(a => a.OrganisationId == stored.OrganisationId).Select(a => a.Action).ToListAsync(Ct);
        actions.ShouldContain(AuditActions.ApiKeyCreated);
        actions.ShouldContain(AuditActions.ApiKeyRevoked);
    }

    [Fact]
    public async Task An_admin_sees_and_revokes_only_keys_of_the_own_organisation()
    {
        var workshopKey = DemoAccounts.ApiKey(DemoAccounts.All.First(d => d.Role == Roles.WorkshopAdmin))!;
        var agency = await AdminAsync(Roles.AgencyAdmin);
        await agency.GetAsync("/organisation/api-schluessel");
        agency.LastPage!.QuerySelector($"[data-prefix='{workshopKey.Prefix}']").ShouldBeNull();
        agency.LastPage.QuerySelectorAll("[data-testid=api-key]").Length.ShouldBeGreaterThanOrEqualTo(1);

        Guid workshopKeyId;
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
            workshopKeyId = (await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().ApiKeys.SingleAsync(k => k.Prefix == workshopKey.Prefix, Ct)).Id;
        }

        var attempt = await agency.PostAsync("/organisation/api-schluessel?handler=Widerrufen", new() { ["id"] = workshopKeyId.ToString() });

        attempt.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await CheckTextAsync(workshopKey.Key)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var workshop = await AdminAsync(Roles.WorkshopAdmin);
        await workshop.GetAsync("/organisation/api-schluessel");
        workshop.LastPage!.QuerySelector($"[data-prefix='{workshopKey.Prefix}']").ShouldNotBeNull();
    }

    [Fact]
    public async Task Missing_name_or_scopes_are_named_in_German_and_nothing_is_stored()
    {
        var admin = await AdminAsync(Roles.InsurerClerk);
        await admin.GetAsync("/organisation/api-schluessel");
        var before = admin.LastPage!.QuerySelectorAll("[data-testid=api-key]").Length;

        var response = await admin.PostAsync("/organisation/api-schluessel?handler=Erstellen", new() { ["name"] = " " });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        admin.LastPage!.QuerySelector("#name-fehler")!.TextContent.ShouldContain("Bitte geben Sie dem Schlüssel einen Namen");
        admin.LastPage.QuerySelector("fieldset [role=alert]")!.TextContent.ShouldContain("mindestens eine Berechtigung");
        await admin.PostAsync("/organisation/api-schluessel?handler=Erstellen", new() { ["name"] = "X", ["scopes"] = "alles" });
        admin.LastPage!.QuerySelector("fieldset [role=alert]")!.TextContent.ShouldContain("„alles“ gibt es nicht");

        admin.LastPage.QuerySelector("[data-testid=new-key]").ShouldBeNull();
        admin.LastPage.QuerySelectorAll("[data-testid=api-key]").Length.ShouldBe(before);
    }

    private async Task<HttpResponseMessage> CheckTextAsync(string key)
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/privacy/text-check") { Content = JsonContent.Create(new { text = "Steinschlag rechts" }) };
        request.Headers.TryAddWithoutValidation("Authorization", "ApiKey " + key);
        return await client.SendAsync(request, Ct);
    }

    private async Task<FormClient> AdminAsync(string role)
    {
        var browser = new FormClient(App.CreateClient());
        var parts = (await TestLogins.SessionCookieAsync(App.Factory, DemoAccounts.EmailFor(role))).Split('=', 2);
        browser.Set(parts[0], parts[1]);
        return browser;
    }
}

public sealed class ApiKeyAdminTestsSqlite(SqliteApp app) : ApiKeyAdminTests<SqliteApp>(app);

public sealed class ApiKeyAdminTestsPostgres(PostgresApp app) : ApiKeyAdminTests<PostgresApp>(app);
