using Microsoft.Playwright;

namespace Glasklar.Browser.Tests;

/// <summary>What a new visitor sees in a real browser.</summary>
public sealed class ShellJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Start_page_renders_in_German_even_for_an_English_browser()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var cspErrors = CollectCspErrors(page);

        var response = await page.GotoAsync("/");

        response!.Status.ShouldBe(200);
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("de");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Datenschutz, der im Code steht");
        (await page.Locator(".card").CountAsync()).ShouldBe(4);
        (await page.TitleAsync()).ShouldBe("Start – Glasklar");

        // The stylesheet really applied (served by Glasklar, allowed by the CSP).
        var headerColour = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.site-header')).backgroundColor");
        headerColour.ShouldBe("rgb(11, 79, 138)");
        cspErrors.ShouldBeEmpty();
    }

    [Fact]
    [Trait("Promise", "A15")]
    public async Task Data_protection_page_shows_the_configured_officer()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Datenschutz" }).ClickAsync();

        await page.WaitForURLAsync("**/datenschutz");
        (await page.Locator("[data-testid=dpo]").InnerTextAsync()).ShouldContain(BrowserApp.DpoName);
    }

    [Fact]
    [Trait("Promise", "A12")]
    public async Task Switching_to_English_keeps_only_session_cookies()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/impressum");

        await page.Locator("form.language-switch").GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await page.WaitForURLAsync("**/impressum");
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("en");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Imprint");
        var cookies = await context.CookiesAsync();
        cookies.ShouldContain(c => c.Name == "glasklar-lang");
        foreach (var cookie in cookies)
        {
            cookie.Expires.ShouldBe(-1, $"{cookie.Name} must be a session cookie");
        }
    }

    [Fact]
    public async Task Keyboard_users_can_skip_to_the_content()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("() => document.activeElement.className")).ShouldBe("skip-link");
        await page.Keyboard.PressAsync("Enter");

        (await page.EvaluateAsync<string>("() => document.activeElement.id")).ShouldBe("inhalt");
    }

    [Fact]
    public async Task Unknown_address_shows_the_German_error_page()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/diese-seite-gibt-es-nicht");

        response!.Status.ShouldBe(404);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Seite nicht gefunden");
    }

    internal static List<string> CollectCspErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(message.Text);
            }
        };
        return errors;
    }
}
