using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Identity.TwoFactor;
using Glasklar.Testing;

namespace Glasklar.Host.Tests.Identity;

/// <summary>Steps a person takes through the real pages, shared by the account-flow tests.</summary>
internal static class AccountJourney
{
    public static async Task<HttpResponseMessage> LogInAsync(FormClient browser, string email, string password, Func<string> code)
    {
        await browser.GetAsync("/anmelden");
        var afterPassword = await browser.PostAsync("/anmelden", new() { ["email"] = email, ["password"] = password });
        if (!FormClient.IsRedirectTo(afterPassword, "/anmelden/code"))
        {
            return afterPassword;
        }

        await browser.GetAsync("/anmelden/code");
        return await browser.PostAsync("/anmelden/code", new() { ["code"] = code() });
    }

    public static Task<HttpResponseMessage> LogInAsync(FormClient browser, TestAccount account, ManualClock clock) =>
        LogInAsync(browser, account.Email, account.Password, () => Totp.Code(account.Secret, clock.GetUtcNow()));

    /// <summary>Password + a fresh code on /konto/bestaetigen (the clock moves to the next time step first).</summary>
    public static async Task<HttpResponseMessage> ReauthenticateAsync(FormClient browser, string password, byte[] secret, ManualClock clock, string returnUrl)
    {
        clock.Advance(TimeSpan.FromSeconds(30));
        await browser.GetAsync("/konto/bestaetigen?returnUrl=" + Uri.EscapeDataString(returnUrl));
        return await browser.PostAsync("/konto/bestaetigen", new()
        {
            ["password"] = password,
            ["code"] = Totp.Code(secret, clock.GetUtcNow()),
            ["returnUrl"] = returnUrl,
        });
    }

    public static string Alert(FormClient browser) => browser.LastPage!.QuerySelector("[role=alert]")?.TextContent.Trim() ?? "";

    public static string Status(FormClient browser) => browser.LastPage!.QuerySelector("[role=status]")?.TextContent.Trim() ?? "";
}
