using System.Net;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Identity.TwoFactor;
using Glasklar.Platform.Persistence;
using Glasklar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.Identity;

/// <summary>Changes of one's own account: each needs password + code again first, and leaves an audit entry.</summary>
public abstract class AccountSettingsTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    private const string NewPassword = "Sonnenblumen wachsen im Garten hoch";

    [Theory]
    [InlineData("/konto/passwort")]
    [InlineData("/konto/e-mail")]
    [InlineData("/konto/telefon")]
    [InlineData("/konto/zweiter-faktor")]
    [Trait("Promise", "B8")]
    public async Task Every_sensitive_page_asks_for_password_and_code_first(string page)
    {
        var (browser, _) = await LoggedInAsync();

        FormClient.IsRedirectTo(await browser.GetAsync(page), "/konto/bestaetigen?returnUrl=" + Uri.EscapeDataString(page)).ShouldBeTrue();
        await browser.GetAsync("/konto"); // a form token of this signed-in session, so only the missing re-authentication stops the post
        FormClient.IsRedirectTo(await browser.PostAsync(page, new() { ["password"] = NewPassword, ["confirmation"] = NewPassword, ["email"] = "x@y.example", ["mobilePhone"] = "" }), "/konto/bestaetigen")
            .ShouldBeTrue();
    }

    [Fact]
    [Trait("Promise", "B11")]
    public async Task A_wrong_code_at_re_authentication_is_refused_in_German_and_audited()
    {
        var (browser, account) = await LoggedInAsync();
        await browser.GetAsync("/konto/bestaetigen?returnUrl=%2Fkonto%2Fpasswort");

        var response = await browser.PostAsync("/konto/bestaetigen", new() { ["password"] = account.Password, ["code"] = "123456", ["returnUrl"] = "/konto/passwort" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        AccountJourney.Alert(browser).ShouldBe("Passwort oder Code stimmt nicht. Bitte versuchen Sie es erneut.");
        FormClient.IsRedirectTo(await browser.GetAsync("/konto/passwort"), "/konto/bestaetigen").ShouldBeTrue();
        (await AuditActionsOf(account.Id)).ShouldContain(AuditActions.ReauthenticationFailed);
    }

    [Fact]
    [Trait("Promise", "B8")]
    [Trait("Promise", "B11")]
    [Trait("Promise", "X5")]
    public async Task Changing_the_password_keeps_this_session_ends_the_others_and_is_audited()
    {
        var (browser, account) = await LoggedInAsync();
        var otherDevice = NewBrowser();
        Clock.Advance(TimeSpan.FromSeconds(30));
        await AccountJourney.LogInAsync(otherDevice, account, Clock);

        FormClient.IsRedirectTo(await AccountJourney.ReauthenticateAsync(browser, account.Password, account.Secret, Clock, "/konto/passwort"), "/konto/passwort").ShouldBeTrue();
        await browser.GetAsync("/konto/passwort");
        await browser.PostAsync("/konto/passwort", new() { ["password"] = "passwort12345", ["confirmation"] = "passwort12345" });
        browser.LastPage!.QuerySelector("#password-fehler").ShouldNotBeNull();
        await browser.PostAsync("/konto/passwort", new() { ["password"] = NewPassword, ["confirmation"] = NewPassword });

        AccountJourney.Status(browser).ShouldContain("neues Passwort ist gespeichert");
        (await browser.GetAsync("/konto")).StatusCode.ShouldBe(HttpStatusCode.OK);
        FormClient.IsRedirectTo(await otherDevice.GetAsync("/konto"), "/anmelden").ShouldBeTrue();
        Clock.Advance(TimeSpan.FromSeconds(30));
        FormClient.IsRedirectTo(await AccountJourney.LogInAsync(NewBrowser(), account with { Password = NewPassword }, Clock), "/konto").ShouldBeTrue();
        (await AuditActionsOf(account.Id)).ShouldContain(AuditActions.PasswordChanged);
        PickupMailbox.For(App.Factory.Database.DataDirectory, account.Email).ShouldContain(m => m.Subject == "Ihr Passwort wurde geändert");
        await VerifyChainAsync();
    }

    [Fact]
    [Trait("Promise", "A12")]
    public async Task The_re_authentication_belongs_to_its_session_only()
    {
        var (browser, account) = await LoggedInAsync();
        await AccountJourney.ReauthenticateAsync(browser, account.Password, account.Secret, Clock, "/konto/telefon");
        var proof = browser.Cookies[Reauthentication.CookieName];
        var setCookie = browser.LastSetCookies.Single(c => c.StartsWith(Reauthentication.CookieName + "=", StringComparison.Ordinal));
        setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).Order().ShouldBe(["httponly", "path=/", "samesite=strict", "secure"]);

        var other = NewBrowser();
        Clock.Advance(TimeSpan.FromSeconds(30));
        await AccountJourney.LogInAsync(other, account, Clock);
        other.Set(Reauthentication.CookieName, proof);

        FormClient.IsRedirectTo(await other.GetAsync("/konto/telefon"), "/konto/bestaetigen").ShouldBeTrue();
        (await browser.GetAsync("/konto/telefon")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    [Trait("Promise", "B6")]
    [Trait("Promise", "B11")]
    public async Task A_new_authenticator_replaces_the_old_one_only_with_a_right_first_code()
    {
        var (browser, account) = await LoggedInAsync();
        await AccountJourney.ReauthenticateAsync(browser, account.Password, account.Secret, Clock, "/konto/zweiter-faktor");
        await browser.GetAsync("/konto/zweiter-faktor");
        Base32.TryDecode(browser.LastPage!.QuerySelector("[data-testid=manual-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal), out var newSecret).ShouldBeTrue();
        browser.LastPage.QuerySelector("img.qr")!.GetAttribute("src")!.ShouldStartWith("data:image/png;base64,");

        await browser.PostAsync("/konto/zweiter-faktor", new() { ["state"] = State(browser), ["code"] = Totp.Code(account.Secret, Clock.GetUtcNow().AddSeconds(60)) });
        AccountJourney.Alert(browser).ShouldContain("Der Code stimmt nicht");
        await browser.PostAsync("/konto/zweiter-faktor", new() { ["state"] = State(browser), ["code"] = Totp.Code(newSecret, Clock.GetUtcNow()) });

        browser.LastPage!.QuerySelectorAll("[data-testid=recovery-codes] li").Length.ShouldBe(10);
        (await AuditActionsOf(account.Id)).ShouldContain(AuditActions.SecondFactorChanged);
        PickupMailbox.For(App.Factory.Database.DataDirectory, account.Email).ShouldContain(m => m.Subject == "Ihr zweiter Faktor wurde geändert");

        Clock.Advance(TimeSpan.FromSeconds(30));
        var withOld = NewBrowser();
        await AccountJourney.LogInAsync(withOld, account, Clock);
        AccountJourney.Alert(withOld).ShouldContain("Der Code stimmt nicht");
        FormClient.IsRedirectTo(await AccountJourney.LogInAsync(NewBrowser(), account with { Secret = newSecret }, Clock), "/konto").ShouldBeTrue();
    }

    [Fact]
    [Trait("Promise", "B7")]
    public async Task A_new_address_counts_only_after_its_owner_opens_the_link()
    {
        var (browser, account) = await LoggedInAsync();
        var newEmail = $"neu-{Guid.NewGuid():N}"[..14] + "@konto.glasklar.example";
        await AccountJourney.ReauthenticateAsync(browser, account.Password, account.Secret, Clock, "/konto/e-mail");
        await browser.GetAsync("/konto/e-mail");
        await browser.PostAsync("/konto/e-mail", new() { ["email"] = "kein at zeichen" });
        AccountJourney.Alert(browser).ShouldBe(AccountInput.EmailInvalid);
        await browser.PostAsync("/konto/e-mail", new() { ["email"] = newEmail });
        AccountJourney.Status(browser).ShouldContain("Bestätigungslink an die neue Adresse");
        (await UserAsync(account.Id)).Email.ShouldBe(account.Email);

        var mail = PickupMailbox.For(App.Factory.Database.DataDirectory, newEmail).ShouldHaveSingleItem();
        mail.Body.ShouldNotContain(account.GivenName);
        var visitor = NewBrowser();
        await visitor.GetAsync(mail.LinkPathAndQuery);
        await visitor.PostAsync("/anmelden/bestaetigen", new() { ["token"] = mail.LinkPathAndQuery.Split("token=")[1] });

        AccountJourney.Status(visitor).ShouldContain("neue E-Mail-Adresse ist bestätigt");
        (await UserAsync(account.Id)).Email.ShouldBe(newEmail);
        PickupMailbox.For(App.Factory.Database.DataDirectory, account.Email).ShouldContain(m => m.Subject == "Ihre E-Mail-Adresse wurde geändert");
        (await AuditActionsOf(account.Id)).ShouldContain(AuditActions.EmailChanged);
    }

    [Fact]
    public async Task The_mobile_number_is_stored_in_E164_and_bad_numbers_are_refused_in_German()
    {
        var (browser, account) = await LoggedInAsync();
        await AccountJourney.ReauthenticateAsync(browser, account.Password, account.Secret, Clock, "/konto/telefon");
        await browser.GetAsync("/konto/telefon");

        await browser.PostAsync("/konto/telefon", new() { ["mobilePhone"] = "0170-12ab" });
        AccountJourney.Alert(browser).ShouldBe(AccountInput.MobileInvalid);
        (await UserAsync(account.Id)).MobilePhone.ShouldBeNull();
        await browser.PostAsync("/konto/telefon", new() { ["mobilePhone"] = "0170 / 123 45 67" });

        AccountJourney.Status(browser).ShouldContain("gespeichert");
        (await UserAsync(account.Id)).MobilePhone.ShouldBe("+491701234567");
        (await AuditActionsOf(account.Id)).ShouldContain(AuditActions.PhoneChanged);
    }

    private static string State(FormClient browser) => browser.LastPage!.QuerySelector("input[name=state]")!.GetAttribute("value")!;

    private async Task<(FormClient Browser, TestAccount Account)> LoggedInAsync()
    {
        var account = await TestAccounts.CreateAsync(App.Factory.Services);
        var browser = NewBrowser();
        FormClient.IsRedirectTo(await AccountJourney.LogInAsync(browser, account, Clock), "/konto").ShouldBeTrue();
        return (browser, account);
    }

    private async Task<User> UserAsync(Guid id)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == id, Ct);
    }

    private async Task<List<string>> AuditActionsOf(Guid userId)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AuditLog.Where(a => a.UserId == userId).Select(a => a.Action).ToListAsync(Ct);
    }

    private async Task VerifyChainAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<AuditLog>().VerifyAsync(Ct)).Intact.ShouldBeTrue();
    }

    private ManualClock Clock => App.Clock!;

    private FormClient NewBrowser() => new(App.CreateClient());
}

public sealed class AccountSettingsTestsSqlite(SqliteClockedApp app) : AccountSettingsTests<SqliteClockedApp>(app);

public sealed class AccountSettingsTestsPostgres(PostgresClockedApp app) : AccountSettingsTests<PostgresClockedApp>(app);
