using Glasklar.Platform.Configuration;
using Glasklar.Platform.Mail;
using Glasklar.Testing;
using Microsoft.Extensions.Options;

namespace Glasklar.Platform.Tests.Accounts;

/// <summary>Without SMTP, mails land as .eml files in the data directory; their texts carry no content (B7).</summary>
public sealed class PickupMailTests
{
    [Fact]
    [Trait("Promise", "B7")]
    public async Task A_notification_is_written_as_an_eml_file_that_only_points_to_the_portal()
    {
        var directory = Directory.CreateTempSubdirectory("glasklar-mail-").FullName;
        var sender = new PickupDirectoryMailSender(
            Options.Create(new MailOptions { From = "portal@glasklar.example" }),
            Options.Create(new GlasklarOptions { DataDirectory = directory }),
            new ManualClock());

        await sender.SendAsync(MailTexts.NewInPortal("kundin@example.org", "https://portal.example/anmelden"), TestContext.Current.CancellationToken);

        var file = Directory.GetFiles(Path.Combine(directory, "mail"), "*.eml").ShouldHaveSingleItem();
        var eml = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        eml.ShouldContain("From: portal@glasklar.example\r\n");
        eml.ShouldContain("To: kundin@example.org\r\n");
        eml.ShouldContain("Content-Type: text/plain; charset=utf-8\r\n");
        var body = eml[(eml.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        body.ShouldStartWith("Guten Tag,");
        body.ShouldContain("https://portal.example/anmelden");
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    [Trait("Promise", "B7")]
    public void Every_mail_text_is_neutral_whatever_the_matter()
    {
        OutgoingMail[] mails =
        [
            MailTexts.NewInPortal("x@example.org", "https://p.example/"),
            MailTexts.VerifyEmail("x@example.org", "https://p.example/v?t=1"),
            MailTexts.PasswordReset("x@example.org", "https://p.example/r?t=1"),
            MailTexts.PasswordChanged("x@example.org", "https://p.example/r"),
            MailTexts.SecondFactorChanged("x@example.org"),
            MailTexts.EmailChanged("x@example.org"),
            MailTexts.RegistrationForExistingAccount("x@example.org", "https://p.example/anmelden", "https://p.example/anmelden/passwort-vergessen"),
        ];

        foreach (var mail in mails)
        {
            // The texts are fixed: nothing about a claim, a diagnosis, an amount or a person goes in.
            mail.Body.ShouldNotContain("€");
            mail.Body.ShouldNotContain("Betrag", Case.Insensitive);
            mail.Body.ShouldNotContain("Diagnose", Case.Insensitive);
            mail.Body.ShouldNotContain("x@example.org");
            mail.Body.ShouldStartWith("Guten Tag,\n");
        }
    }
}
