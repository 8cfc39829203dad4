using Glasklar.Platform.Accounts;
using Glasklar.Platform.Mail;
using Glasklar.Platform.Persistence;
using Glasklar.Privacy.TextGuard;
using Glasklar.Referrals.Domain;
using Glasklar.Referrals.Persistence;
using Glasklar.Referrals.Submission;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Referrals.Postkorb;

/// <summary>A new ticket or reply, as sent. <see cref="TicketId"/> null: open a new ticket with Betreff.</summary>
internal sealed record PostkorbInput(Guid? TicketId, string? Subject, string? Body, bool AcknowledgeWarnings = false, bool Close = false);

/// <summary>The stored ticket, or errors per field; warnings name unnecessary data (IBAN, birth date, …) to confirm first.</summary>
internal sealed record PostkorbResult(PostkorbTicket? Ticket, IReadOnlyDictionary<string, string[]>? Errors, IReadOnlyList<string> Warnings, bool NotFound = false);

/// <summary>
/// "Mein Postkorb" (A13): tickets per referral with threaded replies between agency and repair network. Betreff
/// and Beschreibung pass the text guard: special-category data is refused; other personal data (IBAN, birth
/// date, …) is flagged as unnecessary and needs confirmation. The other side gets an e-mail without content.
/// </summary>
internal sealed class PostkorbService(
    ReferralsDbContext db,
    PlatformDbContext platform,
    DbSession session,
    ReferralService referrals,
    ITextGuard guard,
    IMailSender mail,
    TimeProvider clock)
{
    public const string Subject = "subject";
    public const string Body = "body";

    public async Task<PostkorbResult> WriteAsync(Caller caller, Guid referralId, PostkorbInput input, string portalBaseUrl, CancellationToken cancellationToken)
    {
        var referral = await referrals.FindAsync(caller, referralId, cancellationToken);
        if (referral is null)
        {
            return new PostkorbResult(null, null, [], NotFound: true);
        }

        PostkorbTicket? ticket = null;
        if (input.TicketId is { } ticketId)
        {
            ticket = await db.Tickets.IgnoreQueryFilters().SingleOrDefaultAsync(t => t.Id == ticketId && t.ReferralId == referralId, cancellationToken);
            if (ticket is null)
            {
                return new PostkorbResult(null, null, [], NotFound: true);
            }
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var warnings = new List<string>();
        var subject = FieldRules.CollapseSpaces(input.Subject ?? "");
        var body = (input.Body ?? "").Trim().Replace("\r\n", "\n", StringComparison.Ordinal);
        if (ticket is null)
        {
            if (subject.Length == 0)
            {
                errors[Subject] = ["Bitte geben Sie einen Betreff an."];
            }
            else if (subject.Length > PostkorbTicket.SubjectMaxLength)
            {
                errors[Subject] = [$"Der Betreff darf höchstens {PostkorbTicket.SubjectMaxLength} Zeichen lang sein."];
            }
            else
            {
                Guard(Subject, "Betreff", subject, errors, warnings);
            }
        }

        if (body.Length == 0 && !(ticket is not null && input.Close))
        {
            errors[Body] = [ticket is null ? "Bitte beschreiben Sie Ihr Anliegen (Beschreibung)." : "Bitte schreiben Sie eine Antwort."];
        }
        else if (body.Length > PostkorbMessage.BodyMaxLength)
        {
            errors[Body] = [$"Die Beschreibung darf höchstens {PostkorbMessage.BodyMaxLength} Zeichen lang sein."];
        }
        else if (body.Length > 0)
        {
            Guard(Body, "Beschreibung", body, errors, warnings);
        }

        if (ticket?.State == TicketState.Geschlossen)
        {
            errors[Body] = ["Dieses Ticket ist geschlossen. Bitte eröffnen Sie ein neues Ticket."];
        }

        if (errors.Count > 0 || (warnings.Count > 0 && !input.AcknowledgeWarnings))
        {
            return new PostkorbResult(null, errors.Count > 0 ? errors : null, warnings);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var saved = await session.InTransactionAsync(async ct =>
        {
            if (ticket is null)
            {
                ticket = new PostkorbTicket(Guid.CreateVersion7(), referralId, referral.OrganisationId, subject, caller.UserId, caller.OrganisationId, now);
                db.Tickets.Add(ticket);
            }
            else if (body.Length > 0)
            {
                ticket.Replied(caller.OrganisationId, now);
            }

            if (body.Length > 0)
            {
                db.Messages.Add(new PostkorbMessage(Guid.CreateVersion7(), ticket.Id, body, caller.UserId, caller.OrganisationId, now));
            }

            if (input.Close)
            {
                ticket.Close(now);
            }

            await db.SaveChangesAsync(ct);
            return (true, ticket);
        }, cancellationToken);

        if (body.Length > 0)
        {
            await NotifyAsync(caller, referral, portalBaseUrl, cancellationToken);
        }

        return new PostkorbResult(saved, null, warnings);
    }

    public async Task<IReadOnlyList<PostkorbTicket>?> ListAsync(Caller caller, Guid referralId, CancellationToken cancellationToken) =>
        await referrals.FindAsync(caller, referralId, cancellationToken) is null
            ? null
            : await db.Tickets.IgnoreQueryFilters().Include(t => t.Messages).Where(t => t.ReferralId == referralId)
                .OrderBy(t => t.CreatedUtc).ToListAsync(cancellationToken);

    private void Guard(string field, string label, string text, Dictionary<string, string[]> errors, List<string> warnings)
    {
        var check = guard.Check(text);
        if (check.Special)
        {
            var categories = string.Join(", ", check.Categories.Where(GuardCategories.IsSpecial).Select(GuardCategories.German));
            var suggestion = check.Suggestion is { } s ? $" Neutral formuliert, z. B.: „{s}“" : "";
            errors[field] = [$"{label}: Angaben zu {categories} sind besondere Kategorien personenbezogener Daten (Art. 9 DSGVO) und gehören nicht in den Postkorb.{suggestion}"];
            return;
        }

        foreach (var category in check.Categories.Where(c => !GuardCategories.IsSpecial(c)).Distinct())
        {
            warnings.Add($"{label}: enthält vermutlich {GuardCategories.German(category)}. Diese Angabe ist für die Bearbeitung meist nicht nötig.");
        }
    }

    /// <summary>B7/A13: the mail says only that something new is waiting; no subject, no text, no name.</summary>
    private async Task NotifyAsync(Caller writer, Referral referral, string portalBaseUrl, CancellationToken cancellationToken)
    {
        List<string> recipients;
        if (writer.IsAgency)
        {
            recipients = await platform.Users.Where(u => u.IsActive && u.Roles.Any(r => r.Role == Roles.RepairNetworkClerk))
                .Select(u => u.Email).ToListAsync(cancellationToken);
        }
        else
        {
            recipients = await platform.Users.Where(u => u.Id == referral.AgentUserId && u.IsActive).Select(u => u.Email).ToListAsync(cancellationToken);
        }

        var link = $"{portalBaseUrl.TrimEnd('/')}/vermittlung/{referral.Id}";
        foreach (var to in recipients)
        {
            await mail.SendAsync(MailTexts.NewInPortal(to, link), cancellationToken);
        }
    }
}
