using System.Net;
using System.Text;
using Glasklar.Claims.Messages;
using Glasklar.Claims.Persistence;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Privacy.DataSubjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Glasklar.Host.Tests.Claims.ClaimsTestSupport;
using static Glasklar.Host.Tests.Claims.ProcessingTestSupport;

namespace Glasklar.Host.Tests.Claims;

/// <summary>Claim processing over real HTTP on a real database: PDFs, queue filters, clerk page, messages, 404s (B1, B3, B7, B8, B14).</summary>
public abstract class ClaimProcessingHttpTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    [Trait("Promise", "B8")]
    [Trait("Promise", "B3")]
    public async Task The_customer_downloads_the_receipt_confirmation_and_after_settlement_the_statement_as_pdf()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var claim = await SubmitAsync(client, cookie, Ct);

        using var confirmation = await client.SendAsync(TestLogins.Get($"/api/v1/claims/{claim.Id}/bestaetigung.pdf", cookie), Ct);
        confirmation.StatusCode.ShouldBe(HttpStatusCode.OK);
        confirmation.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        confirmation.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var pdf = Encoding.Latin1.GetString(await confirmation.Content.ReadAsByteArrayAsync(Ct));
        pdf.ShouldStartWith("%PDF-");
        pdf.ShouldContain(claim.Number);

        using var early = await client.SendAsync(TestLogins.Get($"/api/v1/claims/{claim.Id}/abrechnung.pdf", cookie), Ct);
        early.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var clerk = await TestLogins.SessionCookieAsync(App.Factory, Clerk);
        var items = (await GetJsonAsync(client, $"/api/v1/claims/queue/{claim.Id}", clerk, Ct)).GetProperty("items");
        using var decided = await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/queue/{claim.Id}/decision", clerk, new
        {
            items = new object[] { new { itemId = items[0].GetProperty("id").GetGuid(), reimbursed = 84.20m }, new { itemId = items[1].GetProperty("id").GetGuid(), reimbursed = 12.95m } },
        }), Ct);
        decided.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var statement = await client.SendAsync(TestLogins.Get($"/api/v1/claims/{claim.Id}/abrechnung.pdf", cookie), Ct);
        statement.StatusCode.ShouldBe(HttpStatusCode.OK);
        var statementPdf = Encoding.Latin1.GetString(await statement.Content.ReadAsByteArrayAsync(Ct));
        statementPdf.ShouldStartWith("%PDF-");
        statementPdf.ShouldContain(claim.Number);
        using var page = await client.SendAsync(TestLogins.Get($"/kunde/antraege/{claim.Id}", cookie), Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        html.ShouldContain($"/api/v1/claims/{claim.Id}/abrechnung.pdf");
        html.ShouldContain("data-step=\"in-pruefung\"");
        html.ShouldContain("data-step=\"abgerechnet\"");
    }

    [Fact]
    [Trait("Promise", "B3")]
    public async Task The_queue_filters_by_status_date_of_receipt_and_the_insured_persons_name_with_german_errors()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var claim = await SubmitAsync(client, cookie, Ct);
        var clerk = await TestLogins.SessionCookieAsync(App.Factory, Clerk);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var tomorrow = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd");
        var lastWeek = DateTime.UtcNow.AddDays(-7).ToString("yyyy-MM-dd");

        async Task<string> QueueAsync(string query)
        {
            using var response = await client.SendAsync(TestLogins.Get("/api/v1/claims/queue?" + query, clerk), Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, query);
            return await response.Content.ReadAsStringAsync(Ct);
        }

        (await QueueAsync("name=konrad")).ShouldContain(claim.Number);
        (await QueueAsync("name=KUNDE&status=eingegangen")).ShouldContain(claim.Number);
        (await QueueAsync("name=niemand")).ShouldNotContain(claim.Number);
        (await QueueAsync("status=abgerechnet")).ShouldNotContain(claim.Number);
        (await QueueAsync($"from={lastWeek}&to={tomorrow}")).ShouldContain(claim.Number);
        (await QueueAsync($"from={tomorrow}")).ShouldNotContain(claim.Number);
        (await QueueAsync($"to={lastWeek}")).ShouldNotContain(claim.Number);
        (await QueueAsync("overdue=true")).ShouldNotContain(claim.Number);
        (await QueueAsync($"from={today}")).ShouldContain("\"insuredPerson\":\"Konrad Kunde\"");

        using var bad = await client.SendAsync(TestLogins.Get("/api/v1/claims/queue?from=gestern&status=irgendwas", clerk), Ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await ReadJsonAsync(bad, Ct)).GetProperty("errors");
        errors.GetProperty("from")[0].GetString().ShouldBe("Eingegangen ab: Bitte geben Sie ein Datum als TT.MM.JJJJ an.");
        errors.GetProperty("status")[0].GetString()!.ShouldContain("eingegangen");

        using var page = await client.SendAsync(TestLogins.Get("/leistung/eingang?status=alle&name=konrad", clerk), Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync(Ct)).ShouldContain($"/leistung/antraege/{claim.Id}");
    }

    [Fact]
    [Trait("Promise", "B3")]
    public async Task The_clerk_page_shows_items_and_receipts_and_settles_the_claim_per_item()
    {
        using var http = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var claim = await SubmitAsync(http, cookie, Ct);
        var clerk = new FormClient(http);
        clerk.Set(Glasklar.Platform.Sessions.LoginSessionOptions.CookieName, (await TestLogins.SessionCookieAsync(App.Factory, Clerk)).Split('=', 2)[1]);

        using var page = await clerk.GetAsync($"/leistung/antraege/{claim.Id}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var doc = clerk.LastPage!;
        doc.QuerySelectorAll("tr[data-testid=item]").Length.ShouldBe(2);
        var receiptLink = doc.QuerySelector("a[data-testid=receipt]")!.GetAttribute("href")!;
        using (var receipt = await clerk.GetAsync(receiptLink))
        {
            receipt.StatusCode.ShouldBe(HttpStatusCode.OK);
            receipt.Headers.CacheControl!.NoStore.ShouldBeTrue();
            receipt.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
            (await receipt.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(Pdf());
        }

        using (var foreign = await http.SendAsync(TestLogins.Get(receiptLink, await OtherCustomerCookieAsync(App.Factory)), Ct))
        {
            foreign.StatusCode.ShouldBe(HttpStatusCode.Forbidden); // a customer never reaches the clerks' routes
        }

        var ids = doc.QuerySelectorAll("tr[data-testid=item] input[type=hidden]").Select(i => i.GetAttribute("value")!).ToList();
        using var missing = await clerk.PostAsync($"/leistung/antraege/{claim.Id}?handler=entscheiden",
            new() { ["ItemId[0]"] = ids[0], ["ItemId[1]"] = ids[1], ["Reimbursed[0]"] = "84,20", ["Reimbursed[1]"] = "10,00" });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        clerk.LastPage!.QuerySelector("[data-field='items[1].reason']")!.TextContent.ShouldContain("begründen");

        using var settled = await clerk.PostAsync($"/leistung/antraege/{claim.Id}?handler=entscheiden",
            new() { ["ItemId[0]"] = ids[0], ["ItemId[1]"] = ids[1], ["Reimbursed[0]"] = "84,20", ["Reimbursed[1]"] = "10,00", ["Reason[0]"] = "", ["Reason[1]"] = "Festbetrag Arznei" });
        FormClient.IsRedirectTo(settled, $"/leistung/antraege/{claim.Id}").ShouldBeTrue(
            $"{(int)settled.StatusCode} {clerk.LastPage?.QuerySelector("[data-testid=errors]")?.TextContent}");

        var view = await GetJsonAsync(http, $"/api/v1/claims/{claim.Id}", cookie, Ct);
        view.GetProperty("statement").GetProperty("reimbursed").GetDecimal().ShouldBe(94.20m);
        view.GetProperty("items")[1].GetProperty("reason").GetString().ShouldBe("Festbetrag Arznei");
    }

    [Fact]
    [Trait("Promise", "B1")]
    [Trait("Promise", "B7")]
    public async Task Customer_and_clerk_write_threaded_messages_and_the_mails_only_say_something_is_new()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var claim = await SubmitAsync(client, cookie, Ct);
        var clerk = await TestLogins.SessionCookieAsync(App.Factory, Clerk);
        var customerMails = Mails(App.Factory, Customer).Count;
        var clerkMails = Mails(App.Factory, Clerk).Count;
        const string Question = "Die Rechnung betrifft die Behandlung meiner Migräne. Fehlt noch etwas?";

        using var asked = await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/{claim.Id}/messages", cookie, new { text = Question }), Ct);
        asked.StatusCode.ShouldBe(HttpStatusCode.Created);
        var questionId = (await ReadJsonAsync(asked, Ct)).GetProperty("id").GetGuid();
        using var answered = await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/queue/{claim.Id}/messages", clerk,
            new { text = "Nein, der Antrag ist vollständig.", replyToId = questionId }), Ct);
        answered.StatusCode.ShouldBe(HttpStatusCode.Created);

        var thread = await GetJsonAsync(client, $"/api/v1/claims/{claim.Id}/messages", cookie, Ct);
        thread.GetArrayLength().ShouldBe(2);
        thread[0].GetProperty("text").GetString().ShouldBe(Question);
        thread[0].GetProperty("from").GetString().ShouldBe("Sie");
        thread[1].GetProperty("depth").GetInt32().ShouldBe(1);
        thread[1].GetProperty("from").GetString().ShouldBe("Leistungsabteilung");
        (await GetJsonAsync(client, $"/api/v1/claims/queue/{claim.Id}/messages", clerk, Ct)).GetArrayLength().ShouldBe(2);

        var toClerk = Mails(App.Factory, Clerk).Skip(clerkMails).ShouldHaveSingleItem();
        ShouldBeNeutral(toClerk, claim.Number, "Migräne", Question);
        var toCustomer = Mails(App.Factory, Customer).Skip(customerMails).ShouldHaveSingleItem();
        ShouldBeNeutral(toCustomer, claim.Number, "vollständig");

        await using var scope = App.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        var stored = await scope.ServiceProvider.GetRequiredService<ClaimsDbContext>().Set<ClaimMessage>().AsNoTracking().FirstAsync(m => m.Id == questionId, Ct);
        stored.TextProtected.ShouldNotContain("Migräne");
    }

    [Fact]
    [Trait("Promise", "B1")]
    public async Task A_message_with_bank_details_or_without_text_is_refused_in_german_and_nothing_is_stored()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var claim = await SubmitAsync(client, cookie, Ct);

        using var iban = await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/{claim.Id}/messages", cookie,
            new { text = "Bitte auf DE89 3704 0044 0532 0130 00 überweisen." }), Ct);
        iban.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        iban.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await ReadJsonAsync(iban, Ct)).GetProperty("errors").GetProperty("text")[0].GetString()!.ShouldContain("keine Bankverbindung");
        using var empty = await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/{claim.Id}/messages", cookie, new { text = "  " }), Ct);
        (await ReadJsonAsync(empty, Ct)).GetProperty("errors").GetProperty("text")[0].GetString().ShouldBe("Bitte schreiben Sie eine Nachricht.");
        using var foreignReply = await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/{claim.Id}/messages", cookie, new { text = "Hallo", replyToId = Guid.NewGuid() }), Ct);
        (await ReadJsonAsync(foreignReply, Ct)).GetProperty("errors").TryGetProperty("replyToId", out _).ShouldBeTrue();

        (await GetJsonAsync(client, $"/api/v1/claims/{claim.Id}/messages", cookie, Ct)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    [Trait("Promise", "B3")]
    [Trait("Promise", "B1")]
    public async Task Another_customer_gets_404_for_every_claim_task_message_document_and_pdf()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var claim = await SubmitAsync(client, cookie, Ct);
        var clerk = await TestLogins.SessionCookieAsync(App.Factory, Clerk);
        using var requested = await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/queue/{claim.Id}/tasks", clerk,
            new { description = "Verordnung", dueDate = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd") }), Ct);
        requested.StatusCode.ShouldBe(HttpStatusCode.Created);
        var task = (await ReadJsonAsync(requested, Ct)).GetProperty("id").GetGuid();
        var receipt = (await GetJsonAsync(client, $"/api/v1/claims/{claim.Id}", cookie, Ct)).GetProperty("documents").GetArrayLength();
        receipt.ShouldBe(1);
        Guid receiptId;
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
            receiptId = await scope.ServiceProvider.GetRequiredService<ClaimsDbContext>().Receipts.Where(r => r.ClaimId == claim.Id).Select(r => r.Id).SingleAsync(Ct);
        }

        var other = await OtherCustomerCookieAsync(App.Factory);
        foreach (var path in new[] { "timeline", "tasks", "messages", "bestaetigung.pdf", "abrechnung.pdf", $"receipts/{receiptId}" })
        {
            using var own = await client.SendAsync(TestLogins.Get($"/api/v1/claims/{claim.Id}/{path}", cookie), Ct);
            own.StatusCode.ShouldBe(path == "abrechnung.pdf" ? HttpStatusCode.NotFound : HttpStatusCode.OK, path);
            using var foreign = await client.SendAsync(TestLogins.Get($"/api/v1/claims/{claim.Id}/{path}", other), Ct);
            foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        }

        using var message = await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/{claim.Id}/messages", other, new { text = "Hallo" }), Ct);
        message.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var upload = await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/{claim.Id}/tasks/{task}/document", other,
            new { fileName = "x.pdf", contentBase64 = Convert.ToBase64String(Pdf()) }), Ct);
        upload.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var page = await client.SendAsync(TestLogins.Get($"/kunde/antraege/{claim.Id}", other), Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await GetJsonAsync(client, $"/api/v1/claims/{claim.Id}/tasks", cookie, Ct))[0].GetProperty("state").GetString().ShouldBe("offen");
        (await GetJsonAsync(client, $"/api/v1/claims/{claim.Id}/messages", cookie, Ct)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    [Trait("Promise", "B14")]
    public async Task Messages_and_tasks_are_in_the_data_export_with_provenance_and_are_erased_with_the_claim()
    {
        using var client = App.CreateClient();
        var customer = await CustomerWithContractAsync(App.Factory, client, Ct);
        var claim = await SubmitAsync(client, customer.Cookie, Ct);
        var clerk = await TestLogins.SessionCookieAsync(App.Factory, Clerk);
        var text = $"Frage zum Antrag {Guid.NewGuid():N}";
        (await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/{claim.Id}/messages", customer.Cookie, new { text }), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/queue/{claim.Id}/tasks", clerk,
            new { description = "Rechnung der Physiotherapie", dueDate = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd") }), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var export = await client.SendAsync(TestLogins.Get("/konto/daten/auskunft.json", customer.Cookie), Ct);
        var json = await export.Content.ReadAsStringAsync(Ct);
        json.ShouldContain(text);
        json.ShouldContain("Nachricht im Portal");
        json.ShouldContain("Rechnung der Physiotherapie");
        json.ShouldContain("Unterlagen anfordern");

        await using var scope = App.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        foreach (var source in scope.ServiceProvider.GetServices<IPersonalDataSource>().Where(s => s.Module == "Kundenportal"))
        {
            await source.EraseAsync(new DataSubject(UserId: customer.UserId), Ct);
        }

        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        (await db.Claims.AnyAsync(c => c.Id == claim.Id, Ct)).ShouldBeFalse();
        (await db.Set<ClaimMessage>().AnyAsync(m => m.ClaimId == claim.Id, Ct)).ShouldBeFalse();
        (await db.Set<Glasklar.Claims.Documents.DocumentRequest>().AnyAsync(r => r.ClaimId == claim.Id, Ct)).ShouldBeFalse();
        (await db.Set<Glasklar.Claims.Timeline.ClaimEvent>().AnyAsync(e => e.ClaimId == claim.Id, Ct)).ShouldBeFalse();
    }
}

public sealed class ClaimProcessingHttpTestsSqlite(SqliteApp app) : ClaimProcessingHttpTests<SqliteApp>(app);

public sealed class ClaimProcessingHttpTestsPostgres(PostgresApp app) : ClaimProcessingHttpTests<PostgresApp>(app);
