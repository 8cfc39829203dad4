using System.Net;
using System.Text.Json;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Glasklar.Privacy.Consent;
using Glasklar.Privacy.DataSubjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Glasklar.Host.Tests.Privacy.PrivacyTestSupport;

namespace Glasklar.Host.Tests.Privacy;

/// <summary>
/// Data-subject requests over real HTTP: the customer files them on "Meine Daten", staff file them for a caller
/// after an identity check, the DPO works the queue (deadline, answer) and carries out erasure and restriction.
/// </summary>
[Trait("Promise", "X7")]
[Trait("Promise", "B14")]
public abstract class SubjectRequestHttpTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    [Trait("Promise", "X6")]
    [Trait("Promise", "B13")]
    public async Task An_erasure_filed_by_the_customer_leaves_only_held_data_blocked()
    {
        var customer = await NewCustomerAsync(App.Factory);
        await RecordConsentByAgentAsync(App.Factory, customer.Id);
        var requestId = await FileOnMyDataPageAsync(customer, "Erasure");

        // The DPO sees it in the queue with its one-month deadline, and places a hold on the consent proof.
        var dpo = await SignedInAsAsync(App, Roles.DataProtectionOfficer);
        (await dpo.GetAsync("/datenschutz/anfragen")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var row = dpo.LastPage!.QuerySelector($"tr[data-id='{requestId}']").ShouldNotBeNull();
        row.TextContent.ShouldContain(DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1).ToString("dd.MM.yyyy"));
        (await dpo.GetAsync("/datenschutz/aufbewahrung")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var placed = await dpo.PostAsync("/datenschutz/aufbewahrung?handler=Place", new Dictionary<string, string>
        {
            ["SubjectRef"] = PlatformSubjects.User(customer.Id),
            ["Category"] = "Einwilligungen",
            ["Reason"] = "Nachweis der Einwilligung im laufenden Beschwerdeverfahren",
            ["EndsOn"] = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd"),
        });
        FormClient.IsRedirectTo(placed, "/datenschutz/aufbewahrung").ShouldBeTrue();

        (await dpo.GetAsync($"/datenschutz/anfragen/{requestId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var erased = await dpo.PostAsync($"/datenschutz/anfragen/{requestId}?handler=Erase", []);

        erased.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = dpo.LastPage!.QuerySelector("[data-testid=erasure-report]").ShouldNotBeNull();
        report.TextContent.ShouldContain("Einwilligungen (1)");
        report.TextContent.ShouldContain("Revisionsprotokoll");
        dpo.LastPage!.QuerySelector("[data-testid=state]")!.TextContent.ShouldBe("erledigt");

        // The account and its sessions are gone; the held consent entry stays; the old cookie is dead.
        var (users, sessions, consents) = await InScopeAsync(App.Factory, async sp => (
            await sp.GetRequiredService<PlatformDbContext>().Users.CountAsync(u => u.Id == customer.Id, Ct),
            await sp.GetRequiredService<PlatformDbContext>().Sessions.CountAsync(s => s.UserId == customer.Id, Ct),
            (await sp.GetRequiredService<IConsentLedger>().GetHistoryAsync(PlatformSubjects.User(customer.Id), cancellationToken: Ct)).Count));
        users.ShouldBe(0);
        sessions.ShouldBe(0);
        consents.ShouldBe(1);
        using var client = App.CreateClient();
        FormClient.IsRedirectTo(await client.SendAsync(TestLogins.Get("/konto", customer.Cookie), Ct), "/anmelden").ShouldBeTrue();

        // What remains about the person is only held data: the access report shows nothing else.
        using var remaining = await client.SendAsync(TestLogins.Get($"/datenschutz/anfragen/{requestId}/auskunft.json",
            await TestLogins.SessionCookieAsync(App.Factory, DemoAccounts.EmailFor(Roles.DataProtectionOfficer))), Ct);
        remaining.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await remaining.Content.ReadAsStringAsync(Ct));
        var categories = Data(json).Select(d => d.GetProperty("kategorie").GetString()).Distinct().ToList();
        categories.ShouldContain("Einwilligungen");
        categories.ShouldBeSubsetOf(["Einwilligungen", "Revisionsprotokoll", "Betroffenenanfragen"]);
    }

    [Fact]
    [Trait("Promise", "X6")]
    public async Task A_hold_on_the_account_blocks_it_instead_of_deleting_it()
    {
        var customer = await NewCustomerAsync(App.Factory);
        await InScopeAsync(App.Factory, sp => sp.GetRequiredService<Glasklar.Privacy.Retention.ILegalHoldRegister>().PlaceAsync(
            new Glasklar.Privacy.Retention.LegalHoldRequest(PlatformSubjects.User(customer.Id), "*", "Rechtsstreit, Az. 2 O 17/26", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90), Guid.NewGuid()), Ct));
        var requestId = await FileOnMyDataPageAsync(customer, "Erasure");

        var dpo = await SignedInAsAsync(App, Roles.DataProtectionOfficer);
        await dpo.GetAsync($"/datenschutz/anfragen/{requestId}");
        (await dpo.PostAsync($"/datenschutz/anfragen/{requestId}?handler=Erase", [])).StatusCode.ShouldBe(HttpStatusCode.OK);

        dpo.LastPage!.QuerySelector("[data-testid=erasure-report]")!.TextContent.ShouldContain("Rechtsstreit, Az. 2 O 17/26");
        var user = await InScopeAsync(App.Factory, sp => sp.GetRequiredService<PlatformDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == customer.Id, Ct));
        user.IsActive.ShouldBeFalse();
        using var client = App.CreateClient();
        FormClient.IsRedirectTo(await client.SendAsync(TestLogins.Get("/konto", customer.Cookie), Ct), "/anmelden").ShouldBeTrue();
    }

    [Fact]
    public async Task Staff_file_for_a_caller_only_after_confirming_the_identity_check()
    {
        var agent = await SignedInAsAsync(App, Roles.CustomerServiceAgent);
        (await agent.GetAsync("/datenschutz/anfragen/neu")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = await CountRequestsAsync();
        var fields = new Dictionary<string, string>
        {
            ["Kind"] = "Access",
            ["Surname"] = "Anrufer",
            ["PolicyNumber"] = "KV-123456",
            ["IdentityCheck"] = "Rückruf unter der hinterlegten Nummer",
        };

        var refused = await agent.PostAsync("/datenschutz/anfragen/neu", new Dictionary<string, string>(fields));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        agent.LastPage!.QuerySelector("li[data-field=identityConfirmed]")!.TextContent.ShouldStartWith("Bitte bestätigen Sie");
        (await CountRequestsAsync()).ShouldBe(before);

        fields["IdentityConfirmed"] = "true";
        var filed = await agent.PostAsync("/datenschutz/anfragen/neu", fields);
        FormClient.IsRedirectTo(filed, "/datenschutz/anfragen/neu").ShouldBeTrue();
        (await CountRequestsAsync()).ShouldBe(before + 1);

        // The agent may file, not work the queue; the DPO sees the request as filed by phone.
        (await agent.GetAsync("/datenschutz/anfragen")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var dpo = await SignedInAsAsync(App, Roles.DataProtectionOfficer);
        await dpo.GetAsync("/datenschutz/anfragen");
        dpo.LastPage!.QuerySelectorAll("tr[data-testid=request]").ShouldContain(r => r.TextContent.Contains("Anrufer, KV-123456 (telefonisch)"));
    }

    [Fact]
    public async Task Rectification_is_answered_by_the_dpo_and_the_customer_reads_the_answer()
    {
        var customer = await NewCustomerAsync(App.Factory);
        var client = await SignedInAsync(App, customer.Cookie);
        await client.GetAsync("/konto/daten");
        var refused = await client.PostAsync("/konto/daten", new Dictionary<string, string> { ["Kind"] = "Rectification" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        client.LastPage!.QuerySelector("li[data-field=details]")!.TextContent.ShouldContain("welche Angabe falsch ist");

        var requestId = await FileOnMyDataPageAsync(customer, "Rectification", "Mein Vorname ist Kimberly.");
        var dpo = await SignedInAsAsync(App, Roles.DataProtectionOfficer);
        await dpo.GetAsync($"/datenschutz/anfragen/{requestId}");
        (await dpo.PostAsync($"/datenschutz/anfragen/{requestId}?handler=Answer", new Dictionary<string, string> { ["Answer"] = "" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await dpo.PostAsync($"/datenschutz/anfragen/{requestId}?handler=Answer", new Dictionary<string, string> { ["Answer"] = "Ihr Vorname ist berichtigt." });
        dpo.LastPage!.QuerySelector("[data-testid=answer]")!.TextContent.ShouldBe("Ihr Vorname ist berichtigt.");

        await client.GetAsync("/konto/daten");
        var row = client.LastPage!.QuerySelectorAll("tr[data-testid=request]").Single();
        row.TextContent.ShouldContain("erledigt");
        row.TextContent.ShouldContain("Ihr Vorname ist berichtigt.");
    }

    [Fact]
    public async Task A_restriction_sets_the_flag_every_module_can_ask_and_the_report_shows_it()
    {
        var customer = await NewCustomerAsync(App.Factory);
        var requestId = await FileOnMyDataPageAsync(customer, "Restriction");
        var dpo = await SignedInAsAsync(App, Roles.DataProtectionOfficer);
        await dpo.GetAsync($"/datenschutz/anfragen/{requestId}");
        (await dpo.PostAsync($"/datenschutz/anfragen/{requestId}?handler=Restrict", [])).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await InScopeAsync(App.Factory, sp => sp.GetRequiredService<IProcessingRestrictions>().IsRestrictedAsync(PlatformSubjects.User(customer.Id), Ct))).ShouldBeTrue();
        using var client = App.CreateClient();
        using var response = await client.SendAsync(TestLogins.Get("/konto/daten/auskunft.json", customer.Cookie), Ct);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Verarbeitung eingeschränkt seit");
    }

    [Fact]
    [Trait("Promise", "X6")]
    public async Task The_dpo_page_lists_every_registered_retention_policy_and_refuses_a_bad_hold_in_German()
    {
        var dpo = await SignedInAsAsync(App, Roles.DataProtectionOfficer);
        (await dpo.GetAsync("/datenschutz/aufbewahrung")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = dpo.LastPage!.QuerySelectorAll("tr[data-testid=policy]").Select(r => r.TextContent).ToList();
        var policies = App.Factory.Services.GetRequiredService<RetentionRunner>().Policies();
        rows.Count.ShouldBe(policies.Count);
        foreach (var policy in policies)
        {
            rows.ShouldContain(r => r.Contains(policy.Category) && r.Contains(policy.ClockStartsAt));
        }

        rows.ShouldContain(r => r.Contains("Zugriffsprotokoll") && r.Contains("7 Tage") && r.Contains("löschen"));

        var refused = await dpo.PostAsync("/datenschutz/aufbewahrung?handler=Place", new Dictionary<string, string>
        {
            ["SubjectRef"] = "Max Mustermann",
            ["Category"] = "*",
            ["Reason"] = "Rechtsstreit",
        });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        dpo.LastPage!.QuerySelector("li[data-field=subjectRef]")!.TextContent.ShouldContain("Bezugsreferenz");
        dpo.LastPage!.QuerySelector("li[data-field=endsOn]")!.TextContent.ShouldContain("bis wann");

        // The run reports exactly these categories, with counts only.
        var report = await App.Factory.Services.GetRequiredService<RetentionRunner>().RunAsync(Ct);
        report.Select(o => o.Category).Order().ShouldBe(policies.Select(p => p.Category).Order());
    }

    private async Task<Guid> FileOnMyDataPageAsync(TestUser customer, string kind, string? details = null)
    {
        var client = await SignedInAsync(App, customer.Cookie);
        (await client.GetAsync("/konto/daten")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var fields = new Dictionary<string, string> { ["Kind"] = kind };
        if (details is not null)
        {
            fields["Details"] = details;
        }

        var response = await client.PostAsync("/konto/daten", fields);
        FormClient.IsRedirectTo(response, "/konto/daten").ShouldBeTrue();
        await client.GetAsync("/konto/daten");
        client.LastPage!.QuerySelector("[data-testid=filed]").ShouldNotBeNull();
        return NewestRequestId(App.Factory, customer.Id);
    }

    private Task<int> CountRequestsAsync() => InScopeAsync(App.Factory, async sp =>
        (await sp.GetRequiredService<ISubjectRequests>().QueueAsync(true, Ct)).Count);
}

public sealed class SubjectRequestHttpTestsSqlite(SqliteApp app) : SubjectRequestHttpTests<SqliteApp>(app);

public sealed class SubjectRequestHttpTestsPostgres(PostgresApp app) : SubjectRequestHttpTests<PostgresApp>(app);
