using System.Net;
using System.Net.Http.Json;
using Glasklar.Host.Tests.Identity;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Sessions;
using Glasklar.Privacy.Consent;
using Glasklar.Privacy.DataSubjects;
using Glasklar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.SelfService;

/// <summary>A clocked application (TOTP for re-authentication) with a published version of the terms (B8).</summary>
public abstract class TermsApp(string provider) : AppFixture(provider, new ManualClock(), SelfServiceSupport.Settings);

public sealed class SqliteTermsApp() : TermsApp(Providers.Sqlite);

public sealed class PostgresTermsApp() : TermsApp(Providers.Postgres);

/// <summary>A signed-in customer of the self-service tests: the account (password, TOTP secret) and a browser holding the session.</summary>
public sealed record SignedInCustomer(TestAccount Account, string Cookie, FormClient Browser);

internal static class SelfServiceSupport
{
    public const string TermsVersion = "2026-12";
    public const string Change = "Neu: Antragsentwürfe werden nach 30 Tagen gelöscht.";

    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Glasklar:Claims:Terms:Version"] = TermsVersion,
        ["Glasklar:Claims:Terms:EffectiveFrom"] = "2026-12-01",
        ["Glasklar:Claims:Terms:Changes:0"] = Change,
        ["Glasklar:Claims:Terms:Changes:1"] = "Neu: Sie können der Direktwerbung in den Einstellungen widersprechen.",
    };

    /// <summary>A fresh customer account (no contract), signed in; acknowledges the published terms unless told not to.</summary>
    public static async Task<SignedInCustomer> NewCustomerAsync(AppFixture app, bool acknowledge = true)
    {
        var account = await TestAccounts.CreateAsync(app.Factory.Services);
        var cookie = await TestLogins.SessionCookieAsync(app.Factory, account.Email);
        var browser = new FormClient(app.CreateClient());
        browser.Set(LoginSessionOptions.CookieName, cookie.Split('=', 2)[1]);
        if (acknowledge)
        {
            await AcknowledgeAsync(app, cookie);
        }

        return new SignedInCustomer(account, cookie, browser);
    }

    public static async Task AcknowledgeAsync(AppFixture app, string cookie)
    {
        using var client = app.CreateClient();
        using var response = await client.SendAsync(Claims.ClaimsTestSupport.Json(HttpMethod.Post, "/api/v1/claims/terms/acknowledgement", cookie, new { version = TermsVersion }));
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    public static async Task<IReadOnlyList<ConsentEntry>> LedgerAsync(AppFixture app, Guid userId, string purpose)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IConsentLedger>().GetHistoryAsync(PlatformSubjects.User(userId), purpose);
    }

    public static HttpRequestMessage Put(string path, string cookie, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Cookie", cookie);
        return request;
    }

    public static HttpRequestMessage Delete(string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.Add("Cookie", cookie);
        return request;
    }
}
