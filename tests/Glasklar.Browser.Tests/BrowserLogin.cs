using Glasklar.Platform.Accounts;
using Glasklar.Platform.Identity.TwoFactor;
using Microsoft.Playwright;

namespace Glasklar.Browser.Tests;

/// <summary>
/// Logging in in the browser tests. They share one program, and the server accepts each authenticator step
/// once per user (replay protection): two tests that log in the same demo user within 30 s must not type
/// the same code, or the second one stays on the code page.
/// </summary>
internal static class BrowserLogin
{
    private static readonly Dictionary<string, long> LastStepUsed = [];
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>
    /// A code this process has not typed yet for <paramref name="secret"/>: the current step, else the next
    /// one (the server accepts one step of drift), else it waits for time to move on.
    /// </summary>
    public static async Task<string> FreshCodeAsync(byte[] secret)
    {
        var key = Convert.ToHexString(secret);
        await Gate.WaitAsync();
        try
        {
            while (true)
            {
                var now = Totp.TimeStep(DateTimeOffset.UtcNow);
                var step = LastStepUsed.TryGetValue(key, out var last) ? Math.Max(now, last + 1) : now;
                if (step <= now + TotpValidator.AllowedDriftSteps)
                {
                    LastStepUsed[key] = step;
                    return Totp.Hotp(secret, step);
                }

                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Password, then a fresh code; returns once the browser has left the login pages.</summary>
    public static async Task LogInAsync(IPage page, string email, string password, byte[] secret)
    {
        await page.GotoAsync("/anmelden");
        await page.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await page.GetByLabel("Passwort").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter" }).ClickAsync();
        await page.WaitForURLAsync("**/anmelden/code");
        await SubmitCodeAsync(page, secret);
    }

    /// <summary>Types a fresh code on the open code page and waits until the login is through.</summary>
    public static async Task SubmitCodeAsync(IPage page, byte[] secret)
    {
        await page.GetByLabel("Code").FillAsync(await FreshCodeAsync(secret));
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/anmelden", StringComparison.Ordinal), new() { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            // Name the server's answer (a refused code, say) instead of a bare navigation timeout.
            throw new InvalidOperationException($"Anmeldung nicht durchgegangen; {page.Url} zeigt: {await page.Locator("main").InnerTextAsync()}");
        }
    }

    /// <summary>A demo user of <paramref name="role"/> logged in on a new page of <paramref name="context"/>.</summary>
    public static Task<IPage> LogInDemoAsync(IBrowserContext context, string role) =>
        LogInDemoAsync(context, DemoAccounts.All.First(d => d.Role == role));

    public static async Task<IPage> LogInDemoAsync(IBrowserContext context, DemoAccounts.Definition user)
    {
        var page = await context.NewPageAsync();
        await LogInAsync(page, DemoAccounts.Email(user), DemoAccounts.Password(user), DemoAccounts.TotpSecret(user));
        return page;
    }
}
