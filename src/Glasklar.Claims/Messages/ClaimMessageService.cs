using Glasklar.Claims.Persistence;
using Glasklar.Claims.Processing;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Persistence;
using Glasklar.Privacy.TextGuard;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Claims.Messages;

/// <summary>POST …/messages: the text and, for a reply, the message it answers.</summary>
public sealed record MessageInput(string? Text, Guid? ReplyToId = null);

/// <summary>One message of the thread; <see cref="Depth"/> 0 for a new topic, 1 and more for replies.</summary>
public sealed record MessageView(Guid Id, string From, bool FromCustomer, string Text, DateTimeOffset SentAt, Guid? ReplyToId, int Depth);

internal sealed record MessageResult(bool Found, IReadOnlyDictionary<string, string[]> Errors, MessageView? Message)
{
    public static readonly MessageResult NotFound = new(false, new Dictionary<string, string[]>(), null);
}

/// <summary>
/// Portal messages per claim (B1) between the customer and the insurer's clerks, threaded. Texts are stored
/// encrypted (they may carry health data, which belongs in this channel). The text guard refuses bank
/// details in a message: they belong in the claim's bank account, not in free text (ADR 0027). The other
/// side gets only the neutral portal notice by e-mail (B7).
/// </summary>
internal sealed class ClaimMessageService(
    ClaimsDbContext db, DbSession session, ClaimAccess access, ClaimsProtector protector, ITextGuard guard, PortalNotices notices, AuditLog audit, TimeProvider clock)
{
    public const string Customer = "Sie";
    public const string Insurer = "Leistungsabteilung";

    public async Task<MessageResult> PostAsync(ClaimCaller caller, string? ipAddress, Guid claimId, MessageInput input, CancellationToken cancellationToken)
    {
        var claim = await access.FindAsync(caller, claimId, cancellationToken);
        if (claim is null)
        {
            return MessageResult.NotFound;
        }

        var text = input.Text?.Trim() ?? "";
        var errors = new Dictionary<string, string[]>();
        if (text.Length == 0)
        {
            errors["text"] = ["Bitte schreiben Sie eine Nachricht."];
        }
        else if (text.Length > ClaimMessage.TextMaxLength)
        {
            errors["text"] = [$"Eine Nachricht darf höchstens {ClaimMessage.TextMaxLength} Zeichen lang sein."];
        }
        else if (guard.Check(text).Categories.Contains("iban"))
        {
            errors["text"] = ["Bitte schicken Sie keine Bankverbindung als Nachricht. Die Bankverbindung steht im Antrag; Änderungen nimmt die Leistungsabteilung auf Ihren Hinweis ohne IBAN vor."];
        }

        if (input.ReplyToId is { } replyTo && !await db.Set<ClaimMessage>().AnyAsync(m => m.Id == replyTo && m.ClaimId == claimId, cancellationToken))
        {
            errors["replyToId"] = ["Die Nachricht, auf die Sie antworten, gehört nicht zu diesem Antrag."];
        }

        if (errors.Count > 0)
        {
            return new MessageResult(true, errors, null);
        }

        var message = new ClaimMessage(Guid.NewGuid(), claimId, caller.UserId, caller.IsCustomer, protector.Protect(ClaimsProtector.Health, text),
            input.ReplyToId, clock.GetUtcNow().UtcDateTime);
        await session.InTransactionAsync(async ct =>
        {
            db.Set<ClaimMessage>().Add(message);
            await db.SaveChangesAsync(ct);
            await audit.RecordTransactionAsync(caller.UserId, "claims.message-sent", ipAddress, ct);
            return (true, 0);
        }, cancellationToken);
        if (caller.IsCustomer)
        {
            await notices.ToClerksAsync(claim, cancellationToken);
        }
        else
        {
            await notices.ToCustomerAsync(claim, cancellationToken);
        }

        return new MessageResult(true, new Dictionary<string, string[]>(), View(message, text, caller, 0));
    }

    /// <summary>The thread in reading order (each topic followed by its replies); null when the caller may not see the claim.</summary>
    public async Task<IReadOnlyList<MessageView>?> ThreadAsync(ClaimCaller caller, Guid claimId, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(caller, claimId, cancellationToken) is null)
        {
            return null;
        }

        var messages = await db.Set<ClaimMessage>().AsNoTracking().Where(m => m.ClaimId == claimId).ToListAsync(cancellationToken);
        var children = messages.Where(m => m.ReplyToId is not null).ToLookup(m => m.ReplyToId!.Value);
        var result = new List<MessageView>();
        void Walk(ClaimMessage m, int depth)
        {
            result.Add(View(m, protector.Unprotect(ClaimsProtector.Health, m.TextProtected), caller, depth));
            foreach (var reply in children[m.Id].OrderBy(r => r.SentUtc))
            {
                Walk(reply, depth + 1);
            }
        }

        foreach (var root in messages.Where(m => m.ReplyToId is null).OrderBy(m => m.SentUtc))
        {
            Walk(root, 0);
        }

        return result;
    }

    private static MessageView View(ClaimMessage m, string text, ClaimCaller caller, int depth) =>
        new(m.Id, m.FromCustomer ? (caller.IsCustomer ? Customer : "Kunde/Kundin") : Insurer, m.FromCustomer, text,
            new DateTimeOffset(DateTime.SpecifyKind(m.SentUtc, DateTimeKind.Utc)), m.ReplyToId, depth);
}
