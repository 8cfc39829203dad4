using Glasklar.Claims.Messages;
using Glasklar.Claims.Persistence;
using Glasklar.Claims.Processing;
using Glasklar.Claims.Receipts;
using Glasklar.Claims.Submission;
using Glasklar.Claims.Timeline;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Glasklar.Claims.Documents;

/// <summary>POST /api/v1/claims/queue/{id}/tasks: what is missing and by when (yyyy-MM-dd).</summary>
public sealed record DocumentRequestInput(string? Description, DateOnly? DueDate);

/// <summary>A task as customer and clerk see it. <see cref="State"/>: "offen", "überfällig" or "erledigt".</summary>
public sealed record DocumentTaskView(
    Guid Id, string Description, DateOnly DueDate, string State, DateTimeOffset RequestedAt, DateTimeOffset? FulfilledAt, int? ReceiptPosition);

/// <summary>Typed result: found or not (404), errors per field (German), or the task.</summary>
internal sealed record TaskResult(bool Found, IReadOnlyDictionary<string, string[]> Errors, DocumentTaskView? Task)
{
    public static readonly TaskResult NotFound = new(false, new Dictionary<string, string[]>(), null);

    public static TaskResult Invalid(string field, string message) => new(true, new Dictionary<string, string[]> { [field] = [message] }, null);
}

