using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Host.Web;

namespace Glasklar.Host.Tests.Shell;

/// <summary>
/// No page references anything outside its own origin (B12): every URL in every page that exists,
/// and in the stylesheets those pages load, is relative (or a mailto:/tel: link, or inline data).
/// </summary>
public abstract partial class SameOriginTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    private static readonly string[] UrlAttributes = ["src", "href", "action", "formaction", "srcset", "poster", "data", "background", "cite", "manifest"];

    [Fact]
    [Trait("Promise", "B12")]
    public async Task No_page_references_a_url_of_another_origin()
    {
        var pages = EndpointCatalog.GetPagePaths(App.Factory.Services);
        pages.ShouldContain("/");
        pages.ShouldContain("/datenschutz");
        pages.ShouldContain("/impressum");

        using var client = App.CreateClient();
        var offending = new List<string>();
        var stylesheets = new HashSet<string>();
        foreach (var page in pages)
        {
            var html = await (await client.GetAsync(page, Ct)).Content.ReadAsStringAsync(Ct);
            var document = new HtmlParser().ParseDocument(html);
            foreach (var element in document.All)
            {
                foreach (var attribute in UrlAttributes)
                {
                    if (element.GetAttribute(attribute) is { } value && !IsOwnOrigin(value, element.LocalName))
                    {
                        offending.Add($"{page}: <{element.LocalName} {attribute}=\"{value}\">");
                    }
                }

                if (element.GetAttribute("style") is { } style)
                {
                    offending.Add($"{page}: inline style attribute is not allowed by the CSP: {style}");
                }
            }

            document.QuerySelectorAll("script:not([src]), style").Length.ShouldBe(0, $"{page} has inline script or style");
            foreach (var link in document.QuerySelectorAll("link[rel=stylesheet]"))
            {
                stylesheets.Add(link.GetAttribute("href")!);
            }
        }

        foreach (var stylesheet in stylesheets)
        {
            var css = await client.GetStringAsync(stylesheet, Ct);
            foreach (Match match in CssUrl().Matches(css))
            {
                if (!IsOwnOrigin(match.Groups[1].Value, "css"))
                {
                    offending.Add($"{stylesheet}: url({match.Groups[1].Value})");
                }
            }

            css.ShouldNotContain("@import", Case.Insensitive);
        }

        offending.ShouldBeEmpty();
    }

    private static bool IsOwnOrigin(string value, string element)
    {
        var url = value.Trim();
        if (url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            return element == "a";
        }

        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return element is "img" or "css";
        }

        // Relative references only: "/x", "x", "#x", "?x" — never "//host" or "scheme:".
        return !url.StartsWith("//", StringComparison.Ordinal) && !SchemePrefix().IsMatch(url);
    }

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.\-]*:")]
    private static partial Regex SchemePrefix();

    [GeneratedRegex(@"url\(\s*['""]?([^'"")]+)['""]?\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();
}

public sealed class SameOriginTestsSqlite(SqliteApp app) : SameOriginTests<SqliteApp>(app);

public sealed class SameOriginTestsPostgres(PostgresApp app) : SameOriginTests<PostgresApp>(app);
