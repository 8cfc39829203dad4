using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Persistence;
using Glasklar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.Identity;

/// <summary>
/// E-mail verification as a later registration feature will use it (IEmailVerification): an account
/// pending verification cannot log in until its single-use link was opened.
/// </summary>
public abstract class EmailVerificationTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    private const string Password = "Kirschblüten im April am Fluss";

    [Fact]
    [Trait("Promise", "B6")]
    [Trait("Promise", "B7")]
    public async Task A_pending_account_logs_in_only_after_opening_its_link_once()
    {
        var email = $"neu-{Guid.NewGuid():N}"[..16] + "@kunde.glasklar.example";
        var created = await CreatePendingAsync(new NewAccount(email, "Wiebke", "Wartemann", Password, Roles.Customer, MobilePhone: "0170 1234567"));
        created.Succeeded.ShouldBeTrue();

        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<IEmailVerification>().IsVerifiedAsync(created.UserId!.Value, Ct)).ShouldBeFalse();
            (await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Users.SingleAsync(u => u.Id == created.UserId, Ct)).MobilePhone.ShouldBe("+491701234567");
        }

        var browser = NewBrowser();
        await AccountJourney.LogInAsync(browser, email, Password, () => "000000");
        AccountJourney.Alert(browser).ShouldBe(PasswordCheck.UnverifiedFailure);
        browser.Cookies.ContainsKey(PendingLoginCookie.CookieName).ShouldBeFalse();

        var mail = PickupMailbox.For(App.Factory.Database.DataDirectory, email).ShouldHaveSingleItem();
        mail.Subject.ShouldBe("Bitte bestätigen Sie Ihre E-Mail-Adresse");
        mail.Body.ShouldNotContain("Wiebke");
        mail.Body.ShouldNotContain("Wartemann");
        await browser.GetAsync(mail.LinkPathAndQuery);
        var token = browser.LastPage!.QuerySelector("input[name=token]")!.GetAttribute("value")!;

        // Opening the link alone changes nothing (mail scanners follow links); the button confirms.
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<IEmailVerification>().IsVerifiedAsync(created.UserId!.Value, Ct)).ShouldBeFalse();
        }

        await browser.PostAsync("/anmelden/bestaetigen", new() { ["token"] = token });
        AccountJourney.Status(browser).ShouldContain("ist bestätigt");
        await browser.GetAsync(mail.LinkPathAndQuery);
        await browser.PostAsync("/anmelden/bestaetigen", new() { ["token"] = token });
        AccountJourney.Alert(browser).ShouldContain("schon verwendet");

        // Verified: the password step now leads on to setting up the authenticator (first login).
        await browser.GetAsync("/anmelden");
        var afterPassword = await browser.PostAsync("/anmelden", new() { ["email"] = email, ["password"] = Password });
        FormClient.IsRedirectTo(afterPassword, "/anmelden/einrichten").ShouldBeTrue();

        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<IEmailVerification>().IsVerifiedAsync(created.UserId!.Value, Ct)).ShouldBeTrue();
            (await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AuditLog.AnyAsync(a => a.UserId == created.UserId && a.Action == AuditActions.EmailVerified, Ct)).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task Bad_registration_input_names_each_field_in_German_and_stores_nothing()
    {
        var email = $"bad-{Guid.NewGuid():N}"[..16] + "@kunde.glasklar.example";
        var result = await CreatePendingAsync(new NewAccount("keine-adresse", "", "Muster", "zu kurz", Roles.Customer, MobilePhone: "12ab"));

        result.Succeeded.ShouldBeFalse();
        result.Errors.Select(e => e.Field).Distinct().Order().ShouldBe(["email", "givenName", "mobilePhone", "password"]);
        result.Errors.Single(e => e.Field == "email").Message.ShouldBe(AccountInput.EmailInvalid);
        (await CreatePendingAsync(new NewAccount(email, "Anna", "Muster", Password, Roles.Agent))).Errors.Single().Field.ShouldBe("role");
        await using var scope = App.Factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Users.AnyAsync(u => u.Email == email || u.Email == "keine-adresse", Ct)).ShouldBeFalse();
        PickupMailbox.For(App.Factory.Database.DataDirectory, email).ShouldBeEmpty();
    }

    [Fact]
    public async Task Registering_an_existing_address_creates_nothing_and_says_so_only_to_the_caller()
    {
        var existing = DemoAccounts.EmailFor(Roles.Customer);
        var result = await CreatePendingAsync(new NewAccount(existing, "Zweite", "Person", Password, Roles.Customer));

        result.Succeeded.ShouldBeFalse();
        result.AlreadyRegistered.ShouldBeTrue();
        result.Errors.ShouldBeEmpty();
        PickupMailbox.For(App.Factory.Database.DataDirectory, existing).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_new_link_can_be_requested_with_the_same_answer_for_any_address()
    {
        var email = $"spaet-{Guid.NewGuid():N}"[..16] + "@kunde.glasklar.example";
        await CreatePendingAsync(new NewAccount(email, "Lena", "Langsam", Password, Roles.Customer));
        Clock.Advance(TimeSpan.FromMinutes(2));
        var browser = NewBrowser();

        await browser.GetAsync("/anmelden/bestaetigung-anfordern");
        await browser.PostAsync("/anmelden/bestaetigung-anfordern", new() { ["email"] = email });
        var forPending = AccountJourney.Status(browser);
        await browser.GetAsync("/anmelden/bestaetigung-anfordern");
        await browser.PostAsync("/anmelden/bestaetigung-anfordern", new() { ["email"] = DemoAccounts.EmailFor(Roles.Agent) });

        AccountJourney.Status(browser).ShouldBe(forPending);
        var mails = PickupMailbox.For(App.Factory.Database.DataDirectory, email);
        mails.Count.ShouldBe(2);
        PickupMailbox.For(App.Factory.Database.DataDirectory, DemoAccounts.EmailFor(Roles.Agent)).ShouldBeEmpty();

        // The newer link voids the older one.
        await browser.GetAsync(mails[0].LinkPathAndQuery);
        await browser.PostAsync("/anmelden/bestaetigen", new() { ["token"] = mails[0].LinkPathAndQuery.Split("token=")[1] });
        AccountJourney.Alert(browser).ShouldContain("ungültig");
        await browser.GetAsync(mails[1].LinkPathAndQuery);
        await browser.PostAsync("/anmelden/bestaetigen", new() { ["token"] = mails[1].LinkPathAndQuery.Split("token=")[1] });
        AccountJourney.Status(browser).ShouldContain("ist bestätigt");
    }

    private async Task<PendingAccountResult> CreatePendingAsync(NewAccount account)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IEmailVerification>().CreatePendingAccountAsync(account, Ct);
    }

    private ManualClock Clock => App.Clock!;

    private FormClient NewBrowser() => new(App.CreateClient());
}

public sealed class EmailVerificationTestsSqlite(SqliteClockedApp app) : EmailVerificationTests<SqliteClockedApp>(app);

public sealed class EmailVerificationTestsPostgres(PostgresClockedApp app) : EmailVerificationTests<PostgresClockedApp>(app);
