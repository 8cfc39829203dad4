using System.Net;
using Glasklar.Claims.Documents;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Retention;
using Microsoft.Extensions.DependencyInjection;
using static Glasklar.Host.Tests.Claims.ClaimsTestSupport;
using static Glasklar.Host.Tests.Claims.ProcessingTestSupport;

namespace Glasklar.Host.Tests.Claims;

/// <summary>
/// Missing documents on an application whose clock the test moves: the clerk requests, the customer sees the
/// task and uploads (same checks as at submission), reminders go out once before and once after the due
/// date and say nothing about the claim (B4, B7), the queue finds overdue tasks (B3).
/// </summary>
public abstract class MissingDocumentTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    private ManualClockView Clock => new(App.Clock!);

    [Fact]
    [Trait("Promise", "B3")]
    [Trait("Promise", "B1")]
    public async Task The_clerk_requests_a_document_the_customer_uploads_it_and_the_task_closes()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var claim = await SubmitAsync(client, cookie, Ct);
        var clerk = await TestLogins.SessionCookieAsync(App.Factory, Clerk);
        var mails = Mails(App.Factory, Customer).Count;

        using var past = await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/queue/{claim.Id}/tasks", clerk,
            new { description = "", dueDate = Clock.Day(-1) }), Ct);
        past.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await ReadJsonAsync(past, Ct)).GetProperty("errors");
        errors.GetProperty("description")[0].GetString().ShouldBe("Bitte beschreiben Sie, welche Unterlage fehlt.");
        errors.GetProperty("dueDate")[0].GetString()!.ShouldContain("frühestens morgen");
        (await GetJsonAsync(client, $"/api/v1/claims/{claim.Id}/tasks", cookie, Ct)).GetArrayLength().ShouldBe(0);

        using var requested = await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/queue/{claim.Id}/tasks", clerk,
            new { description = "Ärztliche Verordnung zur Physiotherapie", dueDate = Clock.Day(14) }), Ct);
        requested.StatusCode.ShouldBe(HttpStatusCode.Created);
        var task = (await ReadJsonAsync(requested, Ct)).GetProperty("id").GetGuid();
        ShouldBeNeutral(Mails(App.Factory, Customer).Skip(mails).ShouldHaveSingleItem(), claim.Number, "Verordnung", "Physiotherapie");

        using (var page = await client.SendAsync(TestLogins.Get($"/kunde/antraege/{claim.Id}", cookie), Ct))
        {
            var html = System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));
            html.ShouldContain("Ärztliche Verordnung zur Physiotherapie");
            html.ShouldContain($"/kunde/antraege/{claim.Id}/aktion/{task}?handler=unterlagen");
            html.ShouldContain("data-step=\"unterlagen-angefordert\"");
        }

        var fake = System.Text.Encoding.UTF8.GetBytes("<html>keine Verordnung</html>");
        using var refused = await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/{claim.Id}/tasks/{task}/document", cookie,
            new { fileName = "verordnung.pdf", contentBase64 = Convert.ToBase64String(fake) }), Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(refused, Ct)).GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("keine PDF-Datei");
        (await GetJsonAsync(client, $"/api/v1/claims/{claim.Id}", cookie, Ct)).GetProperty("documents").GetArrayLength().ShouldBe(1);

        using var uploaded = await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/{claim.Id}/tasks/{task}/document", cookie,
            new { fileName = "verordnung.jpg", contentBase64 = Convert.ToBase64String(JpegWithGps()) }), Ct);
        uploaded.StatusCode.ShouldBe(HttpStatusCode.OK);
        var done = await ReadJsonAsync(uploaded, Ct);
        done.GetProperty("state").GetString().ShouldBe("erledigt");
        done.GetProperty("receiptPosition").GetInt32().ShouldBe(2);
        var documents = (await GetJsonAsync(client, $"/api/v1/claims/{claim.Id}", cookie, Ct)).GetProperty("documents");
        documents.GetArrayLength().ShouldBe(2);
        documents[1].GetProperty("contentType").GetString().ShouldBe("image/jpeg");

        using var again = await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/{claim.Id}/tasks/{task}/document", cookie,
            new { fileName = "nochmal.pdf", contentBase64 = Convert.ToBase64String(Pdf()) }), Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var steps = (await GetJsonAsync(client, $"/api/v1/claims/{claim.Id}/timeline", cookie, Ct)).EnumerateArray().Select(s => s.GetProperty("step").GetString()).ToList();
        steps.ShouldBe(["eingegangen", "unterlagen-angefordert", "unterlagen-eingegangen"]);
    }

    [Fact]
    [Trait("Promise", "B4")]
    [Trait("Promise", "B7")]
    public async Task Reminders_go_out_once_before_and_once_after_the_due_date_and_say_nothing_about_the_claim()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var claim = await SubmitAsync(client, cookie, Ct);
        var clerk = await TestLogins.SessionCookieAsync(App.Factory, Clerk);
        using var requested = await client.SendAsync(Json(HttpMethod.Post, $"/api/v1/claims/queue/{claim.Id}/tasks", clerk,
            new { description = "Zahnärztlicher Heil- und Kostenplan", dueDate = Clock.Day(6) }), Ct);
        requested.StatusCode.ShouldBe(HttpStatusCode.Created);
        var runner = App.Factory.Services.GetRequiredService<DocumentReminderRunner>();
        const string Node = "test-node";

        await DrainAsync(runner);
        var before = Mails(App.Factory, Customer).Count;
        (await runner.RunIfLeaseAsync(Node, Ct)).ShouldBe(0); // six days ahead: nothing yet

        App.Clock!.Advance(TimeSpan.FromDays(4)); // two days before the due date
        (await runner.RunIfLeaseAsync(Node, Ct)).ShouldBe(1);
        (await runner.RunIfLeaseAsync(Node, Ct)).ShouldBe(0);
        (await runner.RunIfLeaseAsync("other-node", Ct)).ShouldBeNull(); // the lease keeps a second node out

        App.Clock.Advance(TimeSpan.FromDays(4)); // two days overdue
        (await runner.RunIfLeaseAsync(Node, Ct)).ShouldBe(1);
        (await runner.RunIfLeaseAsync(Node, Ct)).ShouldBe(0);

        var reminders = Mails(App.Factory, Customer).Skip(before).ToList();
        reminders.Count.ShouldBe(2);
        foreach (var mail in reminders)
        {
            ShouldBeNeutral(mail, claim.Number, "Zahn", "Kostenplan", "Frist");
        }

        var fresh = await TestLogins.SessionCookieAsync(App.Factory, Clerk);
        using var overdue = await client.SendAsync(TestLogins.Get("/api/v1/claims/queue?overdue=true", fresh), Ct);
        (await overdue.Content.ReadAsStringAsync(Ct)).ShouldContain(claim.Number);
        var tasks = await GetJsonAsync(client, $"/api/v1/claims/{claim.Id}/tasks", await TestLogins.SessionCookieAsync(App.Factory, Customer), Ct);
        tasks[0].GetProperty("state").GetString().ShouldBe("überfällig");
    }

    /// <summary>Sends whatever earlier tests of this class left due, so the counts below are this test's own.</summary>
    private async Task DrainAsync(DocumentReminderRunner runner)
    {
        await runner.RunAsync(Ct);
        await using var scope = App.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<JobLeases>().ReleaseAsync(DocumentReminderRunner.LeaseName, "test-node", Ct);
    }

    private sealed class ManualClockView(Glasklar.Testing.ManualClock clock)
    {
        public string Day(int offset) => clock.GetUtcNow().AddDays(offset).ToString("yyyy-MM-dd");
    }
}

public sealed class MissingDocumentTestsSqlite(SqliteClockedApp app) : MissingDocumentTests<SqliteClockedApp>(app);

public sealed class MissingDocumentTestsPostgres(PostgresClockedApp app) : MissingDocumentTests<PostgresClockedApp>(app);
