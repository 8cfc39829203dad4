using Glasklar.Platform.Identity.TwoFactor;
using Microsoft.Playwright;

namespace Glasklar.Browser.Tests.Claims;

/// <summary>B5 in Chromium: after logout or session expiry, back, forward and reload show no personal data.</summary>
[Trait("Promise", "B5")]
public sealed class NoDataAfterSessionTests(BrowserApp app)
{
    [Fact]
    public async Task After_logout_or_expiry_back_forward_and_reload_show_the_login_page_and_no_personal_data()
    {
        var email = $"b5-{Guid.NewGuid():N}"[..16] + "@kunde.glasklar.example";
        const string password = "Regentropfen klopfen leise ans Fenster";
        await app.CreateUserWithoutSecondFactorAsync(email, password);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        // First login sets up the authenticator.
        await page.GotoAsync("/anmelden");
        await page.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await page.GetByLabel("Passwort").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter" }).ClickAsync();
        await page.WaitForURLAsync("**/anmelden/einrichten");
        Base32.TryDecode((await page.Locator("[data-testid=manual-key]").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal), out var secret).ShouldBeTrue();
        await page.GetByLabel("Code aus der App").FillAsync(await BrowserLogin.FreshCodeAsync(secret));
        await page.GetByRole(AriaRole.Button, new() { Name = "Einrichten und anmelden" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Weiter" }).ClickAsync();
        await page.WaitForURLAsync("**/konto");

        // Pages with personal data: each is sent with no-store.
        foreach (var path in new[] { "/konto", "/kunde/vertraege", "/kunde/antraege" })
        {
            var response = (await page.GotoAsync(path))!;
            response.Ok.ShouldBeTrue(path);
            (await response.HeaderValueAsync("cache-control"))!.ShouldContain("no-store");
        }

        await page.GotoAsync("/konto");
        (await page.Locator("main").InnerTextAsync()).ShouldContain(email);

        await CustomerBrowser.LogOutAsync(page, app.BaseAddress);
        await page.GoBackAsync();
        page.Url.ShouldContain("/anmelden");
        await CustomerBrowser.ShowsNothingPersonalAsync(page, email);
        await page.GoBackAsync();
        await CustomerBrowser.ShowsNothingPersonalAsync(page, email);
        await page.GoForwardAsync();
        await CustomerBrowser.ShowsNothingPersonalAsync(page, email);
        await page.ReloadAsync();
        await CustomerBrowser.ShowsNothingPersonalAsync(page, email);

        // Expiry: the server ends the idle session while the tab still shows the account page.
        await BrowserLogin.LogInAsync(page, email, password, secret);
        (await page.Locator("main").InnerTextAsync()).ShouldContain(email);
        var expired = await CustomerBrowser.ExecuteAsync(app,
            "UPDATE platform_sessions SET LastSeenUtc = '2000-01-01 00:00:00' WHERE UserId = (SELECT Id FROM platform_users WHERE Email = $email)", ("$email", email));
        expired.ShouldBeGreaterThan(0);
        await page.ReloadAsync();
        page.Url.ShouldContain("/anmelden");
        await CustomerBrowser.ShowsNothingPersonalAsync(page, email);
        await page.GoBackAsync();
        await CustomerBrowser.ShowsNothingPersonalAsync(page, email);
    }
}
