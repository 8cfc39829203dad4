using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;

namespace Glasklar.Host.Tests.Identity;

/// <summary>The live text check forms call while an agent types (A8, A13, X3).</summary>
public abstract class TextCheckApiTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    [Trait("Promise", "X3")]
    public async Task A_signed_in_user_gets_findings_and_a_neutral_suggestion()
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/privacy/text-check")
        {
            Content = JsonContent.Create(new { text = "Frau Meier sitzt im Rollstuhl, bitte Geduld." }),
        };
        request.Headers.Add("Cookie", await TestLogins.SessionCookieAsync(App.Factory, DemoAccounts.EmailFor(Roles.Agent)));

        using var response = await client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        json.RootElement.GetProperty("special").GetBoolean().ShouldBeTrue();
        json.RootElement.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ShouldContain("health");
        json.RootElement.GetProperty("suggestion").GetString().ShouldNotBeNullOrWhiteSpace();
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task Anonymous_callers_are_refused()
    {
        using var client = App.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/privacy/text-check", new { text = "Hallo" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_missing_text_gets_German_problem_details()
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/privacy/text-check") { Content = JsonContent.Create(new { }) };
        request.Headers.Add("Cookie", await TestLogins.SessionCookieAsync(App.Factory, DemoAccounts.EmailFor(Roles.Agent)));

        using var response = await client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        json.RootElement.GetProperty("errors").GetProperty("text")[0].GetString().ShouldBe("Bitte geben Sie den zu prüfenden Text an.");
    }
}

public sealed class TextCheckApiTestsSqlite(SqliteApp app) : TextCheckApiTests<SqliteApp>(app);

public sealed class TextCheckApiTestsPostgres(PostgresApp app) : TextCheckApiTests<PostgresApp>(app);
