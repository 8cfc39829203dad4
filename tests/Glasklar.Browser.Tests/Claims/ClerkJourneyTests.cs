using System.Text;
using Glasklar.Claims;
using Glasklar.Claims.Documents;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Identity.TwoFactor;
using Glasklar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Glasklar.Browser.Tests.Claims;

/// <summary>
/// Customer portal, part 2, in Chromium: the demo customer (contract already linked) submits a claim and
/// downloads the receipt confirmation PDF; the clerk requests a missing document; the reminder job (run as a
/// test hook with a clock three days ahead) mails a notice without content; the customer uploads; the clerk
/// settles; the statement is visible; "Meine Daten" exports the claim with provenance.
/// </summary>
[Trait("Promise", "B3")]
[Trait("Promise", "B7")]
[Trait("Promise", "B8")]
public sealed class ClerkJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Submit_confirm_request_a_document_remind_upload_settle_and_export()
    {
        await using var customerContext = await app.NewContextAsync();
        var customer = await BrowserLogin.LogInDemoAsync(customerContext, Roles.Customer);

        // Submit with the wizard (amounts in whole euros: no decimal separator to guess).
        await customer.GotoAsync("/kunde/antraege/neu");
        await customer.GetByLabel("Konrad Kunde", new() { Exact = false }).First.CheckAsync();
        await customer.GetByLabel("Behandlungsdatum 1").FillAsync(DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd"));
        await customer.Locator("#kind-0").SelectOptionAsync("ambulant");
        await customer.Locator("#amount-0").FillAsync("84");
        await customer.GetByLabel("Dateien").SetInputFilesAsync(new FilePayload { Name = "rechnung.pdf", MimeType = "application/pdf", Buffer = Pdf() });
        await customer.GetByLabel("Kontoinhaber").FillAsync("Konrad Kunde");
        await customer.GetByLabel("IBAN").FillAsync("DE89 3704 0044 0532 0130 00");
        await customer.GetByLabel("Ich versichere, dass meine Angaben vollständig und richtig sind.").CheckAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Antrag verbindlich einreichen" }).ClickAsync();
        await customer.Locator("[data-testid=number]").WaitForAsync();
        var number = (await customer.Locator("[data-testid=number]").InnerTextAsync()).Trim();
        number.ShouldStartWith("EA-");
        var claimUrl = customer.Url;

        // Receipt confirmation as PDF.
        var download = await customer.RunAndWaitForDownloadAsync(() => customer.GetByRole(AriaRole.Link, new() { Name = "Empfangsbestätigung (PDF)" }).ClickAsync());
        var pdf = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(await download.PathAsync()));
        pdf.ShouldStartWith("%PDF-");
        pdf.ShouldContain(number);

        // The clerk finds it in the queue and requests a missing document.
        await using var clerkContext = await app.NewContextAsync();
        var clerk = await BrowserLogin.LogInDemoAsync(clerkContext, Roles.InsurerClerk);
        await clerk.GotoAsync("/leistung/eingang?status=alle&name=konrad");
        await clerk.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await clerk.Locator("[data-testid=insured]").WaitForAsync();
        const string Missing = "Ärztliche Verordnung für die Behandlung";
        await clerk.GetByLabel("Welche Unterlage fehlt?").FillAsync(Missing);
        await clerk.GetByLabel("Frist").FillAsync(DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd"));
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Unterlage anfordern" }).ClickAsync();
        (await clerk.Locator("[data-testid=task]").First.InnerTextAsync()).ShouldContain(Missing);

        // The reminder job, run against the program's database with a clock three days ahead.
        var email = DemoAccounts.EmailFor(Roles.Customer);
        var before = PickupMailbox.For(app.DataDirectory, email).Count;
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddDays(3));
        await using (var services = ModuleTestServices.Build(app.Database, (s, c) =>
        {
            s.AddClaims(c);
            s.AddSingleton<TimeProvider>(clock);
        }))
        {
            (await services.GetRequiredService<DocumentReminderRunner>().RunAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(1);
        }

        var reminder = PickupMailbox.For(app.DataDirectory, email).Skip(before).ShouldHaveSingleItem();
        reminder.Subject.ShouldBe("Neue Nachricht in Ihrem Portal");
        foreach (var secret in new[] { number, "Verordnung", "Behandlung", "84", "Konrad", "rechnung" })
        {
            reminder.Body.ShouldNotContain(secret);
        }

        // The customer sees the task on the claim page and uploads there.
        await customer.GotoAsync(claimUrl);
        (await customer.Locator("[data-testid=task]").InnerTextAsync()).ShouldContain(Missing);
        await customer.GetByLabel("Unterlage hochladen (PDF, JPEG oder PNG)").SetInputFilesAsync(
            new FilePayload { Name = "verordnung.pdf", MimeType = "application/pdf", Buffer = Pdf() });
        await customer.GetByRole(AriaRole.Button, new() { Name = "Hochladen", Exact = true }).ClickAsync();
        await customer.Locator("[data-testid=task][data-state=erledigt]").WaitForAsync();
        (await customer.Locator("[data-testid=timeline]").InnerTextAsync()).ShouldContain("Unterlagen eingegangen");

        // The clerk settles the item; the customer sees the statement.
        await clerk.ReloadAsync();
        await clerk.GetByLabel("Erstattet Leistung 1").FillAsync("84");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Entscheiden und abrechnen" }).ClickAsync();
        (await clerk.Locator("[data-testid=status]").InnerTextAsync()).ShouldBe("Abgerechnet");
        await customer.ReloadAsync();
        (await customer.Locator("[data-testid=statement]").InnerTextAsync()).ShouldContain("Leistungsabrechnung");
        (await customer.Locator("[data-testid=timeline]").InnerTextAsync()).ShouldContain("Abgerechnet");

        // "Meine Daten": the export contains the claim with its provenance.
        await customer.GotoAsync("/konto/daten");
        var export = await customer.RunAndWaitForDownloadAsync(() => customer.Locator("a[data-testid=json]").ClickAsync());
        var json = await File.ReadAllTextAsync(await export.PathAsync());
        json.ShouldContain(number);
        json.ShouldContain("Erstattungsantrag");
        json.ShouldContain("Unterlagen anfordern");
        json.ShouldContain("Kundenportal");
    }

    private static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

}
