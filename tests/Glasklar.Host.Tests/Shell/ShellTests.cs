using System.Net;
using AngleSharp.Html.Parser;
using Glasklar.Host.Tests.Infrastructure;

namespace Glasklar.Host.Tests.Shell;

/// <summary>The UI shell and platform endpoints over real HTTP, once per database provider.</summary>
public abstract class ShellTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    public async Task Start_page_answers_in_German()
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync("/", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var document = new HtmlParser().ParseDocument(html);
        document.DocumentElement.GetAttribute("lang").ShouldBe("de");
        document.QuerySelector("h1")!.TextContent.ShouldBe("Datenschutz, der im Code steht");
        document.QuerySelectorAll(".card h3").Select(h => h.TextContent).ShouldBe(
            ["Vermittlung von Glasschäden", "Kundenportal für Erstattungen", "Telematik", "Glas-Direktabrechnung"]);
    }

    [Fact]
    public async Task Page_has_landmarks_and_a_skip_link()
    {
        using var client = App.CreateClient();
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync("/", Ct));

        document.QuerySelector("a.skip-link")!.GetAttribute("href").ShouldBe("#inhalt");
        document.QuerySelector("main#inhalt").ShouldNotBeNull();
        document.QuerySelector("header").ShouldNotBeNull();
        document.QuerySelector("footer").ShouldNotBeNull();
        document.QuerySelectorAll("nav[aria-label]").Length.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/datenschutz")]
    [InlineData("/impressum")]
    [InlineData("/health/ready")]
    [InlineData("/api/v1/version")]
    [InlineData("/gibt-es-nicht")]
    [InlineData("/api/v1/gibt-es-nicht")]
    [InlineData("/css/site.css")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync(path, Ct);

        Header(response, "Content-Security-Policy").ShouldBe(Glasklar.Platform.Web.SecurityHeaders.ContentSecurityPolicy);
        Header(response, "Content-Security-Policy").ShouldNotContain("unsafe-inline");
        Header(response, "Content-Security-Policy").ShouldContain("frame-ancestors 'none'");
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "Referrer-Policy").ShouldBe("no-referrer");
        Header(response, "Permissions-Policy").ShouldContain("camera=()");
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    [Theory]
    [Trait("Promise", "B5")]
    [InlineData("/")]
    [InlineData("/datenschutz")]
    [InlineData("/impressum")]
    [InlineData("/api/v1/version")]
    [InlineData("/gibt-es-nicht")]
    public async Task Pages_and_api_answers_are_never_stored_by_browsers_or_proxies(string path)
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync(path, Ct);

        Header(response, "Cache-Control").ShouldContain("no-store");
    }

    [Fact]
    [Trait("Promise", "B12")]
    public async Task Fingerprinted_assets_are_served_by_glasklar_itself()
    {
        using var client = App.CreateClient();
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync("/", Ct));
        var stylesheet = document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;

        stylesheet.ShouldStartWith("/css/site.css?v=");
        using var response = await client.GetAsync(stylesheet, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/css");
        Header(response, "Cache-Control").ShouldContain("immutable");
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("--brand");
    }

    [Fact]
    public async Task Health_endpoints_report_live_and_ready_with_the_database()
    {
        using var client = App.CreateClient();
        (await client.GetAsync("/health/live", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var ready = await client.GetAsync("/health/ready", Ct);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync(Ct)).ShouldBe("Healthy");
    }

    [Fact]
    [Trait("Promise", "A15")]
    public async Task Data_protection_page_shows_the_configured_officer_and_operator()
    {
        using var client = App.CreateClient();
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync("/datenschutz", Ct));

        var dpo = document.QuerySelector("[data-testid=dpo]")!;
        dpo.TextContent.ShouldContain(GlasklarFactory.DpoName);
        dpo.QuerySelector("a")!.GetAttribute("href").ShouldBe("mailto:" + GlasklarFactory.DpoEmail);
        document.Body!.TextContent.ShouldContain(GlasklarFactory.OperatorName);
    }

    [Fact]
    public async Task Imprint_shows_the_configured_operator()
    {
        using var client = App.CreateClient();
        var html = await client.GetStringAsync("/impressum", Ct);

        html.ShouldContain(GlasklarFactory.OperatorName);
    }

    [Fact]
    public async Task Unknown_page_gets_a_friendly_German_404()
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync("/gibt-es-nicht", Ct);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        document.QuerySelector("h1")!.TextContent.ShouldBe("Seite nicht gefunden");
        document.QuerySelector("main a[href='/']").ShouldNotBeNull();
    }

    [Fact]
    public async Task Server_error_page_is_German_and_keeps_its_status()
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync("/fehler/500", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        html.ShouldContain("Etwas ist schiefgegangen");
    }

    [Fact]
    public async Task Unknown_api_path_gets_German_problem_details()
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync("/api/v1/gibt-es-nicht", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        problem.RootElement.GetProperty("title").GetString().ShouldBe("Die Ressource wurde nicht gefunden.");
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_api()
    {
        using var client = App.CreateClient();
        using var document = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Ct));

        document.RootElement.GetProperty("paths").TryGetProperty("/api/v1/version", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Version_api_answers_json()
    {
        using var client = App.CreateClient();
        using var document = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/version", Ct));

        document.RootElement.GetProperty("name").GetString().ShouldBe("glasklar");
        document.RootElement.GetProperty("version").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";
}

public sealed class ShellTestsSqlite(SqliteApp app) : ShellTests<SqliteApp>(app);

public sealed class ShellTestsPostgres(PostgresApp app) : ShellTests<PostgresApp>(app);
