using Glasklar.Platform.Accounts;
using Glasklar.Platform.Identity.TwoFactor;
using Microsoft.Playwright;

namespace Glasklar.Browser.Tests;

/// <summary>Logging in as a person would: password, then the code an authenticator app would show.</summary>
public sealed class LoginJourneyTests(BrowserApp app)
{
    [Fact]
    [Trait("Promise", "B6")]
    [Trait("Promise", "A12")]
    public async Task Demo_user_logs_in_with_password_and_totp_and_out_again()
    {
        var user = DemoAccounts.All.First(d => d.Role == Roles.AgencyAdmin);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Anmelden" }).ClickAsync();
        await page.GetByLabel("E-Mail-Adresse").FillAsync(DemoAccounts.Email(user));
        await page.GetByLabel("Passwort").FillAsync(DemoAccounts.Password(user));
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter" }).ClickAsync();
        await ExpectUrlAsync(page, "**/anmelden/code");
        await BrowserLogin.SubmitCodeAsync(page, DemoAccounts.TotpSecret(user));

        await page.WaitForURLAsync("**/konto");
        (await page.Locator("main").InnerTextAsync()).ShouldContain(DemoAccounts.Email(user));
        var session = (await context.CookiesAsync()).Single(c => c.Name == "__Host-glasklar");
        session.Expires.ShouldBe(-1);
        session.HttpOnly.ShouldBeTrue();
        session.Secure.ShouldBeTrue();
        session.SameSite.ShouldBe(SameSiteAttribute.Strict);

        await page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseAddress.ToString());
        (await context.CookiesAsync()).ShouldNotContain(c => c.Name == "__Host-glasklar");
        await page.GotoAsync("/konto");
        page.Url.ShouldContain("/anmelden");
    }

    [Fact]
    [Trait("Promise", "B6")]
    public async Task A_new_user_sets_up_the_authenticator_by_QR_code_on_first_login()
    {
        var email = $"neu-{Guid.NewGuid():N}@demo.glasklar.example"[..40];
        const string password = "ein langes neues Passwort 2026";
        await app.CreateUserWithoutSecondFactorAsync(email, password);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/anmelden");

        await page.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await page.GetByLabel("Passwort").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter" }).ClickAsync();
        await ExpectUrlAsync(page, "**/anmelden/einrichten");

        var qr = page.Locator("img.qr");
        (await qr.GetAttributeAsync("src"))!.ShouldStartWith("data:image/png;base64,");
        (await qr.EvaluateAsync<int>("img => img.naturalWidth")).ShouldBeGreaterThan(100); // the browser decoded it
        var manualKey = (await page.Locator("[data-testid=manual-key]").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        Base32.TryDecode(manualKey, out var secret).ShouldBeTrue();
        await page.GetByLabel("Code aus der App").FillAsync(await BrowserLogin.FreshCodeAsync(secret));
        await page.GetByRole(AriaRole.Button, new() { Name = "Einrichten und anmelden" }).ClickAsync();

        (await page.Locator("[data-testid=recovery-codes] li").CountAsync()).ShouldBe(10);
        await page.GetByRole(AriaRole.Link, new() { Name = "Weiter" }).ClickAsync();
        await page.WaitForURLAsync("**/konto");
        (await page.Locator("main").InnerTextAsync()).ShouldContain(email);
    }

    /// <summary>Waits for the next page; on failure says what the page showed instead (its alert text).</summary>
    private static async Task ExpectUrlAsync(IPage page, string pattern)
    {
        try
        {
            await page.WaitForURLAsync(pattern);
        }
        catch (TimeoutException)
        {
            var alert = await page.Locator("[role=alert]").AllInnerTextsAsync();
            throw new ShouldAssertException($"Erwartet {pattern}, aber die Seite blieb bei {page.Url}: {string.Join(" | ", alert)}");
        }
    }
}
