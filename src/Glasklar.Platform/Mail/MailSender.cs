using System.Net.Mail;
using System.Text;
using Glasklar.Platform.Configuration;
using Microsoft.Extensions.Options;

namespace Glasklar.Platform.Mail;

/// <summary>
/// An outgoing e-mail. Glasklar mails say only that something is waiting in the portal, or carry a
/// single-use link: never claim, health or amount content, nothing personal beyond the greeting (B7).
/// </summary>
public sealed record OutgoingMail(string To, string Subject, string Body);

public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>Settings under <c>Glasklar:Mail</c>. Without an SMTP host, mails go to a pickup directory.</summary>
public sealed class MailOptions
{
    public const string Section = "Glasklar:Mail";

    public string From { get; set; } = "glasklar@localhost";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public bool SmtpTls { get; set; } = true;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>Default: &lt;data&gt;/mail — one .eml file per mail, for the demo and tests.</summary>
    public string? PickupDirectory { get; set; }
}

/// <summary>Writes each mail as an .eml file (RFC 5322) into the pickup directory.</summary>
internal sealed class PickupDirectoryMailSender(IOptions<MailOptions> mail, IOptions<GlasklarOptions> glasklar, TimeProvider clock) : IMailSender
{
    public string Directory => mail.Value.PickupDirectory ?? Path.Combine(glasklar.Value.FullDataDirectory, "mail");

    public async Task SendAsync(OutgoingMail message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var now = clock.GetUtcNow();
        var file = Path.Combine(Directory, $"{now:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        var text = new StringBuilder()
            .Append("From: ").Append(mail.Value.From).Append("\r\n")
            .Append("To: ").Append(message.To).Append("\r\n")
            .Append("Subject: =?utf-8?B?").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(message.Subject))).Append("?=\r\n")
            .Append("Date: ").Append(now.ToString("r")).Append("\r\n")
            .Append("MIME-Version: 1.0\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n")
            .Append("Content-Transfer-Encoding: 8bit\r\n\r\n")
            .Append(message.Body.Replace("\r\n", "\n").Replace("\n", "\r\n"))
            .ToString();
        await File.WriteAllTextAsync(file, text, new UTF8Encoding(false), cancellationToken);
    }
}

/// <summary>Sends through an SMTP server (System.Net.Mail).</summary>
internal sealed class SmtpMailSender(IOptions<MailOptions> options) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var client = new SmtpClient(o.SmtpHost, o.SmtpPort) { EnableSsl = o.SmtpTls };
        if (!string.IsNullOrEmpty(o.SmtpUser))
        {
            client.Credentials = new System.Net.NetworkCredential(o.SmtpUser, o.SmtpPassword);
        }

        using var message = new MailMessage(o.From, mail.To, mail.Subject, mail.Body)
        {
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
        };
        await client.SendMailAsync(message, cancellationToken);
    }
}

/// <summary>The only texts Glasklar mails. Links and a neutral notice; no content of the matter itself.</summary>
public static class MailTexts
{
    public static OutgoingMail VerifyEmail(string to, string link) => new(to, "Bitte bestätigen Sie Ihre E-Mail-Adresse",
        $"Guten Tag,\n\nbitte bestätigen Sie Ihre E-Mail-Adresse für Glasklar über diesen Link (gültig 24 Stunden):\n\n{link}\n\nWenn Sie sich nicht registriert haben, können Sie diese Nachricht ignorieren.\n");

    public static OutgoingMail PasswordReset(string to, string link) => new(to, "Passwort zurücksetzen",
        $"Guten Tag,\n\nüber diesen Link können Sie ein neues Passwort festlegen (gültig 30 Minuten, nur einmal verwendbar):\n\n{link}\n\nWenn Sie das nicht angefordert haben, ändert sich nichts; Ihr Passwort bleibt gültig.\n");

    public static OutgoingMail PasswordChanged(string to, string resetLink) => new(to, "Ihr Passwort wurde geändert",
        $"Guten Tag,\n\ndas Passwort Ihres Glasklar-Kontos wurde soeben geändert.\n\nWaren Sie das nicht, setzen Sie es bitte sofort über diesen Link neu:\n\n{resetLink}\n");

    public static OutgoingMail SecondFactorChanged(string to) => new(to, "Ihr zweiter Faktor wurde geändert",
        "Guten Tag,\n\nfür Ihr Glasklar-Konto wurde soeben eine neue Authenticator-App eingerichtet. Die bisherige App und die alten Wiederherstellungscodes gelten nicht mehr.\n\nWaren Sie das nicht, wenden Sie sich bitte an Ihre Administration.\n");

    public static OutgoingMail EmailChanged(string to) => new(to, "Ihre E-Mail-Adresse wurde geändert",
        "Guten Tag,\n\nfür Ihr Glasklar-Konto gilt ab sofort eine andere E-Mail-Adresse. An diese Adresse schicken wir keine Nachrichten mehr.\n\nWaren Sie das nicht, wenden Sie sich bitte an Ihre Administration.\n");

    /// <summary>Someone registered with an address that has an account: its owner learns it, the form tells nobody.</summary>
    public static OutgoingMail RegistrationForExistingAccount(string to, string loginLink, string resetLink) => new(to, "Registrierung mit Ihrer E-Mail-Adresse",
        $"Guten Tag,\n\nmit Ihrer E-Mail-Adresse wollte sich soeben jemand neu registrieren. Für diese Adresse besteht bereits ein Glasklar-Konto; es wurde kein zweites angelegt.\n\nWaren Sie das, melden Sie sich einfach an:\n\n{loginLink}\n\nPasswort vergessen? Hier setzen Sie es neu:\n\n{resetLink}\n\nWaren Sie das nicht, ändert sich nichts; Sie können diese Nachricht ignorieren.\n");

    public static OutgoingMail NewInPortal(string to, string portalLink) => new(to, "Neue Nachricht in Ihrem Portal",
        $"Guten Tag,\n\nin Ihrem Glasklar-Portal gibt es etwas Neues. Bitte melden Sie sich an, um es zu sehen:\n\n{portalLink}\n");
}
