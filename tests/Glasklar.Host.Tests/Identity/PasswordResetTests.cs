using System.Net;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Sessions;
using Glasklar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.Identity;

/// <summary>Password reset by an e-mailed single-use link (30 minutes), through the real pages and the real pickup directory.</summary>
public abstract class PasswordResetTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    private const string NewPassword = "mein neuer Wintermantel ist blau";

    [Fact]
    [Trait("Promise", "B5")]
    [Trait("Promise", "B7")]
    [Trait("Promise", "B11")]
    [Trait("Promise", "X9")]
    public async Task A_reset_link_sets_a_new_password_once_and_ends_every_session()
    {
        var account = await TestAccounts.CreateAsync(App.Factory.Services);
        var loggedIn = NewBrowser();
        FormClient.IsRedirectTo(await AccountJourney.LogInAsync(loggedIn, account, Clock), "/konto").ShouldBeTrue();

        var browser = NewBrowser();
        await RequestResetAsync(browser, account.Email);
        AccountJourney.Status(browser).ShouldBe(PasswordResetService.GenericAnswer);

        var mail = Mails(account.Email).ShouldHaveSingleItem();
        mail.Subject.ShouldBe("Passwort zurücksetzen");
        mail.Body.ShouldStartWith("Guten Tag,\n");
        mail.Body.ShouldNotContain(account.GivenName);
        mail.Body.ShouldNotContain(account.FamilyName);
        mail.Body.ShouldNotContain(account.Email);
        mail.LinkPathAndQuery.ShouldStartWith("/anmelden/passwort-neu?token=");

        await browser.GetAsync(mail.LinkPathAndQuery);
        browser.LastPage!.QuerySelector("input[name=token]").ShouldNotBeNull();
        var token = browser.LastPage.QuerySelector("input[name=token]")!.GetAttribute("value")!;
        var done = await browser.PostAsync("/anmelden/passwort-neu", new() { ["token"] = token, ["password"] = NewPassword, ["confirmation"] = NewPassword });
        FormClient.IsRedirectTo(done, "/anmelden?hinweis=passwort-neu").ShouldBeTrue();

        // The link is spent; the old session is dead; the new password (and still the second factor) opens the account.
        await browser.GetAsync(mail.LinkPathAndQuery);
        AccountJourney.Alert(browser).ShouldContain("ungültig, abgelaufen oder wurde schon verwendet");
        (await browser.PostAsync("/anmelden/passwort-neu", new() { ["token"] = token, ["password"] = "noch ein ganz anderes Passwort", ["confirmation"] = "noch ein ganz anderes Passwort" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        AccountJourney.Alert(browser).ShouldContain("ungültig");
        FormClient.IsRedirectTo(await loggedIn.GetAsync("/konto"), "/anmelden").ShouldBeTrue();
        var old = NewBrowser();
        await AccountJourney.LogInAsync(old, account.Email, account.Password, () => "000000");
        AccountJourney.Alert(old).ShouldBe(PasswordCheck.GenericFailure);
        Clock.Advance(TimeSpan.FromSeconds(30));
        FormClient.IsRedirectTo(await AccountJourney.LogInAsync(NewBrowser(), account with { Password = NewPassword }, Clock), "/konto").ShouldBeTrue();

        Mails(account.Email).ShouldContain(m => m.Subject == "Ihr Passwort wurde geändert");
        (await AuditActionsOf(account.Id)).ShouldContain(AuditActions.PasswordReset);
        var log = string.Join('\n', App.Factory.LogLines);
        log.ShouldNotContain(account.Email);
        log.ShouldNotContain(token);
    }

    [Fact]
    public async Task Unknown_and_existing_addresses_get_the_same_answer_and_only_the_account_gets_mail()
    {
        var account = await TestAccounts.CreateAsync(App.Factory.Services);
        var unknown = $"niemand-{Guid.NewGuid():N}@konto.glasklar.example";
        var browser = NewBrowser();

        var forExisting = await RequestResetAsync(browser, account.Email);
        var existingAnswer = AccountJourney.Status(browser);
        var forUnknown = await RequestResetAsync(browser, unknown);

        AccountJourney.Status(browser).ShouldBe(existingAnswer);
        forUnknown.StatusCode.ShouldBe(forExisting.StatusCode);
        Mails(account.Email).Count.ShouldBe(1);
        Mails(unknown).ShouldBeEmpty();

        // Asking again at once sends no second mail (no flooding), and the answer stays the same.
        await RequestResetAsync(browser, account.Email);
        AccountJourney.Status(browser).ShouldBe(existingAnswer);
        Mails(account.Email).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_reset_link_expires_after_30_minutes()
    {
        var account = await TestAccounts.CreateAsync(App.Factory.Services);
        var browser = NewBrowser();
        await RequestResetAsync(browser, account.Email);
        var link = Mails(account.Email).Single().LinkPathAndQuery;

        Clock.Advance(TimeSpan.FromMinutes(29));
        await browser.GetAsync(link);
        browser.LastPage!.QuerySelector("input[name=token]").ShouldNotBeNull();
        Clock.Advance(TimeSpan.FromMinutes(2));
        await browser.GetAsync(link);

        browser.LastPage!.QuerySelector("input[name=token]").ShouldBeNull();
        AccountJourney.Alert(browser).ShouldContain("abgelaufen");
    }

    [Fact]
    public async Task A_weak_or_mistyped_password_is_refused_in_German_and_the_link_stays_usable()
    {
        var account = await TestAccounts.CreateAsync(App.Factory.Services);
        var browser = NewBrowser();
        await RequestResetAsync(browser, account.Email);
        var link = Mails(account.Email).Single().LinkPathAndQuery;
        await browser.GetAsync(link);
        var token = browser.LastPage!.QuerySelector("input[name=token]")!.GetAttribute("value")!;

        await browser.PostAsync("/anmelden/passwort-neu", new() { ["token"] = token, ["password"] = "kurz", ["confirmation"] = "kurz" });
        browser.LastPage!.QuerySelector("#password-fehler")!.TextContent.ShouldContain("mindestens 12 Zeichen");
        await browser.PostAsync("/anmelden/passwort-neu", new() { ["token"] = token, ["password"] = "Testerfeld-Testerfeld-1", ["confirmation"] = "Testerfeld-Testerfeld-1" });
        browser.LastPage!.QuerySelector("#password-fehler").ShouldNotBeNull();
        await browser.PostAsync("/anmelden/passwort-neu", new() { ["token"] = token, ["password"] = NewPassword, ["confirmation"] = NewPassword + "x" });
        browser.LastPage!.QuerySelector("#confirmation-fehler")!.TextContent.ShouldContain("stimmen nicht überein");

        // Nothing was stored: the old password still works, and the link can still be used.
        FormClient.IsRedirectTo(await AccountJourney.LogInAsync(NewBrowser(), account, Clock), "/konto").ShouldBeTrue();
        FormClient.IsRedirectTo(await browser.PostAsync("/anmelden/passwort-neu", new() { ["token"] = token, ["password"] = NewPassword, ["confirmation"] = NewPassword }), "/anmelden").ShouldBeTrue();
    }

    [Fact]
    public async Task The_token_is_stored_only_as_a_hash()
    {
        var account = await TestAccounts.CreateAsync(App.Factory.Services);
        await RequestResetAsync(NewBrowser(), account.Email);
        var token = Mails(account.Email).Single().LinkPathAndQuery.Split("token=")[1];

        await using var scope = App.Factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AccountTokens.SingleAsync(t => t.UserId == account.Id, Ct);
        stored.Id.ShouldNotBe(token);
        stored.Id.ShouldBe(SessionService.Hash(token));
        stored.ExpiresUtc.ShouldBe(stored.CreatedUtc.AddMinutes(30));
    }

    private async Task<HttpResponseMessage> RequestResetAsync(FormClient browser, string email)
    {
        await browser.GetAsync("/anmelden/passwort-vergessen");
        return await browser.PostAsync("/anmelden/passwort-vergessen", new() { ["email"] = email });
    }

    private IReadOnlyList<PickedUpMail> Mails(string to) => PickupMailbox.For(App.Factory.Database.DataDirectory, to);

    private async Task<List<string>> AuditActionsOf(Guid userId)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AuditLog.Where(a => a.UserId == userId).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync(Ct);
    }

    private ManualClock Clock => App.Clock!;

    private FormClient NewBrowser() => new(App.CreateClient());
}

public sealed class PasswordResetTestsSqlite(SqliteClockedApp app) : PasswordResetTests<SqliteClockedApp>(app);

public sealed class PasswordResetTestsPostgres(PostgresClockedApp app) : PasswordResetTests<PostgresClockedApp>(app);
