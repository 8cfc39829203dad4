using System.Text.Json;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Identity.TwoFactor;
using Glasklar.Testing;
using Microsoft.Playwright;

namespace Glasklar.Browser.Tests.Privacy;

/// <summary>
/// A customer in Chromium opens "Meine Daten", downloads the access report and files a request; the DPO
/// finds it in the work queue. Every page on the way is checked with axe-core.
/// </summary>
[Trait("Promise", "X7")]
[Trait("Promise", "B14")]
public sealed class MyDataJourneyTests(BrowserApp app)
{
    private static readonly string AxeSource = File.ReadAllText(
        Path.Combine(RepositoryPaths.Root, "tests", "Glasklar.Browser.Tests", "node_modules", "axe-core", "axe.min.js"));

    [Fact]
    public async Task A_customer_downloads_the_report_and_files_a_request_the_dpo_then_sees_in_the_queue()
    {
        await using var customerContext = await app.NewContextAsync(bypassCsp: true);
        var customer = await BrowserLogin.LogInDemoAsync(customerContext, Roles.Customer);
        await customer.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Meine Daten" }).ClickAsync();
        await customer.WaitForURLAsync("**/konto/daten");
        (await AxeAsync(customer)).ShouldBeEmpty();

        var download = await customer.RunAndWaitForDownloadAsync(() =>
            customer.GetByRole(AriaRole.Link, new() { Name = "Daten maschinenlesbar herunterladen (JSON, zur Übertragung an andere Anbieter)" }).ClickAsync());
        var path = await download.PathAsync();
        using (var report = JsonDocument.Parse(await File.ReadAllTextAsync(path)))
        {
            report.RootElement.GetProperty("format").GetString().ShouldBe("glasklar-auskunft/1");
            report.RootElement.GetProperty("daten").EnumerateArray()
                .ShouldContain(d => d.GetProperty("feld").GetString() == "E-Mail-Adresse" && d.GetProperty("wert").GetString() == DemoAccounts.EmailFor(Roles.Customer));
        }

        var details = $"Bitte keine Werbung mehr ({Guid.NewGuid():N})";
        await customer.GetByLabel("Widerspruch (Art. 21 DSGVO)").CheckAsync();
        await customer.GetByLabel("Ihr Anliegen (bei Berichtigung und Widerspruch erforderlich)").FillAsync(details);
        await customer.GetByRole(AriaRole.Button, new() { Name = "Anfrage senden" }).ClickAsync();
        (await customer.Locator("[data-testid=filed]").InnerTextAsync()).ShouldContain("Widerspruch");
        (await customer.Locator("tr[data-testid=request]").First.InnerTextAsync()).ShouldContain("eingegangen");
        (await AxeAsync(customer)).ShouldBeEmpty();

        await using var dpoContext = await app.NewContextAsync(bypassCsp: true);
        var dpo = await BrowserLogin.LogInDemoAsync(dpoContext, Roles.DataProtectionOfficer);
        await dpo.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Betroffenenanfragen" }).ClickAsync();
        await dpo.WaitForURLAsync("**/datenschutz/anfragen");
        (await AxeAsync(dpo)).ShouldBeEmpty();
        var row = dpo.Locator("tr[data-testid=request]", new() { HasText = DemoAccounts.EmailFor(Roles.Customer) }).First;
        (await row.Locator("[data-testid=days-left]").InnerTextAsync()).ShouldStartWith("noch ");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        (await dpo.Locator("main").InnerTextAsync()).ShouldContain(details);
        (await AxeAsync(dpo)).ShouldBeEmpty();

        await dpo.GotoAsync("/datenschutz/aufbewahrung");
        (await dpo.Locator("tr[data-testid=policy]").CountAsync()).ShouldBeGreaterThanOrEqualTo(3);
        (await AxeAsync(dpo)).ShouldBeEmpty();
    }

    private static async Task<List<string>> AxeAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Content = AxeSource });
        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }))" +
            ".violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))");
        return [.. violations.EnumerateArray().Select(v => $"{page.Url}: {v.GetString()}")];
    }
}
