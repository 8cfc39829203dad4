using System.Net;
using Glasklar.Host.Tests.Infrastructure;
using static Glasklar.Host.Tests.Referrals.ReferralTestSupport;

namespace Glasklar.Host.Tests.Referrals;

/// <summary>The forms as a browser without JavaScript sees them: markup, server-side refusal, no-store.</summary>
public abstract class ReferralPageTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    private async Task<FormClient> AgentAsync()
    {
        var form = new FormClient(App.CreateClient());
        var cookie = (await SessionAsync(App, AgentNorth)).Cookie!.Split('=', 2);
        form.Set(cookie[0], cookie[1]);
        return form;
    }

    [Theory]
    [Trait("Promise", "A2")]
    [Trait("Promise", "A3")]
    [Trait("Promise", "A7")]
    [Trait("Promise", "A15")]
    [InlineData("/vermittlung/komplett", 18)]
    [InlineData("/vermittlung/schnell", 4)]
    public async Task Exactly_the_four_mandatory_fields_carry_an_asterisk_and_drop_downs_start_at_keine_Angabe(string path, int optionalFields)
    {
        var form = await AgentAsync();
        using var response = await form.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var page = form.LastPage!;
        var marked = page.QuerySelectorAll("main form label").Where(l => l.QuerySelector(".required-mark") is not null)
            .Select(l => l.GetAttribute("for")).ToList();
        marked.ShouldBe(["f-surname", "f-phone", "f-licencePlate", "f-policyNumber"]);
        page.QuerySelectorAll("main form [required]").ShouldBeEmpty();
        page.QuerySelectorAll("[data-kind=optional]").Length.ShouldBe(optionalFields);
        foreach (var select in page.QuerySelectorAll("main form select"))
        {
            select.QuerySelector("option")!.TextContent.ShouldBe("keine Angabe");
            select.QuerySelectorAll("option[selected]").Select(o => o.GetAttribute("value")).ShouldBe(["keine-angabe"]);
        }

        page.QuerySelector("[data-testid=service-number]")!.TextContent.ShouldStartWith("SN-");
        page.QuerySelector("input[name=serviceNumber]").ShouldBeNull(); // never typed
        page.QuerySelector("[data-testid=dpo]")!.TextContent.ShouldContain(GlasklarFactory.DpoName);
        page.QuerySelector("[data-testid=dpo]")!.TextContent.ShouldContain(GlasklarFactory.DpoEmail);
        page.QuerySelector("script[src='/vermittlung/assets/vermittlung.js']").ShouldNotBeNull();
    }

    [Theory]
    [InlineData("/vermittlung/komplett", "Complete referral")]
    [InlineData("/vermittlung/schnell", "Quick referral")]
    public async Task The_forms_are_English_once_the_user_chose_English_and_German_otherwise(string path, string englishTitle)
    {
        var form = await AgentAsync();
        await form.GetAsync(path);
        var german = form.LastPage!;
        german.QuerySelector("label[for=f-surname]")!.TextContent.ShouldStartWith("Nachname");
        german.QuerySelector("main form select option")!.TextContent.ShouldBe("keine Angabe");

        form.Set("glasklar-lang", "c=en|uic=en");
        await form.GetAsync(path);
        var english = form.LastPage!;
        english.DocumentElement.GetAttribute("lang").ShouldBe("en");
        english.QuerySelector("main h1")!.TextContent.ShouldBe(englishTitle);
        english.QuerySelector("label[for=f-surname]")!.TextContent.ShouldStartWith("Surname");
        english.QuerySelector("label[for=f-licencePlate]")!.TextContent.ShouldStartWith("Licence plate");
        english.QuerySelector("label[for=f-damageType]")!.TextContent.ShouldStartWith("Type of damage");
        english.QuerySelector("main form select option")!.TextContent.ShouldBe("not specified");
        english.QuerySelector("select#f-damageType option[value=steinschlag]")!.TextContent.ShouldBe("Stone chip");
        english.QuerySelector("[data-testid=dpo] h2")!.TextContent.ShouldBe("Data protection");
        english.QuerySelector("main")!.TextContent.ShouldNotContain("Pflichtangaben");
    }

    [Fact]
    [Trait("Promise", "A6")]
    public async Task Without_javascript_optional_values_without_consent_are_refused_by_the_server_and_nothing_is_stored()
    {
        var form = await AgentAsync();
        await form.GetAsync("/vermittlung/schnell");
        var before = await CountReferralsAsync(App);

        using var response = await form.PostAsync("/vermittlung/schnell", new Dictionary<string, string>
        {
            ["surname"] = "Musterfrau",
            ["phone"] = "030 1234567",
            ["licencePlate"] = "B-AB 123",
            ["policyNumber"] = "VS1",
            ["policyholderAgrees"] = "true",
            ["damageType"] = "riss",
            ["remarks"] = "Hinterhof",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        form.LastPage!.QuerySelector("[data-testid=error-consentToOptionalData]").ShouldNotBeNull();
        form.LastPage.QuerySelector("[data-testid=error-remarks]")!.TextContent.ShouldContain("Einwilligung");
        form.LastPage.QuerySelector("#f-surname")!.GetAttribute("value").ShouldBe("Musterfrau"); // the agent's input is kept
        (await CountReferralsAsync(App)).ShouldBe(before);
    }

    [Fact]
    [Trait("Promise", "A1")]
    [Trait("Promise", "A8")]
    public async Task The_full_form_stores_a_referral_and_refuses_special_category_Zusatzinfo_with_a_suggestion()
    {
        var form = await AgentAsync();
        await form.GetAsync("/vermittlung/komplett");
        var fields = new Dictionary<string, string>
        {
            ["surname"] = "Seitenmann",
            ["phone"] = "+49 171 1234567",
            ["licencePlate"] = "HH-SM 12",
            ["policyNumber"] = "VS 77",
            ["policyholderAgrees"] = "true",
            ["consentToOptionalData"] = "true",
            ["salutation"] = "keine-angabe",
            ["additionalInfo"] = "Kundin ist gehbehindert",
        };

        using var refused = await form.PostAsync("/vermittlung/komplett", fields);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        form.LastPage!.QuerySelector("[data-testid=error-additionalInfo]")!.TextContent.ShouldContain("etwas mehr Zeit");

        fields["additionalInfo"] = "Kundin benötigt etwas mehr Zeit, um die Tür zu öffnen.";
        using var stored = await form.PostAsync("/vermittlung/komplett", fields);
        FormClient.IsRedirectTo(stored, "/vermittlung/").ShouldBeTrue();
        using var detail = await form.GetAsync(stored.Headers.Location!.OriginalString);
        detail.StatusCode.ShouldBe(HttpStatusCode.OK);
        form.LastPage!.QuerySelector("[data-testid=status]")!.TextContent.ShouldBe("eingegangen");
        form.LastPage.QuerySelector("[data-testid=facts]")!.TextContent.ShouldContain("+491711234567");
    }

    [Fact]
    public async Task Other_roles_get_no_form_and_the_inbox_belongs_to_the_repair_network()
    {
        using var client = App.CreateClient();
        var insurer = await TestLogins.SessionCookieAsync(App.Factory, "versicherer@demo.glasklar.example");
        (await client.SendAsync(TestLogins.Get("/vermittlung/komplett", insurer), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.SendAsync(TestLogins.Get("/vermittlung/eingang", (await SessionAsync(App, AgentNorth)).Cookie), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var inbox = await client.SendAsync(TestLogins.Get("/vermittlung/eingang", (await SessionAsync(App, Clerk)).Cookie), Ct);
        inbox.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await inbox.Content.ReadAsStringAsync(Ct)).ShouldContain("Musterfrau"); // demo referrals of both agencies
    }
}

public sealed class ReferralPageTestsSqlite(SqliteApp app) : ReferralPageTests<SqliteApp>(app);

public sealed class ReferralPageTestsPostgres(PostgresApp app) : ReferralPageTests<PostgresApp>(app);
