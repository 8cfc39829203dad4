using System.Text;
using Glasklar.Claims;
using Glasklar.Platform.Identity.TwoFactor;
using Glasklar.Privacy.Tests.Images;
using Glasklar.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Playwright;

namespace Glasklar.Browser.Tests.Claims;

/// <summary>
/// Issue 6 journey, part 1, as a new user in Chromium: register → set up the authenticator app → confirm the
/// e-mail (the .eml from the pickup directory) → log in with a computed code → link the demo contract →
/// submit a claim with a JPEG carrying GPS (stored without it) and a PDF → receipt confirmation → logout →
/// back shows nothing.
/// </summary>
public sealed class RegistrationJourneyTests(BrowserApp app)
{
    private const string Password = "Morgens um sieben ist die Welt noch in Ordnung";

    [Fact]
    [Trait("Promise", "B6")]
    [Trait("Promise", "B1")]
    [Trait("Promise", "B3")]
    [Trait("Promise", "B5")]
    [Trait("Promise", "B7")]
    public async Task A_new_customer_registers_links_the_demo_contract_submits_a_claim_and_leaves_nothing_behind()
    {
        var email = $"reise-{Guid.NewGuid():N}"[..18] + "@kunde.glasklar.example";
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        // A new user starts on the start page and finds the registration there.
        await page.GotoAsync("/");
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Als Kundin oder Kunde registrieren" }).ClickAsync();
        await page.WaitForURLAsync("**/registrieren");
        await page.GetByLabel("Vorname").FillAsync("Rita");
        await page.GetByLabel("Nachname").FillAsync("Reisend");
        await page.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await page.GetByLabel("Mobilnummer").FillAsync("0171 2345678");
        await page.GetByLabel("Passwort", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Passwort wiederholen").FillAsync(Password);
        await page.Locator("#reg-question1").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.Locator("#reg-answer1").FillAsync("Minka");
        await page.Locator("#reg-question2").SelectOptionAsync(new SelectOptionValue { Index = 3 });
        await page.Locator("#reg-answer2").FillAsync("Köln");
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter zur Authenticator-App" }).ClickAsync();
        await page.WaitForURLAsync("**/registrieren/app");

        // The authenticator: QR code decoded by the browser, the manual key read like a person would.
        var qr = page.Locator("img[data-testid=qr]");
        (await qr.EvaluateAsync<int>("img => img.naturalWidth")).ShouldBeGreaterThan(100);
        Base32.TryDecode((await page.Locator("[data-testid=manual-key]").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal), out var secret).ShouldBeTrue();
        await page.GetByLabel("Code aus der App").FillAsync(await BrowserLogin.FreshCodeAsync(secret));
        await page.GetByRole(AriaRole.Button, new() { Name = "App bestätigen" }).ClickAsync();
        (await page.Locator("[data-testid=done]").InnerTextAsync()).ShouldContain("E-Mail");
        (await page.Locator("[data-testid=recovery-codes] li").CountAsync()).ShouldBe(10);

        // The address is confirmed with the link of the mail in the pickup directory.
        var mail = PickupMailbox.For(app.DataDirectory, email).ShouldHaveSingleItem();
        mail.Body.ShouldNotContain("Rita");
        await page.GotoAsync(mail.LinkPathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "E-Mail-Adresse bestätigen" }).ClickAsync();
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("bestätigt");

        // Login needs the code of the app set up during registration (the next time step: a code counts once).
        await BrowserLogin.LogInAsync(page, email, Password, secret);

        // Link the demo contract, then see exactly what B2 lists.
        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Meine Verträge" }).ClickAsync();
        await page.WaitForURLAsync("**/kunde/vertraege");
        await page.GetByRole(AriaRole.Link, new() { Name = "Einen Vertrag verknüpfen" }).ClickAsync();
        await page.GetByLabel("Versicherungsnummer").FillAsync("KV-2026-000102");
        await page.GetByLabel("Geburtsdatum des Versicherungsnehmers").FillAsync("1981-03-15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vertrag verknüpfen" }).ClickAsync();
        (await page.Locator("[data-testid=errors]").InnerTextAsync()).ShouldContain("Es wurde kein Vertrag verknüpft.");
        await page.GetByLabel("Geburtsdatum des Versicherungsnehmers").FillAsync("1981-03-14");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vertrag verknüpfen" }).ClickAsync();
        await page.WaitForURLAsync("**/kunde/vertraege?hinweis=verknuepft");
        var contract = page.Locator("[data-testid=contract]");
        (await contract.InnerTextAsync()).ShouldContain("Frau Rita Reisend");
        (await contract.Locator("tr[data-testid=insured]").InnerTextAsync()).ShouldContain("14.03.1981");

