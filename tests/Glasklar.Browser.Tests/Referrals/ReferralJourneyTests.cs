using System.Text.RegularExpressions;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Identity.TwoFactor;
using Microsoft.Playwright;

namespace Glasklar.Browser.Tests.Referrals;

/// <summary>
/// An agent refers a glass damage in Chromium: optional fields stay disabled until the consent is ticked (A6),
/// the text guard hint appears while typing (A8), and the referral is stored. One agent per test, so two
/// logins never reuse one TOTP step.
/// </summary>
public sealed partial class ReferralJourneyTests(BrowserApp app)
{
    [Fact]
    [Trait("Promise", "A1")]
    [Trait("Promise", "A6")]
    [Trait("Promise", "A8")]
    [Trait("Promise", "A15")]
    [Trait("Promise", "A12")]
    public async Task Komplettvermittlung_gates_optional_fields_by_consent_and_warns_while_typing()
    {
        await using var context = await app.NewContextAsync();
        var page = await LoginAsync(context, "agent-nord");
        await page.GotoAsync("/vermittlung/komplett");

        (await page.Locator("[data-testid=dpo]").InnerTextAsync()).ShouldContain(BrowserApp.DpoName);
        (await page.GetByLabel("Vorname").IsDisabledAsync()).ShouldBeTrue();
        (await page.GetByLabel("Zusatzinfo").IsDisabledAsync()).ShouldBeTrue();
        (await page.GetByLabel("Schadenart").InputValueAsync()).ShouldBe("keine-angabe");

        await page.GetByLabel("Der Versicherte ist damit einverstanden", new() { Exact = false }).CheckAsync();
        (await page.GetByLabel("Vorname").IsEnabledAsync()).ShouldBeTrue();

        var info = page.GetByLabel("Zusatzinfo");
        await info.PressSequentiallyAsync("Kunde ist schwerhörig");
        var hint = page.Locator("[data-testid=textguard-additionalInfo]");
        await Assertions.Expect(hint).ToContainTextAsync("Art. 9 DSGVO", new() { Timeout = 30_000 });
        await Assertions.Expect(hint).ToContainTextAsync("Bitte laut und deutlich klingeln.");

        await info.FillAsync("");
        await info.PressSequentiallyAsync("Bitte laut und deutlich klingeln.");
        await Assertions.Expect(hint).ToBeEmptyAsync(new() { Timeout = 30_000 });
        await page.GetByLabel("Vorname").FillAsync("Erika");
        await page.GetByLabel("Schadenart").SelectOptionAsync("steinschlag");
        await FillMandatoryAsync(page, "Browserfrau");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vermittlung absenden" }).ClickAsync();

        await page.WaitForURLAsync(DetailUrl());
        (await page.Locator("[data-testid=status]").InnerTextAsync()).ShouldBe("eingegangen");
        var facts = await page.Locator("[data-testid=facts]").InnerTextAsync();
        facts.ShouldContain("Erika");
        facts.ShouldContain("Steinschlag");
        facts.ShouldContain("Bitte laut und deutlich klingeln.");
        (await context.CookiesAsync()).ShouldAllBe(c => c.Expires == -1); // session cookies only
    }

    [Fact]
    [Trait("Promise", "A1")]
    [Trait("Promise", "A2")]
    [Trait("Promise", "A6")]
    [Trait("Promise", "A8")]
    public async Task Schnellvermittlung_with_only_the_mandatory_fields_and_a_live_hint_in_Bemerkungen()
    {
        await using var context = await app.NewContextAsync();
        var page = await LoginAsync(context, "agent-sued");
        await page.GotoAsync("/vermittlung/schnell");

        var consent = page.GetByLabel("Der Versicherte ist damit einverstanden", new() { Exact = false });
        var remarks = page.GetByLabel("Bemerkungen");
        (await remarks.IsDisabledAsync()).ShouldBeTrue();
        await consent.CheckAsync();
        await remarks.PressSequentiallyAsync("Kundin sitzt im Rollstuhl");
        await Assertions.Expect(page.Locator("[data-testid=textguard-remarks]")).ToContainTextAsync("Art. 9 DSGVO", new() { Timeout = 30_000 });

        // Withdrawing the tick disables the optional fields again: their values are not sent.
        await consent.UncheckAsync();
        (await remarks.IsDisabledAsync()).ShouldBeTrue();
        await FillMandatoryAsync(page, "Schnellmann");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vermittlung absenden" }).ClickAsync();

        await page.WaitForURLAsync(DetailUrl());
        var facts = await page.Locator("[data-testid=facts]").InnerTextAsync();
        facts.ShouldContain("Schnellmann");
        facts.ShouldNotContain("Rollstuhl");
        await page.GotoAsync("/vermittlung");
        (await page.Locator("[data-testid=referrals]").InnerTextAsync()).ShouldContain("Schnellmann");
    }

    [Fact]
    public async Task Axe_finds_no_serious_or_critical_violation_on_the_referral_pages()
    {
        await using var context = await app.NewContextAsync(bypassCsp: true);
        var page = await LoginAsync(context, "agent-nord");
        var axe = await File.ReadAllTextAsync(Path.Combine(Glasklar.Testing.RepositoryPaths.Root, "tests", "Glasklar.Browser.Tests", "node_modules", "axe-core", "axe.min.js"));
        var findings = new List<string>();
        foreach (var path in new[] { "/vermittlung", "/vermittlung/komplett", "/vermittlung/schnell", "/vermittlung/00000000-0000-4000-8000-00000000a001" })
        {
            await page.GotoAsync(path);
            await page.AddScriptTagAsync(new() { Content = axe });
            var violations = await page.EvaluateAsync<System.Text.Json.JsonElement>(
                "async () => (await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }))" +
                ".violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))");
            findings.AddRange(violations.EnumerateArray().Select(v => $"{path}: {v.GetString()}"));
        }

        findings.ShouldBeEmpty();
    }

    private static async Task FillMandatoryAsync(IPage page, string surname)
    {
        await page.Locator("#f-surname").FillAsync(surname);
        await page.Locator("#f-phone").FillAsync("030 1234567");
        await page.Locator("#f-licencePlate").FillAsync("B-BR 42");
        await page.Locator("#f-policyNumber").FillAsync("VS-4711");
        await page.GetByLabel("Der Versicherungsnehmer ist mit einer Reparatur", new() { Exact = false }).CheckAsync();
    }

    private static async Task<IPage> LoginAsync(IBrowserContext context, string key)
    {
        var page = await BrowserLogin.LogInDemoAsync(context, DemoAccounts.All.Single(d => d.Key == key));
        await page.WaitForURLAsync(new Regex("/(konto|vermittlung)?$"));
        return page;
    }


    [GeneratedRegex("/vermittlung/[0-9a-f-]{36}")]
    private static partial Regex DetailUrl();
}
