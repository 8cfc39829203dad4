using System.Net;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Identity.TwoFactor;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Sessions;
using Glasklar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.Identity;

/// <summary>Login with password and TOTP through the real pages; sessions, expiry and the audit trail.</summary>
public abstract class LoginTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    [Trait("Promise", "B6")]
    [Trait("Promise", "A12")]
    public async Task Demo_user_logs_in_with_password_and_code_and_gets_a_session_only_cookie()
    {
        var user = Demo(Roles.Agent);
        var browser = NewBrowser();

        var afterCode = await LogInAsync(browser, user);

        FormClient.IsRedirectTo(afterCode, "/konto").ShouldBeTrue();
        var cookie = browser.LastSetCookies.Single(c => c.StartsWith(LoginSessionOptions.CookieName + "=", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).Order().ToList();
        attributes.ShouldBe(["httponly", "path=/", "samesite=strict", "secure"]);
        browser.Cookies.ContainsKey(PendingLoginCookie.CookieName).ShouldBeFalse();

        var account = await browser.GetAsync("/konto");
        account.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.LastPage!.QuerySelector("main")!.TextContent.ShouldContain(DemoAccounts.Email(user));
        browser.LastPage.QuerySelectorAll("[data-testid=session]").Length.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    [Trait("Promise", "B6")]
    public async Task A_code_works_only_once()
    {
        var user = Demo(Roles.InsurerClerk);
        var first = NewBrowser();
        var code = CodeNow(user);
        FormClient.IsRedirectTo(await LogInAsync(first, user, code), "/konto").ShouldBeTrue();

        var second = NewBrowser();
        var replay = await LogInAsync(second, user, code);

        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.LastPage!.QuerySelector("[role=alert]")!.TextContent.ShouldContain("bereits verwendet");
        second.Cookies.ContainsKey(LoginSessionOptions.CookieName).ShouldBeFalse();

        // The next time step brings a fresh code that works.
        Clock.Advance(TimeSpan.FromSeconds(30));
        var next = await second.PostAsync("/anmelden/code", new() { ["code"] = CodeNow(user) });
        FormClient.IsRedirectTo(next, "/konto").ShouldBeTrue();
    }

    [Fact]
    public async Task Wrong_password_and_unknown_account_get_the_same_German_message()
    {
        var browser = NewBrowser();
        await browser.GetAsync("/anmelden");
        await browser.PostAsync("/anmelden", new() { ["email"] = DemoAccounts.Email(Demo(Roles.Auditor)), ["password"] = "falsches-passwort-123" });
        var wrongPassword = browser.LastPage!.QuerySelector("[role=alert]")!.TextContent;

        await browser.GetAsync("/anmelden");
        await browser.PostAsync("/anmelden", new() { ["email"] = "niemand@demo.glasklar.example", ["password"] = "falsches-passwort-123" });
        var unknown = browser.LastPage!.QuerySelector("[role=alert]")!.TextContent;

        wrongPassword.ShouldBe(PasswordCheck.GenericFailure);
        unknown.ShouldBe(wrongPassword);
        browser.Cookies.ContainsKey(PendingLoginCookie.CookieName).ShouldBeFalse();
    }

    [Fact]
    public async Task Repeated_wrong_passwords_slow_the_account_down()
    {
        var email = DemoAccounts.Email(Demo(Roles.AssistanceAgent));
        var browser = NewBrowser();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 7; i++)
        {
            await browser.GetAsync("/anmelden");
            last = await browser.PostAsync("/anmelden", new() { ["email"] = email, ["password"] = "falsch-" + i });
        }

        last.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        browser.LastPage!.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Zu viele Versuche");
        Clock.Advance(TimeSpan.FromHours(2)); // back-off forgotten for the other tests of this user
    }

    [Fact]
    [Trait("Promise", "B5")]
    public async Task A_logged_out_cookie_replayed_is_refused()
    {
        var user = Demo(Roles.WorkshopUser);
        var browser = NewBrowser();
        await LogInAsync(browser, user);
        var stolen = browser.Cookies[LoginSessionOptions.CookieName];

        await browser.GetAsync("/konto");
        var logout = await browser.PostAsync("/abmelden", []);
        FormClient.IsRedirectTo(logout, "/").ShouldBeTrue();
        browser.Cookies.ContainsKey(LoginSessionOptions.CookieName).ShouldBeFalse();

        var attacker = NewBrowser();
        attacker.Set(LoginSessionOptions.CookieName, stolen);
        FormClient.IsRedirectTo(await attacker.GetAsync("/konto"), "/anmelden").ShouldBeTrue();
    }

    [Fact]
    [Trait("Promise", "A12")]
    public async Task A_session_ends_after_20_idle_minutes()
    {
        var browser = NewBrowser();
        await LogInAsync(browser, Demo(Roles.WorkshopAdmin));

        Clock.Advance(TimeSpan.FromMinutes(19));
        (await browser.GetAsync("/konto")).StatusCode.ShouldBe(HttpStatusCode.OK);
        Clock.Advance(TimeSpan.FromMinutes(21));

        FormClient.IsRedirectTo(await browser.GetAsync("/konto"), "/anmelden").ShouldBeTrue();
    }

    [Fact]
    [Trait("Promise", "A12")]
    public async Task A_session_ends_after_8_hours_even_when_active()
    {
        var browser = NewBrowser();
        await LogInAsync(browser, Demo(Roles.CustomerServiceAgent));

        for (var minutes = 0; minutes < 8 * 60 - 15; minutes += 15)
        {
            Clock.Advance(TimeSpan.FromMinutes(15));
            (await browser.GetAsync("/konto")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        Clock.Advance(TimeSpan.FromMinutes(16));
        FormClient.IsRedirectTo(await browser.GetAsync("/konto"), "/anmelden").ShouldBeTrue();
    }

    [Fact]
    [Trait("Promise", "B11")]
    [Trait("Promise", "X5")]
    public async Task Logins_failed_logins_and_logouts_land_in_the_chained_audit_log()
    {
        var user = Demo(Roles.RepairNetworkClerk);
        var browser = NewBrowser();
        await browser.GetAsync("/anmelden");
        await browser.PostAsync("/anmelden", new() { ["email"] = DemoAccounts.Email(user), ["password"] = "ganz-falsch-123" });
        await LogInAsync(browser, user);
        await browser.GetAsync("/konto");
        await browser.PostAsync("/abmelden", []);

        await using var scope = App.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var userId = (await db.Users.SingleAsync(u => u.Email == DemoAccounts.Email(user), Ct)).Id;
        var actions = await db.AuditLog.Where(a => a.UserId == userId).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync(Ct);
        actions.ShouldBe([AuditActions.LoginFailed, AuditActions.Login, AuditActions.Logout]);
        (await db.LastTransactions.SingleAsync(t => t.UserId == userId, Ct)).Action.ShouldBe(AuditActions.Logout);
        (await scope.ServiceProvider.GetRequiredService<AuditLog>().VerifyAsync(Ct)).Intact.ShouldBeTrue();
    }

    [Fact]
    [Trait("Promise", "X9")]
    public async Task A_login_journey_leaves_no_name_email_or_ip_in_the_application_log()
    {
        var user = Demo(Roles.Customer);
        var browser = NewBrowser();
        await browser.GetAsync("/anmelden");
        await browser.PostAsync("/anmelden", new() { ["email"] = DemoAccounts.Email(user), ["password"] = "nicht-das-passwort-1" });
        await LogInAsync(browser, user);
        await browser.GetAsync("/konto");
        await browser.PostAsync("/abmelden", []);

        var log = string.Join('\n', App.Factory.LogLines);
        log.ShouldNotContain(DemoAccounts.Email(user));
        log.ShouldNotContain(user.GivenName);
        log.ShouldNotContain(user.FamilyName);
        log.ShouldNotContain(DemoAccounts.Password(user));
    }

    private ManualClock Clock => App.Clock ?? throw new InvalidOperationException("This test needs the clocked fixture.");

    private FormClient NewBrowser() => new(App.CreateClient());

    private static DemoAccounts.Definition Demo(string role) => DemoAccounts.All.First(d => d.Role == role);

    private string CodeNow(DemoAccounts.Definition user) => Totp.Code(DemoAccounts.TotpSecret(user), Clock.GetUtcNow());

    private async Task<HttpResponseMessage> LogInAsync(FormClient browser, DemoAccounts.Definition user, string? code = null)
    {
        await browser.GetAsync("/anmelden");
        var afterPassword = await browser.PostAsync("/anmelden", new() { ["email"] = DemoAccounts.Email(user), ["password"] = DemoAccounts.Password(user) });
        FormClient.IsRedirectTo(afterPassword, "/anmelden/code").ShouldBeTrue($"password step failed: {(int)afterPassword.StatusCode}");
        await browser.GetAsync("/anmelden/code");
        return await browser.PostAsync("/anmelden/code", new() { ["code"] = code ?? CodeNow(user) });
    }
}

public sealed class LoginTestsSqlite(SqliteClockedApp app) : LoginTests<SqliteClockedApp>(app);

public sealed class LoginTestsPostgres(PostgresClockedApp app) : LoginTests<PostgresClockedApp>(app);
