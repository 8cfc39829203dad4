using System.Net;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Host.Web;
using Glasklar.Platform.Accounts;

namespace Glasklar.Host.Tests.Identity;

/// <summary>
/// Walks every GET endpoint for anonymous visitors and for every role, and compares what happens with
/// the explicit table below. A new endpoint fails this test until it is added to the table.
/// </summary>
public abstract class AuthorizationMatrixTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    private const string Anonymous = "anonym";

    /// <summary>Who may open what. Everyone else: anonymous visitors are sent to the login, roles get 403.</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/"] = Everyone(),
        ["/Index"] = Everyone(),
        ["/datenschutz"] = Everyone(),
        ["/impressum"] = Everyone(),
        ["/sprache"] = Everyone(),
        ["/fehler/404"] = Everyone(),
        ["/anmelden"] = Everyone(),
        ["/anmelden/code"] = Everyone(),
        ["/anmelden/einrichten"] = Everyone(),
        ["/abmelden"] = Everyone(),
        ["/konto"] = [.. Roles.All],
        ["/anmelden/passwort-vergessen"] = Everyone(),
        ["/anmelden/passwort-neu"] = Everyone(),
        ["/anmelden/bestaetigen"] = Everyone(),
        ["/anmelden/bestaetigung-anfordern"] = Everyone(),
        ["/konto/bestaetigen"] = [.. Roles.All],
        ["/konto/passwort"] = [.. Roles.All],
        ["/konto/e-mail"] = [.. Roles.All],
        ["/konto/telefon"] = [.. Roles.All],
        ["/konto/zweiter-faktor"] = [.. Roles.All],
        ["/verwaltung/protokoll"] = [Roles.OperatorAdmin, Roles.DataProtectionOfficer],
        ["/organisation/api-schluessel"] = [Roles.AgencyAdmin, Roles.WorkshopAdmin, Roles.InsurerClerk, Roles.RepairNetworkClerk],
        ["/health/live"] = Everyone(),
        ["/health/ready"] = Everyone(),
        ["/openapi/v1.json"] = Everyone(),
        ["/api/v1/version"] = Everyone(),

        // Referral extranet (issue 5): agencies and the repair network; commission for agency admins.
        ["/vermittlung"] = [Roles.Agent, Roles.AgencyAdmin, Roles.RepairNetworkClerk],
        ["/vermittlung/komplett"] = [Roles.Agent, Roles.AgencyAdmin],
        ["/vermittlung/schnell"] = [Roles.Agent, Roles.AgencyAdmin],
        ["/vermittlung/eingang"] = [Roles.RepairNetworkClerk],
        ["/vermittlung/provision"] = [Roles.AgencyAdmin],
        ["/vermittlung/provision.csv"] = [Roles.AgencyAdmin],
        ["/vermittlung/00000000-0000-4000-8000-00000000abcd"] = [Roles.Agent, Roles.AgencyAdmin, Roles.RepairNetworkClerk],
        ["/vermittlung/assets/vermittlung.js"] = Everyone(),
        ["/vermittlung/assets/vermittlung.css"] = Everyone(),
        ["/api/v1/referrals"] = [Roles.Agent, Roles.AgencyAdmin, Roles.RepairNetworkClerk],
        ["/api/v1/referrals/00000000-0000-4000-8000-00000000abcd"] = [Roles.Agent, Roles.AgencyAdmin, Roles.RepairNetworkClerk],
        ["/api/v1/referrals/00000000-0000-4000-8000-00000000abcd/photos"] = [Roles.Agent, Roles.AgencyAdmin, Roles.RepairNetworkClerk],
        ["/api/v1/referrals/00000000-0000-4000-8000-00000000abcd/photos/00000000-0000-4000-8000-00000000abcd"] = [Roles.Agent, Roles.AgencyAdmin, Roles.RepairNetworkClerk],
        ["/api/v1/referrals/00000000-0000-4000-8000-00000000abcd/messages"] = [Roles.Agent, Roles.AgencyAdmin, Roles.RepairNetworkClerk],

        // Privacy core: "Meine Daten" for everyone signed in; the DPO's queue, reports and retention page.
        ["/konto/daten"] = [.. Roles.All],
        ["/konto/daten/auskunft.json"] = [.. Roles.All],
        ["/konto/daten/auskunft.html"] = [.. Roles.All],
        ["/konto/daten/auskunft.pdf"] = [.. Roles.All],
        ["/datenschutz/anfragen"] = [Roles.DataProtectionOfficer],
        ["/datenschutz/anfragen/neu"] = [Roles.DataProtectionOfficer, Roles.CustomerServiceAgent],
        ["/datenschutz/anfragen/00000000-0000-4000-8000-00000000abcd"] = [Roles.DataProtectionOfficer],
        ["/datenschutz/anfragen/00000000-0000-4000-8000-00000000abcd/auskunft.json"] = [Roles.DataProtectionOfficer],
        ["/datenschutz/anfragen/00000000-0000-4000-8000-00000000abcd/auskunft.html"] = [Roles.DataProtectionOfficer],
        ["/datenschutz/anfragen/00000000-0000-4000-8000-00000000abcd/auskunft.pdf"] = [Roles.DataProtectionOfficer],
        ["/datenschutz/aufbewahrung"] = [Roles.DataProtectionOfficer],
        ["/telematik"] = [Roles.Customer],

        // Telematics customer portal: trip map, exports (with job pages), theft-alert zones; the module's own script and style.
        ["/telematik/fahrten/00000000-0000-4000-8000-00000000abcd"] = [Roles.Customer],
        ["/telematik/exporte"] = [Roles.Customer],
        ["/telematik/exporte/00000000-0000-4000-8000-00000000abcd"] = [Roles.Customer],
        ["/telematik/zonen"] = [Roles.Customer],
        ["/telematik/assets/telematik.js"] = Everyone(),
        ["/telematik/assets/telematik.css"] = Everyone(),

        // Customer portal (claims): customers see their own contracts and claims; insurer clerks the queue.
        ["/kunde/antraege"] = [Roles.Customer],
        ["/kunde/antraege/neu"] = [Roles.Customer],
        ["/kunde/antraege/00000000-0000-4000-8000-00000000abcd"] = [Roles.Customer],
        ["/kunde/vertraege"] = [Roles.Customer],
        ["/kunde/vertrag-verknuepfen"] = [Roles.Customer],
        ["/registrieren"] = Everyone(),
        ["/registrieren/app"] = Everyone(),
        ["/leistung/eingang"] = [Roles.InsurerClerk],
        ["/api/v1/claims"] = [Roles.Customer],
        ["/api/v1/claims/contracts"] = [Roles.Customer],
        ["/api/v1/claims/00000000-0000-4000-8000-00000000abcd"] = [Roles.Customer],
        ["/api/v1/claims/queue"] = [Roles.InsurerClerk],
        ["/api/v1/claims/queue/00000000-0000-4000-8000-00000000abcd"] = [Roles.InsurerClerk],

        // Customer portal self-service (claimsself): terms, marketing, offers, rights, drafts, profile.
        ["/kunde/bedingungen"] = [Roles.Customer],
        ["/kunde/einstellungen"] = [Roles.Customer],
        ["/kunde/angebote"] = [Roles.Customer],
        ["/kunde/meine-daten"] = [Roles.Customer],
        ["/kunde/konto-schliessen"] = [Roles.Customer],
        ["/api/v1/claims/terms"] = [Roles.Customer],
        ["/api/v1/claims/marketing"] = [Roles.Customer],
        ["/api/v1/claims/offers"] = [Roles.Customer],
        ["/api/v1/claims/profile/bank"] = [Roles.Customer],
        ["/api/v1/claims/drafts"] = [Roles.Customer],
        ["/api/v1/claims/drafts/00000000-0000-4000-8000-00000000abcd"] = [Roles.Customer],
        // Claim processing (issue 6, clerk side): timeline, tasks, messages, receipts and PDFs; 404 for others' claims.
        ["/kunde/antraege/00000000-0000-4000-8000-00000000abcd/aktion"] = [Roles.Customer],
        ["/leistung/antraege/00000000-0000-4000-8000-00000000abcd"] = [Roles.InsurerClerk],
        ["/api/v1/claims/00000000-0000-4000-8000-00000000abcd/timeline"] = [Roles.Customer],
        ["/api/v1/claims/00000000-0000-4000-8000-00000000abcd/tasks"] = [Roles.Customer],
        ["/api/v1/claims/00000000-0000-4000-8000-00000000abcd/messages"] = [Roles.Customer],
        ["/api/v1/claims/00000000-0000-4000-8000-00000000abcd/receipts/00000000-0000-4000-8000-00000000abcd"] = [Roles.Customer],
        ["/api/v1/claims/00000000-0000-4000-8000-00000000abcd/bestaetigung.pdf"] = [Roles.Customer],
        ["/api/v1/claims/00000000-0000-4000-8000-00000000abcd/abrechnung.pdf"] = [Roles.Customer],
        ["/api/v1/claims/queue/00000000-0000-4000-8000-00000000abcd/timeline"] = [Roles.InsurerClerk],
        ["/api/v1/claims/queue/00000000-0000-4000-8000-00000000abcd/tasks"] = [Roles.InsurerClerk],
        ["/api/v1/claims/queue/00000000-0000-4000-8000-00000000abcd/messages"] = [Roles.InsurerClerk],
        ["/api/v1/claims/queue/00000000-0000-4000-8000-00000000abcd/receipts/00000000-0000-4000-8000-00000000abcd"] = [Roles.InsurerClerk],
    };

    [Fact]
    public async Task Every_endpoint_admits_exactly_the_roles_in_the_table()
    {
        var endpoints = EndpointCatalog.GetPaths(App.Factory.Services);
        endpoints.Where(e => !Expected.ContainsKey(e)).ShouldBeEmpty("new endpoints must be added to the authorization table");

        using var client = App.CreateClient();
        var cookies = new Dictionary<string, string?> { [Anonymous] = null };
        foreach (var role in Roles.All)
        {
            cookies[role] = await TestLogins.SessionCookieAsync(App.Factory, DemoAccounts.EmailFor(role));
        }

        var mismatches = new List<string>();
        foreach (var path in endpoints)
        {
            foreach (var (who, cookie) in cookies)
            {
                using var response = await client.SendAsync(TestLogins.Get(path, cookie), Ct);
                var allowed = Expected[path].Contains(who);
                var outcome = Classify(response);
                var expected = allowed ? "erlaubt" : who == Anonymous ? "anmelden" : "verboten";
                if (outcome != expected)
                {
                    mismatches.Add($"{path} as {who}: {outcome} ({(int)response.StatusCode}), expected {expected}");
                }
            }
        }

        mismatches.ShouldBeEmpty();
    }

    private static string Classify(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.Forbidden => "verboten",
        HttpStatusCode.Unauthorized => "anmelden",
        HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.StartsWith("/anmelden?", StringComparison.Ordinal) == true => "anmelden",
        _ => "erlaubt",
    };

    private static string[] Everyone() => [Anonymous, .. Roles.All];
}

public sealed class AuthorizationMatrixTestsSqlite(SqliteApp app) : AuthorizationMatrixTests<SqliteApp>(app);

public sealed class AuthorizationMatrixTestsPostgres(PostgresApp app) : AuthorizationMatrixTests<PostgresApp>(app);
