using System.Text.Json;
using Glasklar.Testing;
using Microsoft.Playwright;

namespace Glasklar.Browser.Tests;

/// <summary>Every page that exists: no request leaves the origin (B12), and axe-core finds no serious barrier.</summary>
public sealed class PrivacyAndAccessibilityTests(BrowserApp app)
{
    private static readonly string AxeSource = File.ReadAllText(
        Path.Combine(RepositoryPaths.Root, "tests", "Glasklar.Browser.Tests", "node_modules", "axe-core", "axe.min.js"));

    [Fact]
    [Trait("Promise", "B12")]
    public async Task No_request_of_any_page_leaves_the_origin()
    {
        await using var context = await app.NewContextAsync();
        var origin = app.BaseAddress.GetLeftPart(UriPartial.Authority);
        var foreign = new List<string>();
        var seen = 0;
        await context.RouteAsync("**/*", async route =>
        {
            seen++;
            if (route.Request.Url.StartsWith(origin, StringComparison.Ordinal) || route.Request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                foreign.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        var page = await context.NewPageAsync();

        foreach (var path in app.Pages.Append("/gibt-es-nicht"))
        {
            await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
        }

        seen.ShouldBeGreaterThan(app.Pages.Count); // pages and their assets really went through the router
        foreign.ShouldBeEmpty();
    }

    [Fact]
    public async Task Axe_finds_no_serious_or_critical_violation_on_any_page()
    {
        // The page's CSP forbids injected scripts, so only this test's context lets axe-core in.
        await using var context = await app.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var findings = new List<string>();

        foreach (var path in app.Pages.Append("/gibt-es-nicht"))
        {
            foreach (var language in new[] { "de", "en" })
            {
                await page.GotoAsync(path);
                if (language == "en")
                {
                    await page.Locator("form.language-switch").GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                }

                await page.AddScriptTagAsync(new() { Content = AxeSource });
                var violations = await page.EvaluateAsync<JsonElement>(
                    "async () => (await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }))" +
                    ".violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) }))");
                foreach (var violation in violations.EnumerateArray())
                {
                    var impact = violation.GetProperty("impact").GetString();
                    if (impact is "serious" or "critical")
                    {
                        findings.Add($"{path} ({language}): {violation.GetProperty("id").GetString()} – {violation.GetProperty("help").GetString()} at {violation.GetProperty("nodes")}");
                    }
                }

                // Back to German for the next page.
                if (language == "en")
                {
                    await page.Locator("form.language-switch").GetByRole(AriaRole.Button, new() { Name = "Deutsch" }).ClickAsync();
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                }
            }
        }

        app.Pages.Count.ShouldBeGreaterThanOrEqualTo(3);
        findings.ShouldBeEmpty();
    }
}
