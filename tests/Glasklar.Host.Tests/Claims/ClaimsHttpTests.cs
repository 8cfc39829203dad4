using System.Net;
using System.Text;
using Glasklar.Claims;
using Glasklar.Claims.Demo;
using Glasklar.Claims.Persistence;
using Glasklar.Claims.Receipts;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Glasklar.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Glasklar.Host.Tests.Claims.ClaimsTestSupport;

namespace Glasklar.Host.Tests.Claims;

/// <summary>The customer portal's claims over real HTTP on a real database (B1, B2, B3, B13, B14).</summary>
public abstract class ClaimsHttpTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    [Trait("Promise", "B1")]
    [Trait("Promise", "B3")]
    public async Task A_submitted_claim_gets_a_receipt_confirmation_and_lands_in_the_clerks_queue()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var insured = await FirstInsuredPersonAsync(client, cookie, Ct);

        using var response = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", cookie,
            Claim(insured, ValidIban, ("rechnung.pdf", Pdf()), ("apotheke.jpg", JpegWithGps()))), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var confirmation = await ReadJsonAsync(response, Ct);
        var number = confirmation.GetProperty("number").GetString()!;
        number.ShouldStartWith("EA-");
        confirmation.GetProperty("documents").GetArrayLength().ShouldBe(2);
        confirmation.GetProperty("documents")[1].GetProperty("contentType").GetString().ShouldBe("image/jpeg");

        var clerk = await TestLogins.SessionCookieAsync(App.Factory, Clerk);
        using var queue = await client.SendAsync(TestLogins.Get("/api/v1/claims/queue?status=eingegangen", clerk), Ct);
        queue.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await queue.Content.ReadAsStringAsync(Ct)).ShouldContain(number);

        using var page = await client.SendAsync(TestLogins.Get($"/kunde/antraege/{confirmation.GetProperty("claimId").GetGuid()}", cookie), Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync(Ct);
        html.ShouldContain(number);
        html.ShouldContain("Empfangsbestätigung");
        html.ShouldContain("apotheke.jpg");
        page.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    [Trait("Promise", "B2")]
    public async Task Health_data_bank_details_and_receipts_are_encrypted_and_the_photo_loses_its_gps_position()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var insured = await FirstInsuredPersonAsync(client, cookie, Ct);
        var jpeg = JpegWithGps();
        Encoding.Latin1.GetString(jpeg).ShouldContain("Canon");

        using var response = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", cookie, Claim(insured, ValidIban, ("foto.jpg", jpeg))), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await ReadJsonAsync(response, Ct)).GetProperty("claimId").GetGuid();

        await using var scope = App.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var claim = await db.Claims.AsNoTracking().Include(c => c.Items).Include(c => c.Receipts).SingleAsync(c => c.Id == id, Ct);
        claim.BankProtected.ShouldNotContain("DE89");
        claim.BankProtected.ShouldNotContain("Konrad");
        claim.Items.ShouldAllBe(i => !i.DetailsProtected.Contains("ambulant") && !i.DetailsProtected.Contains("2026-11"));
        var stored = claim.Receipts.Single();
        stored.ContentProtected.ShouldBeEmpty(); // the content is a sealed file beside the database (ADR 0032)
        var sealedFile = await SealedContentAsync(scope.ServiceProvider, stored, Ct);
        Encoding.Latin1.GetString(sealedFile).ShouldNotContain("JFIF");

        var protector = scope.ServiceProvider.GetRequiredService<ClaimsProtector>();
        var clean = Encoding.Latin1.GetString(protector.UnprotectBytes(ClaimsProtector.Receipt, sealedFile));
        clean.ShouldStartWith("\u00FF\u00D8");
        foreach (var trace in new[] { "Exif", "Canon", "EOS 5D", "Max Mustermann", "SN-0047112" })
        {
            clean.ShouldNotContain(trace);
        }
    }

    [Fact]
    [Trait("Promise", "B2")]
    public async Task An_invalid_iban_gets_a_german_error_naming_the_field_and_nothing_is_stored()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var insured = await FirstInsuredPersonAsync(client, cookie, Ct);
        var before = await CountClaimsAsync(App.Factory);

        using var response = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", cookie, Claim(insured, "DE89 3704 0044 0532 0130 01")), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await ReadJsonAsync(response, Ct);
        problem.GetProperty("errors").GetProperty("bank.iban")[0].GetString().ShouldBe("Die Prüfziffern der IBAN stimmen nicht. Bitte prüfen Sie die Eingabe.");
        (await CountClaimsAsync(App.Factory)).ShouldBe(before);
    }

    [Fact]
    [Trait("Promise", "B2")]
    public async Task A_fake_pdf_or_a_pdf_with_javascript_is_refused_in_german_and_nothing_is_stored()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var insured = await FirstInsuredPersonAsync(client, cookie, Ct);
        var before = await CountClaimsAsync(App.Factory);
        var fake = Encoding.UTF8.GetBytes("<html><body>Ich bin keine Rechnung</body></html>");
        var script = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n");

        using var response = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", cookie,
            Claim(insured, ValidIban, ("rechnung.pdf", fake), ("ok.pdf", Pdf()), ("skript.pdf", script))), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await ReadJsonAsync(response, Ct)).GetProperty("errors");
        errors.GetProperty("receipts[0]")[0].GetString()!.ShouldContain("keine PDF-Datei");
        errors.TryGetProperty("receipts[1]", out _).ShouldBeFalse();
        errors.GetProperty("receipts[2]")[0].GetString()!.ShouldContain("Skripte");
        (await CountClaimsAsync(App.Factory)).ShouldBe(before);
    }

    [Fact]
    [Trait("Promise", "B1")]
    public async Task Linking_with_a_wrong_birth_date_is_refused_in_german_and_links_nothing()
    {
        using var client = App.CreateClient();
        var other = await OtherCustomerCookieAsync(App.Factory);

        using var wrong = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims/contracts/link", other,
            new { policyNumber = DemoContracts.ThirdPolicy, birthDate = "1969-11-03" }), Ct);
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(wrong, Ct)).GetProperty("errors").GetProperty("birthDate")[0].GetString()!
            .ShouldBe("Versicherungsnummer und Geburtsdatum passen zu keinem Vertrag. Bitte prüfen Sie beide Angaben.");
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
            var contract = await scope.ServiceProvider.GetRequiredService<ClaimsDbContext>().Contracts.AsNoTracking().SingleAsync(c => c.PolicyNumber == DemoContracts.ThirdPolicy, Ct);
            contract.LinkedUserId.ShouldBeNull();
        }

        using var right = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims/contracts/link", other,
            new { policyNumber = "kv-2026-000103", birthDate = "1969-11-02" }), Ct);
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        var contractView = await ReadJsonAsync(right, Ct);
        contractView.GetProperty("policyholder").GetString().ShouldBe("Divers Sascha Beispiel");
        contractView.GetProperty("insuredPersons").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    [Trait("Promise", "B3")]
    public async Task A_customer_never_sees_another_customers_claim()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var insured = await FirstInsuredPersonAsync(client, cookie, Ct);
        using var submitted = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", cookie, Claim(insured)), Ct);
        var id = (await ReadJsonAsync(submitted, Ct)).GetProperty("claimId").GetGuid();
        var other = await OtherCustomerCookieAsync(App.Factory);

        using var api = await client.SendAsync(TestLogins.Get($"/api/v1/claims/{id}", other), Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var page = await client.SendAsync(TestLogins.Get($"/kunde/antraege/{id}", other), Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var list = await client.SendAsync(TestLogins.Get("/api/v1/claims", other), Ct);
        (await list.Content.ReadAsStringAsync(Ct)).ShouldBe("[]");

        // Someone else's insured person cannot be claimed for either.
        var before = await CountClaimsAsync(App.Factory);
        using var foreign = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", other, Claim(insured)), Ct);
        foreign.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(foreign, Ct)).GetProperty("errors").TryGetProperty("insuredPersonId", out _).ShouldBeTrue();
        (await CountClaimsAsync(App.Factory)).ShouldBe(before);
    }

    [Fact]
    [Trait("Promise", "B3")]
    public async Task The_clerk_decides_every_item_and_the_customer_sees_the_benefit_statement()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var insured = await FirstInsuredPersonAsync(client, cookie, Ct);
        using var submitted = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", cookie, Claim(insured)), Ct);
        var id = (await ReadJsonAsync(submitted, Ct)).GetProperty("claimId").GetGuid();
        var clerk = await TestLogins.SessionCookieAsync(App.Factory, Clerk);
        using var detail = await client.SendAsync(TestLogins.Get($"/api/v1/claims/queue/{id}", clerk), Ct);
        var items = (await ReadJsonAsync(detail, Ct)).GetProperty("items");
        var first = items[0].GetProperty("id").GetGuid();
        var second = items[1].GetProperty("id").GetGuid();

        using var noReason = await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/queue/{id}/decision", clerk,
            new { items = new object[] { new { itemId = first, reimbursed = 84.20m }, new { itemId = second, reimbursed = 5m } } }), Ct);
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(noReason, Ct)).GetProperty("errors").GetProperty("items[1].reason")[0].GetString()!.ShouldContain("begründen");

        using var decided = await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/queue/{id}/decision", clerk,
            new { items = new object[] { new { itemId = first, reimbursed = 84.20m }, new { itemId = second, reimbursed = 5m, reason = "Selbstbeteiligung Arznei" } } }), Ct);
        decided.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var own = await client.SendAsync(TestLogins.Get($"/api/v1/claims/{id}", cookie), Ct);
        var view = await ReadJsonAsync(own, Ct);
        view.GetProperty("status").GetString().ShouldBe("Abgerechnet");
        view.GetProperty("statement").GetProperty("reimbursed").GetDecimal().ShouldBe(89.20m);
        view.GetProperty("bank").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        using var page = await client.SendAsync(TestLogins.Get($"/kunde/antraege/{id}", cookie), Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Leistungsabrechnung");
        html.ShouldContain("Selbstbeteiligung Arznei");
    }

    [Fact]
    [Trait("Promise", "B14")]
    public async Task The_customers_data_export_contains_the_claim_with_provenance()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var insured = await FirstInsuredPersonAsync(client, cookie, Ct);
        using var submitted = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", cookie, Claim(insured)), Ct);
        var number = (await ReadJsonAsync(submitted, Ct)).GetProperty("number").GetString()!;

        using var export = await client.SendAsync(TestLogins.Get("/konto/daten/auskunft.json", cookie), Ct);
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await export.Content.ReadAsStringAsync(Ct);
        json.ShouldContain(number);
        json.ShouldContain("Kundenportal");
        json.ShouldContain("Erstattungsantrag");
        json.ShouldContain("DE89370400440532013000");
    }

    [Fact]
    [Trait("Promise", "B13")]
    public async Task Drafts_go_after_30_days_and_settled_claims_after_their_statutory_period()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var insured = await FirstInsuredPersonAsync(client, cookie, Ct);
        using var submitted = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", cookie, Claim(insured)), Ct);
        var id = (await ReadJsonAsync(submitted, Ct)).GetProperty("claimId").GetGuid();
        var now = DateTime.UtcNow;

        await using var scope = App.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var fresh = new Glasklar.Claims.Submission.ClaimDraft(Guid.NewGuid(), Guid.NewGuid(), "x", now);
        var old = new Glasklar.Claims.Submission.ClaimDraft(Guid.NewGuid(), Guid.NewGuid(), "x", now.AddDays(-31));
        db.Drafts.AddRange(fresh, old);
        var claim = await db.Claims.Include(c => c.Receipts).SingleAsync(c => c.Id == id, Ct);
        var files = claim.Receipts.Select(r => scope.ServiceProvider.GetRequiredService<ReceiptStore>().PathOf(r.Id)).ToList();
        files.ShouldNotBeEmpty();
        files.ShouldAllBe(f => File.Exists(f));
        claim.Settle(Guid.NewGuid(), now.AddYears(-10).AddDays(-1));
        await db.SaveChangesAsync(Ct);

        var rules = scope.ServiceProvider.GetServices<IRetentionRule>().ToList();
        var context = new RetentionContext(now, scope.ServiceProvider.GetRequiredService<ILegalHolds>());
        var drafts = await rules.Single(r => r.Policy.Category == "Antragsentwürfe").ApplyAsync(context, Ct);
        var claims = await rules.Single(r => r.Policy.Category == "Erstattungsanträge und Belege").ApplyAsync(context, Ct);

        drafts.Deleted.ShouldBeGreaterThanOrEqualTo(1);
        claims.Deleted.ShouldBeGreaterThanOrEqualTo(1);
        db.ChangeTracker.Clear();
        (await db.Drafts.AnyAsync(d => d.Id == old.Id, Ct)).ShouldBeFalse();
        (await db.Drafts.AnyAsync(d => d.Id == fresh.Id, Ct)).ShouldBeTrue();
        (await db.Claims.AnyAsync(c => c.Id == id, Ct)).ShouldBeFalse();
        (await db.Receipts.AnyAsync(r => r.ClaimId == id, Ct)).ShouldBeFalse();
        files.ShouldAllBe(f => !File.Exists(f));
    }
}

public sealed class ClaimsHttpTestsSqlite(SqliteApp app) : ClaimsHttpTests<SqliteApp>(app);

public sealed class ClaimsHttpTestsPostgres(PostgresApp app) : ClaimsHttpTests<PostgresApp>(app);
