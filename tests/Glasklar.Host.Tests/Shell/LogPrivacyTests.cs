using Glasklar.Host.Tests.Infrastructure;

namespace Glasklar.Host.Tests.Shell;

/// <summary>
/// Requests that carry personal data (in the path, the query, headers) leave none of it in the
/// application log (X9). The log lines are produced by the production formatter.
/// </summary>
public abstract class LogPrivacyTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    [Trait("Promise", "X9")]
    public async Task Personal_data_in_requests_never_reaches_the_log()
    {
        using var client = App.CreateClient();
        string[] personal = ["erika.mustermann@example.de", "Mustermann", "+4915123456789", "203.0.113.9"];

        await client.GetAsync("/suche/Mustermann?email=erika.mustermann@example.de&tel=%2B4915123456789", Ct);
        await client.GetAsync("/api/v1/kunden/erika.mustermann@example.de", Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/datenschutz");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.UserAgent.ParseAdd("Mustermann-Browser/1.0");
        await client.SendAsync(request, Ct);
        await client.PostAsync("/sprache?name=Mustermann", new StringContent("email=erika.mustermann@example.de"), Ct);

        var log = string.Join('\n', App.Factory.LogLines);
        log.ShouldNotBeEmpty();
        foreach (var datum in personal)
        {
            log.ShouldNotContain(datum);
        }
    }
}

public sealed class LogPrivacyTestsSqlite(SqliteApp app) : LogPrivacyTests<SqliteApp>(app);

public sealed class LogPrivacyTestsPostgres(PostgresApp app) : LogPrivacyTests<PostgresApp>(app);
