using System.Net;
using AngleSharp.Html.Parser;
using Glasklar.Host.Tests.Infrastructure;

namespace Glasklar.Host.Tests.Shell;

/// <summary>German by default; English on request, remembered only for the browser session (A12).</summary>
public abstract class LanguageTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    public async Task A_browser_asking_for_English_still_gets_German_until_the_user_chooses()
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        using var response = await client.SendAsync(request, Ct);

        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        document.DocumentElement.GetAttribute("lang").ShouldBe("de");
    }

    [Fact]
    [Trait("Promise", "A12")]
    public async Task Choosing_English_sets_a_session_cookie_only_and_switches_the_pages()
    {
        using var client = App.CreateClient();
        var (antiforgeryCookie, token) = await FormTokenAsync(client);

        using var post = new HttpRequestMessage(HttpMethod.Post, "/sprache")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["lang"] = "en",
                ["returnUrl"] = "/datenschutz",
                ["__af"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        using var response = await client.SendAsync(post, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/datenschutz");
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("glasklar-lang=", StringComparison.Ordinal));
        setCookie.ShouldNotContain("expires", Case.Insensitive);
        setCookie.ShouldNotContain("max-age", Case.Insensitive);
        setCookie.ShouldContain("httponly", Case.Insensitive);
        setCookie.ShouldContain("samesite=strict", Case.Insensitive);

        using var english = new HttpRequestMessage(HttpMethod.Get, "/datenschutz");
        english.Headers.Add("Cookie", setCookie.Split(';')[0]);
        using var page = await client.SendAsync(english, Ct);
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync(Ct));
        document.DocumentElement.GetAttribute("lang").ShouldBe("en");
        document.QuerySelector("h1")!.TextContent.ShouldBe("Data protection");
    }

    [Fact]
    public async Task The_language_form_refuses_a_post_without_antiforgery_token()
    {
        using var client = App.CreateClient();
        using var response = await client.PostAsync("/sprache", new FormUrlEncodedContent(new Dictionary<string, string> { ["lang"] = "en" }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct)).QuerySelector("h1")!.TextContent.ShouldBe("Ungültige Anfrage");
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        cookies.ShouldNotContain(c => c.StartsWith("glasklar-lang=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_language_switch_never_redirects_to_another_site()
    {
        using var client = App.CreateClient();
        var (cookie, token) = await FormTokenAsync(client);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/sprache")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["lang"] = "de", ["returnUrl"] = "https://evil.example/", ["__af"] = token }),
        };
        post.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(post, Ct);

        response.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Fact]
    [Trait("Promise", "A12")]
    public async Task Every_cookie_glasklar_sets_is_a_session_cookie()
    {
        using var client = App.CreateClient();
        foreach (var path in new[] { "/", "/datenschutz", "/impressum", "/sprache" })
        {
            using var response = await client.GetAsync(path, Ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                foreach (var cookie in cookies)
                {
                    cookie.ShouldNotContain("expires=", Case.Insensitive);
                    cookie.ShouldNotContain("max-age=", Case.Insensitive);
                }
            }
        }
    }

    private async Task<(string Cookie, string Token)> FormTokenAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/", Ct);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("glasklar-af=", StringComparison.Ordinal)).Split(';')[0];
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        var token = document.QuerySelector("form.language-switch input[name=__af]")!.GetAttribute("value")!;
        return (cookie, token);
    }
}

public sealed class LanguageTestsSqlite(SqliteApp app) : LanguageTests<SqliteApp>(app);

public sealed class LanguageTestsPostgres(PostgresApp app) : LanguageTests<PostgresApp>(app);
