using System.Net;
using System.Text;
using System.Text.Json;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Glasklar.Host.Tests.Privacy.PrivacyTestSupport;

namespace Glasklar.Host.Tests.Privacy;

/// <summary>The access report of a demo user over real HTTP: every datum with its provenance, as JSON, HTML and PDF.</summary>
[Trait("Promise", "X7")]
[Trait("Promise", "B14")]
[Trait("Promise", "A14")]
public abstract class AccessReportHttpTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    public async Task A_demo_customers_report_lists_every_datum_with_provenance_and_resolved_names()
    {
        var email = DemoAccounts.EmailFor(Roles.Customer);
        var customerId = await UserIdAsync(App.Factory, email);
        await RecordConsentByAgentAsync(App.Factory, customerId);
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, email);
        using var client = App.CreateClient();

        using var response = await client.SendAsync(TestLogins.Get("/konto/daten/auskunft.json", cookie), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var data = Data(report);
        data.Count.ShouldBe(report.RootElement.GetProperty("anzahl").GetInt32());

        // Every datum has a provenance: module, form and time, and a name wherever an id is given.
        foreach (var datum in data)
        {
            var provenance = datum.GetProperty("herkunft");
            provenance.GetProperty("modul").GetString().ShouldNotBeNullOrWhiteSpace();
            provenance.GetProperty("formular").GetString().ShouldNotBeNullOrWhiteSpace();
            provenance.GetProperty("eingegebenAm").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.MinValue);
            foreach (var party in new[] { "eingegebenVon", "organisation" })
            {
                if (provenance.GetProperty(party).ValueKind == JsonValueKind.Object)
                {
                    provenance.GetProperty(party).GetProperty("name").GetString().ShouldNotBeNullOrWhiteSpace();
                }
            }
        }

        // Every datum the database holds about the account is there.
        var (user, sessions, audit) = await InScopeAsync(App.Factory, async sp =>
        {
            var db = sp.GetRequiredService<PlatformDbContext>();
            return (await db.Users.AsNoTracking().SingleAsync(u => u.Id == customerId, Ct),
                await db.Sessions.CountAsync(s => s.UserId == customerId, Ct),
                await db.AuditLog.CountAsync(a => a.UserId == customerId, Ct));
        });
        Value(data, "Benutzerkonto", "E-Mail-Adresse").ShouldBe(user.Email);
        Value(data, "Benutzerkonto", "Vorname").ShouldBe(user.GivenName);
        Value(data, "Benutzerkonto", "Nachname").ShouldBe(user.FamilyName);
        Value(data, "Benutzerkonto", "Rollen").ShouldBe("Kunde/Kundin");
        data.Count(d => Is(d, "Sitzungen", "Gerät")).ShouldBe(sessions);
        data.Count(d => Is(d, "Revisionsprotokoll", "Aktion")).ShouldBe(audit);
        audit.ShouldBeGreaterThan(0); // at least this report's own audit entry

        // The consent the agent recorded names the agent and the agency (who entered it, for whom).
        var consent = data.First(d => Is(d, "Einwilligungen", "Zweck"));
        consent.GetProperty("wert").GetString().ShouldBe("weitergabe-werkstatt");
        consent.GetProperty("herkunft").GetProperty("eingegebenVon").GetProperty("name").GetString().ShouldBe("Alma Nordberg");
        consent.GetProperty("herkunft").GetProperty("organisation").GetProperty("name").GetString().ShouldNotBeNullOrWhiteSpace();
        Value(data, "Einwilligungen", "Erklärung").ShouldBe("erteilt (für Sie erfasst)");
    }

    [Fact]
    public async Task The_report_is_also_a_readable_page_and_a_pdf_and_only_for_the_signed_in_person()
    {
        var customer = await NewCustomerAsync(App.Factory);
        using var client = App.CreateClient();

        using var html = await client.SendAsync(TestLogins.Get("/konto/daten/auskunft.html", customer.Cookie), Ct);
        html.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var page = await html.Content.ReadAsStringAsync(Ct);
        page.ShouldContain(customer.Email);
        page.ShouldContain("Kim Kundin");
        page.ShouldContain("<html lang=\"de\">");

        using var pdf = await client.SendAsync(TestLogins.Get("/konto/daten/auskunft.pdf", customer.Cookie), Ct);
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await pdf.Content.ReadAsByteArrayAsync(Ct);
        Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");

        using var anonymous = await client.SendAsync(TestLogins.Get("/konto/daten/auskunft.json", null), Ct);
        FormClient.IsRedirectTo(anonymous, "/anmelden").ShouldBeTrue();

        // The DPO's report of a request is for the DPO only.
        var agent = await TestLogins.SessionCookieAsync(App.Factory, DemoAccounts.EmailFor(Roles.CustomerServiceAgent));
        using var forbidden = await client.SendAsync(TestLogins.Get($"/datenschutz/anfragen/{Guid.NewGuid()}/auskunft.json", agent), Ct);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    [Trait("Promise", "X9")]
    public async Task Downloading_a_report_writes_no_personal_data_to_the_log()
    {
        var customer = await NewCustomerAsync(App.Factory);
        using var client = App.CreateClient();
        using var response = await client.SendAsync(TestLogins.Get("/konto/daten/auskunft.json", customer.Cookie), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        App.Factory.LogLines.ShouldNotContain(line => line.Contains(customer.Email, StringComparison.OrdinalIgnoreCase) || line.Contains("Kundin", StringComparison.Ordinal));
    }

    private static bool Is(JsonElement d, string category, string field) =>
        d.GetProperty("kategorie").GetString() == category && d.GetProperty("feld").GetString() == field;

    private static string? Value(List<JsonElement> data, string category, string field) =>
        data.Single(d => Is(d, category, field)).GetProperty("wert").GetString();
}

public sealed class AccessReportHttpTestsSqlite(SqliteApp app) : AccessReportHttpTests<SqliteApp>(app);

public sealed class AccessReportHttpTestsPostgres(PostgresApp app) : AccessReportHttpTests<PostgresApp>(app);