/// <summary>
/// Missing documents (Nachforderung, B3/B4): the clerk requests, the customer uploads on the claim page with
/// the same checks as at submission (<see cref="ReceiptIntake"/>), the task closes. One transaction each;
/// the customer gets only the neutral portal notice (B7).
/// </summary>
internal sealed class DocumentRequestService(
    ClaimsDbContext db, DbSession session, ClaimAccess access, ClaimTimeline timeline, ClaimsProtector protector, ReceiptIntake intake, ReceiptStore store,
    PortalNotices notices, AuditLog audit, IOptions<DocumentReminderOptions> options, TimeProvider clock)
{
    public async Task<TaskResult> RequestAsync(Guid clerkUserId, string? ipAddress, Guid claimId, DocumentRequestInput input, CancellationToken cancellationToken)
    {
        var claim = await access.FindAsync(ClaimCaller.Clerk(clerkUserId), claimId, cancellationToken);
        if (claim is null)
        {
            return TaskResult.NotFound;
        }

        var errors = new Dictionary<string, string[]>();
        var today = Today();
        var description = input.Description?.Trim() ?? "";
        if (claim.Status == ClaimStatus.Abgerechnet)
        {
            errors["claim"] = ["Dieser Antrag ist bereits abgerechnet; Unterlagen können nicht mehr angefordert werden."];
        }

        if (description.Length == 0)
        {
            errors["description"] = ["Bitte beschreiben Sie, welche Unterlage fehlt."];
        }
        else if (description.Length > DocumentRequest.DescriptionMaxLength)
        {
            errors["description"] = [$"Die Beschreibung darf höchstens {DocumentRequest.DescriptionMaxLength} Zeichen lang sein."];
        }

        if (input.DueDate is not { } due)
        {
            errors["dueDate"] = ["Bitte geben Sie eine Frist an (Datum)."];
        }
        else if (due <= today || due > today.AddDays(options.Value.MaxDueDays))
        {
            errors["dueDate"] = [$"Die Frist liegt frühestens morgen und höchstens {options.Value.MaxDueDays} Tage in der Zukunft."];
        }

        if (errors.Count > 0)
        {
            return new TaskResult(true, errors, null);
        }

        var request = new DocumentRequest(Guid.NewGuid(), claim.Id, protector.Protect(ClaimsProtector.Health, description), input.DueDate!.Value,
            clock.GetUtcNow().UtcDateTime, clerkUserId);
        await session.InTransactionAsync(async ct =>
        {
            db.Set<DocumentRequest>().Add(request);
            timeline.Add(claim.Id, ClaimEventKind.UnterlagenAngefordert, clerkUserId);
            await db.SaveChangesAsync(ct);
            await audit.RecordTransactionAsync(clerkUserId, "claims.document-requested", ipAddress, ct);
            return (true, 0);
        }, cancellationToken);
        await notices.ToCustomerAsync(claim, cancellationToken);
        return new TaskResult(true, new Dictionary<string, string[]>(), View(request, description, today, null));
    }

    /// <summary>The claim's tasks, oldest first; null when the caller may not see the claim.</summary>
    public async Task<IReadOnlyList<DocumentTaskView>?> ListAsync(ClaimCaller caller, Guid claimId, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(caller, claimId, cancellationToken) is null)
        {
            return null;
        }

        var requests = await db.Set<DocumentRequest>().AsNoTracking().Where(r => r.ClaimId == claimId).ToListAsync(cancellationToken);
        var receipts = await db.Receipts.AsNoTracking().Where(r => r.ClaimId == claimId).Select(r => new { r.Id, r.Position }).ToListAsync(cancellationToken);
        var today = Today();
        return [.. requests.OrderBy(r => r.RequestedUtc).Select(r => View(r, protector.Unprotect(ClaimsProtector.Health, r.DescriptionProtected), today,
            receipts.FirstOrDefault(x => x.Id == r.ReceiptId)?.Position))];
    }

    /// <summary>The customer uploads the requested document: checked like a receipt at submission, stored encrypted, task closed.</summary>
    public async Task<TaskResult> UploadAsync(Guid customerUserId, string? ipAddress, Guid claimId, Guid taskId, string? fileName, byte[] content, CancellationToken cancellationToken)
    {
        var claim = await access.FindAsync(ClaimCaller.Customer(customerUserId), claimId, cancellationToken);
        var request = claim is null ? null : await db.Set<DocumentRequest>().SingleOrDefaultAsync(r => r.Id == taskId && r.ClaimId == claimId, cancellationToken);
        if (claim is null || request is null)
        {
            return TaskResult.NotFound;
        }

        if (!request.IsOpen)
        {
            return TaskResult.Invalid("task", "Diese Unterlage haben Sie bereits hochgeladen.");
        }

        if (claim.Status == ClaimStatus.Abgerechnet)
        {
            return TaskResult.Invalid("task", "Dieser Antrag ist bereits abgerechnet.");
        }

        var (accepted, error) = intake.Accept(fileName, content);
        if (accepted is null)
        {
            return TaskResult.Invalid("file", error ?? "Die Datei ist nicht lesbar.");
        }

        var position = await db.Receipts.Where(r => r.ClaimId == claimId).Select(r => (int?)r.Position).MaxAsync(cancellationToken) ?? 0;
        var receipt = new ClaimReceipt(Guid.NewGuid(), claimId, position + 1, protector.Protect(ClaimsProtector.Receipt, accepted.FileName), accepted.ContentType,
            accepted.Content.Length, []);
        var now = clock.GetUtcNow().UtcDateTime;
        request.Fulfil(receipt.Id, now);
        store.Write(receipt.Id, accepted.Content.Span);
        await store.RecordAsync([receipt.Id], () => session.InTransactionAsync(async ct =>
        {
            db.Receipts.Add(receipt);
            timeline.Add(claimId, ClaimEventKind.UnterlagenEingegangen, customerUserId);
            await db.SaveChangesAsync(ct);
            await audit.RecordTransactionAsync(customerUserId, "claims.document-uploaded", ipAddress, ct);
            return (true, 0);
        }, cancellationToken));
        return new TaskResult(true, new Dictionary<string, string[]>(),
            View(request, protector.Unprotect(ClaimsProtector.Health, request.DescriptionProtected), Today(), receipt.Position));
    }

    private DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Berlin).DateTime);

    internal static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DocumentTaskView View(DocumentRequest r, string description, DateOnly today, int? receiptPosition) =>
        new(r.Id, description, r.DueDate, !r.IsOpen ? "erledigt" : r.IsOverdue(today) ? "überfällig" : "offen", Utc(r.RequestedUtc),
            r.FulfilledUtc is { } f ? Utc(f) : null, receiptPosition);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