        // The claim wizard with a photo that carries a GPS position and a PDF.
        var jpeg = TestJpeg.Encode().With(TestJpeg.Segment(0xE1, TestExif.App1Payload(1)));
        CustomerBrowser.Latin1(jpeg).ShouldContain("Canon");
        await page.GetByRole(AriaRole.Link, new() { Name = "Neuen Erstattungsantrag stellen" }).ClickAsync();
        await page.WaitForURLAsync("**/kunde/antraege/neu");
        await page.GetByLabel("Rita Reisend (Vertrag KV-2026-000102)").CheckAsync();
        await page.Locator("#date-0").FillAsync("2026-11-18");
        await page.Locator("#kind-0").SelectOptionAsync("ambulant");
        await page.Locator("#amount-0").FillAsync("96,40");
        await page.Locator("#receipts").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "arztfoto.jpg", MimeType = "image/jpeg", Buffer = jpeg },
            new FilePayload { Name = "rechnung.pdf", MimeType = "application/pdf", Buffer = Pdf() },
        });
        await page.GetByLabel("Kontoinhaber").FillAsync("Rita Reisend");
        await page.GetByLabel("IBAN").FillAsync("DE89 3704 0044 0532 0130 00");
        await page.GetByLabel("Ich versichere").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Antrag verbindlich einreichen" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/kunde/antraege/[0-9a-f-]{36}$"));

        var confirmation = page.Locator("[data-testid=confirmation]");
        var confirmationText = await confirmation.InnerTextAsync();
        confirmationText.ShouldContain("Empfangsbestätigung");
        confirmationText.ShouldContain("arztfoto.jpg");
        confirmationText.ShouldContain("rechnung.pdf");
        var number = (await page.Locator("[data-testid=number]").InnerTextAsync()).Trim();
        number.ShouldStartWith("EA-");
        var claimUrl = page.Url;

        // Stored without the GPS position (decrypted with the program's own keys).
        var receipts = await CustomerBrowser.QueryAsync(app,
            "SELECT r.ContentType, r.Id FROM claims_receipts r JOIN claims_claims c ON c.Id = r.ClaimId WHERE c.Number = $number", ("$number", number));
        receipts.Count.ShouldBe(2);
        var protector = new ClaimsProtector(DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(app.DataDirectory, "keys")), b => b.SetApplicationName("glasklar")));
        var photoId = Guid.Parse((string)receipts.Single(r => (string)r[0]! == "image/jpeg")[1]!);
        var sealedFile = await File.ReadAllBytesAsync(Path.Combine(app.DataDirectory, "claims", "receipts", $"{photoId:N}.gks")); // ADR 0032
        var photo = CustomerBrowser.Latin1(protector.UnprotectBytes(ClaimsProtector.Receipt, sealedFile));
        photo.ShouldStartWith("\u00FF\u00D8");
        foreach (var trace in new[] { "Exif", "Canon", "GPS", "Max Mustermann" })
        {
            photo.ShouldNotContain(trace);
        }

        // Logout: back, forward and reload show the login page, not the claim.
        await CustomerBrowser.LogOutAsync(page, app.BaseAddress);
        await page.GoBackAsync();
        page.Url.ShouldContain("/anmelden");
        await CustomerBrowser.ShowsNothingPersonalAsync(page, number, "Rita", "Reisend", "KV-2026-000102", "arztfoto.jpg", email);
        await page.GoBackAsync();
        await CustomerBrowser.ShowsNothingPersonalAsync(page, number, "Rita", "Reisend", "KV-2026-000102", email);
        await page.GoForwardAsync();
        await page.ReloadAsync();
        await CustomerBrowser.ShowsNothingPersonalAsync(page, number, "Rita", "Reisend", "KV-2026-000102", email);
        await page.GotoAsync(claimUrl);
        page.Url.ShouldContain("/anmelden");
        await CustomerBrowser.ShowsNothingPersonalAsync(page, number, "Rita", "Reisend");
    }

    private static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
}
