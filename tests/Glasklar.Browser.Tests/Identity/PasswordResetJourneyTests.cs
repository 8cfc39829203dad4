using Glasklar.Platform.Accounts;
using Glasklar.Platform.Identity.TwoFactor;
using Glasklar.Testing;
using Microsoft.Playwright;

namespace Glasklar.Browser.Tests.Identity;

/// <summary>Forgotten password, as a person would go through it: the link from the mail (.eml), a new password, then login with a code.</summary>
public sealed class PasswordResetJourneyTests(BrowserApp app)
{
    [Fact]
    [Trait("Promise", "B6")]
    [Trait("Promise", "B7")]
    public async Task A_forgotten_password_is_reset_by_the_mailed_link_and_the_login_still_needs_the_code()
    {
        // A demo account no other browser test logs in with.
        var user = DemoAccounts.All.First(d => d.Role == Roles.CustomerServiceAgent);
        var email = DemoAccounts.Email(user);
        const string newPassword = "Herbstlaub raschelt unter den Schuhen";
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/anmelden");
        await page.GetByRole(AriaRole.Link, new() { Name = "Passwort vergessen?" }).ClickAsync();
        await page.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Link anfordern" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe(PasswordResetService.GenericAnswer);

        var mail = await WaitForMailAsync(email);
        mail.Body.ShouldNotContain(user.GivenName);
        mail.Body.ShouldNotContain(user.FamilyName);
        new Uri(mail.Link).GetLeftPart(UriPartial.Authority).ShouldBe(app.BaseAddress.GetLeftPart(UriPartial.Authority));
        await page.GotoAsync(mail.Link);
        await page.GetByLabel("Neues Passwort", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByLabel("Neues Passwort wiederholen").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Passwort speichern" }).ClickAsync();

        await page.WaitForURLAsync("**/anmelden?hinweis=passwort-neu");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("neues Passwort ist gespeichert");
        await page.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await page.GetByLabel("Passwort").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter" }).ClickAsync();
        await page.WaitForURLAsync("**/anmelden/code");
        await BrowserLogin.SubmitCodeAsync(page, DemoAccounts.TotpSecret(user));

        await page.WaitForURLAsync("**/konto");
        (await page.Locator("main").InnerTextAsync()).ShouldContain(email);

        // The link was single-use.
        await page.GotoAsync(mail.Link);
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("schon verwendet");
    }

    private async Task<PickedUpMail> WaitForMailAsync(string to)
    {
        for (var i = 0; i < 100; i++)
        {
            if (PickupMailbox.For(app.DataDirectory, to).FirstOrDefault(m => m.Subject == "Passwort zurücksetzen") is { } mail)
            {
                return mail;
            }

            await Task.Delay(100);
        }

        throw new ShouldAssertException($"Keine Mail an {to} in {app.DataDirectory}/mail");
    }
}
