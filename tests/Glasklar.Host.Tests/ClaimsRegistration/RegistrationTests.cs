using System.Net;
using Glasklar.Claims.Persistence;
using Glasklar.Claims.Registration;
using Glasklar.Host.Tests.Identity;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Glasklar.Privacy.DataSubjects;
using Glasklar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Glasklar.Host.Tests.ClaimsRegistration.RegistrationSupport;

namespace Glasklar.Host.Tests.ClaimsRegistration;

/// <summary>Customer self-registration over the real pages (B6): form, authenticator step, e-mail link, first login.</summary>
public abstract class RegistrationTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    private ManualClock Clock => App.Clock!;

    [Fact]
    [Trait("Promise", "B6")]
    [Trait("Promise", "B7")]
    public async Task A_new_customer_registers_sets_up_the_app_confirms_the_address_and_then_logs_in_with_a_code()
    {
        var email = NewEmail();
        var browser = new FormClient(App.CreateClient());
        await browser.GetAsync("/anmelden");
        browser.LastPage!.QuerySelector("main a[href='/registrieren']").ShouldNotBeNull(); // a new user finds the form from the login page
        var (posted, secret) = await RegisterAsync(browser, Form(email));
        FormClient.IsRedirectTo(posted, "/registrieren/app").ShouldBeTrue();
        browser.LastSetCookies.ShouldAllBe(c => !c.Contains("expires=", StringComparison.OrdinalIgnoreCase) || c.Contains("1970", StringComparison.Ordinal));
        browser.LastPage!.QuerySelector("img[data-testid=qr]")!.GetAttribute("src")!.ShouldStartWith("data:image/png;base64,");
        secret.ShouldNotBeNullOrEmpty();

        var user = (await FindUserAsync(App.Factory, email)).ShouldNotBeNull();
        user.IsEmailVerified.ShouldBeFalse();
        user.HasSecondFactor.ShouldBeFalse();
        user.OrganisationId.ShouldBeNull();
        user.Roles.Select(r => r.Role).ShouldBe([Roles.Customer]);
        user.MobilePhone.ShouldBe("+491701234567");
        user.GivenName.ShouldBe("Rieke");
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var answers = await scope.ServiceProvider.GetRequiredService<ClaimsDbContext>().SecurityAnswers
                .Where(a => a.UserId == user.Id).OrderBy(a => a.Position).ToListAsync(Ct);
            answers.Select(a => a.Question).ShouldBe([RegistrationOptions.DefaultQuestions[0], RegistrationOptions.DefaultQuestions[2]]);
            answers[0].AnswerHash.ShouldNotContain("Minka", Case.Insensitive);
            answers[0].Matches("minka DIE katze").ShouldBeTrue(); // case and spaces do not matter
            answers[0].Matches("Mieze").ShouldBeFalse();
            answers[1].Matches("frau   lehmann ").ShouldBeTrue();
        }

        // Not verified, no authenticator: no login.
        var early = new FormClient(App.CreateClient());
        await AccountJourney.LogInAsync(early, email, Password, () => "000000");
        AccountJourney.Alert(early).ShouldBe(PasswordCheck.UnverifiedFailure);

        var wrong = await browser.PostAsync("/registrieren/app", new() { ["code"] = "000000" == Code(secret!, Clock.GetUtcNow()) ? "111111" : "000000" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        AccountJourney.Alert(browser).ShouldContain("Der Code stimmt nicht");
        var done = await browser.PostAsync("/registrieren/app", new() { ["code"] = Code(secret!, Clock.GetUtcNow()) });
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        AccountJourney.Status(browser).ShouldContain("Authenticator-App ist eingerichtet");
        browser.LastPage!.QuerySelectorAll("[data-testid=recovery-codes] li").Length.ShouldBe(10);
        browser.Cookies.ContainsKey(RegistrationCookie.CookieName).ShouldBeFalse();
        (await FindUserAsync(App.Factory, email))!.HasSecondFactor.ShouldBeTrue();

        var mail = PickupMailbox.For(App.Factory.Database.DataDirectory, email).ShouldHaveSingleItem();
        mail.Subject.ShouldBe("Bitte bestätigen Sie Ihre E-Mail-Adresse");
        mail.Body.ShouldNotContain("Rieke");
        await browser.GetAsync(mail.LinkPathAndQuery);
        await browser.PostAsync("/anmelden/bestaetigen", new() { ["token"] = browser.LastPage!.QuerySelector("input[name=token]")!.GetAttribute("value")! });
        AccountJourney.Status(browser).ShouldContain("ist bestätigt");

        // The first login asks for the code of the app set up during registration (no second set-up).
        Clock.Advance(TimeSpan.FromSeconds(30));
        var login = new FormClient(App.CreateClient());
        var afterCode = await AccountJourney.LogInAsync(login, email, Password, () => Code(secret!, Clock.GetUtcNow()));
        FormClient.IsRedirectTo(afterCode, "/konto").ShouldBeTrue();
        (await login.GetAsync("/kunde/vertraege")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    [Trait("Promise", "B6")]
    public async Task Bad_input_names_every_field_in_german_and_stores_nothing()
    {
        var before = await CountAccountsAndAnswersAsync(App.Factory);
        var browser = new FormClient(App.CreateClient());
        var form = Form("keine-adresse");
        form["GivenName"] = " ";
        form["MobilePhone"] = "";
        form["Password"] = "kurz";
        form["PasswordRepeat"] = "anders";
        form["Question2"] = "0";
        form["Answer2"] = " ";
        var (posted, secret) = await RegisterAsync(browser, form);

        posted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        secret.ShouldBeNull();
        var errors = browser.LastPage!.QuerySelector("[data-testid=errors]")!;
        errors.TextContent.ShouldContain("Es wurde nichts gespeichert.");
        errors.QuerySelectorAll("li").Select(li => li.GetAttribute("data-field")).Distinct().Order()
            .ShouldBe(["answer2", "email", "givenName", "mobilePhone", "password", "passwordRepeat", "question2"]);
        errors.QuerySelector("li[data-field=question2]")!.TextContent.ShouldBe(RegistrationService.SameQuestion);
        errors.QuerySelector("li[data-field=mobilePhone]")!.TextContent.ShouldContain("Mobilnummer");
        browser.LastPage.QuerySelector("input[name=Password]")!.GetAttribute("value").ShouldBeNullOrEmpty();
        browser.Cookies.ContainsKey(RegistrationCookie.CookieName).ShouldBeFalse();

        var badMobile = Form(NewEmail());
        badMobile["MobilePhone"] = "12ab";
        (await RegisterAsync(new FormClient(App.CreateClient()), badMobile)).Posted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CountAccountsAndAnswersAsync(App.Factory)).ShouldBe(before);
    }

    [Fact]
    [Trait("Promise", "B6")]
    [Trait("Promise", "B7")]
    public async Task An_address_with_an_account_gets_the_same_answer_and_its_owner_a_neutral_mail()
    {
        var existing = DemoAccounts.EmailFor(Roles.Customer);
        var mailsBefore = PickupMailbox.For(App.Factory.Database.DataDirectory, existing).Count;
        var before = await CountAccountsAndAnswersAsync(App.Factory);

        var fresh = new FormClient(App.CreateClient());
        var (freshPosted, freshSecret) = await RegisterAsync(fresh, Form(NewEmail()));
        var freshStep = fresh.LastPage!.QuerySelector("main")!.TextContent.Replace(freshSecret!.Chunk(4).Select(c => new string(c)).Aggregate((a, b) => a + " " + b), "KEY", StringComparison.Ordinal);

        var taken = new FormClient(App.CreateClient());
        var (takenPosted, takenSecret) = await RegisterAsync(taken, Form(existing.ToUpperInvariant()));
        takenPosted.StatusCode.ShouldBe(freshPosted.StatusCode);
        takenPosted.Headers.Location.ShouldBe(freshPosted.Headers.Location);
        takenSecret.ShouldNotBeNullOrEmpty();
        var takenStep = taken.LastPage!.QuerySelector("main")!.TextContent.Replace(takenSecret!.Chunk(4).Select(c => new string(c)).Aggregate((a, b) => a + " " + b), "KEY", StringComparison.Ordinal);
        takenStep.ShouldBe(freshStep); // the same page, apart from the random key

        var done = await taken.PostAsync("/registrieren/app", new() { ["code"] = Code(takenSecret, Clock.GetUtcNow()) });
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        AccountJourney.Status(taken).ShouldContain("Authenticator-App ist eingerichtet");
        taken.LastPage!.QuerySelectorAll("[data-testid=recovery-codes] li").Length.ShouldBe(10);

        (await CountAccountsAndAnswersAsync(App.Factory)).ShouldBe(before + 3); // only the fresh account and its two answers
        var demo = (await FindUserAsync(App.Factory, existing))!;
        demo.GivenName.ShouldNotBe("Rieke");
        var mails = PickupMailbox.For(App.Factory.Database.DataDirectory, existing);
        mails.Count.ShouldBe(mailsBefore + 1);
        mails[^1].Subject.ShouldBe("Registrierung mit Ihrer E-Mail-Adresse");
        mails[^1].Body.ShouldNotContain("Rieke");
        mails[^1].Body.ShouldNotContain(existing);
        mails[^1].Body.ShouldContain("/anmelden/passwort-vergessen");
    }

    [Fact]
    [Trait("Promise", "B6")]
    [Trait("Promise", "B13")]
    public async Task Registrations_never_confirmed_are_deleted_after_seven_days_with_their_answers()
    {
        var unconfirmed = NewEmail();
        var confirmed = NewEmail();
        (await RegisterAsync(new FormClient(App.CreateClient()), Form(unconfirmed))).Secret.ShouldNotBeNull();
        (await RegisterAsync(new FormClient(App.CreateClient()), Form(confirmed))).Secret.ShouldNotBeNull();
        var unconfirmedId = (await FindUserAsync(App.Factory, unconfirmed))!.Id;
        var confirmedId = (await FindUserAsync(App.Factory, confirmed))!.Id;
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            (await db.Users.SingleAsync(u => u.Id == confirmedId, Ct)).MarkEmailVerified(Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(Ct);
        }

        var sixDays = await RunAsync(Clock.GetUtcNow().UtcDateTime.AddDays(6));
        sixDays.ShouldAllBe(o => o.Deleted == 0 || !o.Category.Contains("Registrierung", StringComparison.Ordinal));
        (await FindUserAsync(App.Factory, unconfirmed)).ShouldNotBeNull();

        var eightDays = await RunAsync(Clock.GetUtcNow().UtcDateTime.AddDays(8));
        eightDays.Single(o => o.Category == "Nie bestätigte Registrierungen").Deleted.ShouldBeGreaterThanOrEqualTo(1);
        eightDays.Single(o => o.Category == SecurityAnswerRetention.Category).Deleted.ShouldBeGreaterThanOrEqualTo(2);
        (await FindUserAsync(App.Factory, unconfirmed)).ShouldBeNull();
        (await FindUserAsync(App.Factory, confirmed)).ShouldNotBeNull();
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var claims = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
            (await claims.SecurityAnswers.CountAsync(a => a.UserId == unconfirmedId, Ct)).ShouldBe(0);
            (await claims.SecurityAnswers.CountAsync(a => a.UserId == confirmedId, Ct)).ShouldBe(2);
            var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            (await platform.AccountTokens.CountAsync(t => t.UserId == unconfirmedId, Ct)).ShouldBe(0);
        }
    }

    [Fact]
    [Trait("Promise", "B14")]
    [Trait("Promise", "B13")]
    public async Task The_access_report_shows_the_chosen_questions_never_the_answers_and_erasure_deletes_them()
    {
        var email = NewEmail();
        (await RegisterAsync(new FormClient(App.CreateClient()), Form(email))).Secret.ShouldNotBeNull();
        var subject = new DataSubject(UserId: (await FindUserAsync(App.Factory, email))!.Id);
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetServices<IPersonalDataSource>().Single(s => s.Module == RegistrationPersonalData.ModuleName);

        var data = await source.CollectAsync(subject, Ct).ToListAsync(Ct);
        data.Where(d => d.Field == "Sicherheitsfrage 1").ShouldHaveSingleItem().Value.ShouldBe(RegistrationOptions.DefaultQuestions[0]);
        data.ShouldAllBe(d => d.Value == null || !d.Value.Contains("Minka", StringComparison.OrdinalIgnoreCase));
        data.ShouldAllBe(d => d.Provenance.Form == "Registrierung" && d.Provenance.EnteredByUserId == subject.UserId);

        (await source.EraseAsync(subject, Ct)).Deleted.ShouldBe(2);
        (await source.CollectAsync(subject, Ct).ToListAsync(Ct)).ShouldBeEmpty();
    }

    private async Task<List<RetentionOutcome>> RunAsync(DateTime nowUtc)
    {
        var outcomes = new List<RetentionOutcome>();
        foreach (var category in new[] { "Nie bestätigte Registrierungen", SecurityAnswerRetention.Category })
        {
            await using var scope = App.Factory.Services.CreateAsyncScope();
            var rule = scope.ServiceProvider.GetServices<IRetentionRule>().Single(r => r.Policy.Category == category);
            outcomes.Add(await rule.ApplyAsync(new RetentionContext(nowUtc, scope.ServiceProvider.GetRequiredService<ILegalHolds>()), Ct));
        }

        return outcomes;
    }
}

public sealed class RegistrationTestsSqlite(SqliteClockedApp app) : RegistrationTests<SqliteClockedApp>(app);

public sealed class RegistrationTestsPostgres(PostgresClockedApp app) : RegistrationTests<PostgresClockedApp>(app);
