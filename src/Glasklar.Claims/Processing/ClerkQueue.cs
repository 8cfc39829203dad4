using System.Globalization;
using Glasklar.Claims.Documents;
using Glasklar.Claims.Persistence;
using Glasklar.Claims.Receipts;
using Glasklar.Claims.Submission;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Claims.Processing;

/// <summary>A row of the clerks' queue: the insured person's name is shown to find a claim, nothing medical.</summary>
public sealed record QueueRow(Guid Id, string Number, string Status, DateTimeOffset SubmittedAt, string InsuredPerson, int Items, decimal Claimed, int OpenTasks, int OverdueTasks);

/// <summary>The filters of the queue as typed in (query string or form); <see cref="ClerkQueue.Parse"/> checks them.</summary>
public sealed record QueueQuery(string? Status, string? From, string? To, string? Name, string? Overdue);

internal sealed record QueueFilter(ClaimStatus? Status, DateOnly? From, DateOnly? To, string? Name, bool OverdueOnly);

/// <summary>
/// The insurer clerks' queue (B3) with filters: status, received from/to (calendar days, Europe/Berlin),
/// insured person's name (part of first or last name, case-insensitive) and overdue document requests.
/// The tenant filter keeps it to the clerk's own insurer; restricted claims are not processed.
/// </summary>
internal sealed class ClerkQueue(ClaimsDbContext db, TimeProvider clock)
{
    public const int MaxRows = 500;

    public static (QueueFilter? Filter, IReadOnlyDictionary<string, string[]> Errors) Parse(QueueQuery query)
    {
        var errors = new Dictionary<string, string[]>();
        ClaimStatus? status = null;
        switch (query.Status?.Trim().ToLowerInvariant())
        {
            case null or "" or "alle":
                break;
            case "eingegangen":
                status = ClaimStatus.Eingegangen;
                break;
            case "abgerechnet":
                status = ClaimStatus.Abgerechnet;
                break;
            default:
                errors["status"] = ["Der Status ist „eingegangen“ oder „abgerechnet“."];
                break;
        }

        var from = Date(query.From, "from", "Eingegangen ab", errors);
        var to = Date(query.To, "to", "Eingegangen bis", errors);
        if (from is not null && to is not null && from > to)
        {
            errors["to"] = ["„Eingegangen bis“ liegt vor „Eingegangen ab“."];
        }

        var name = query.Name?.Trim();
        if (name is { Length: > 100 })
        {
            errors["name"] = ["Der Name darf höchstens 100 Zeichen lang sein."];
        }

        var overdue = query.Overdue?.Trim().ToLowerInvariant() is "true" or "1" or "on" or "ja";
        return errors.Count > 0 ? (null, errors) : (new QueueFilter(status, from, to, string.IsNullOrEmpty(name) ? null : name.ToLowerInvariant(), overdue), errors);
    }

    public async Task<IReadOnlyList<QueueRow>> ListAsync(QueueFilter filter, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), DocumentRequestService.Berlin).DateTime);
        var requests = db.Set<DocumentRequest>();
        var claims = db.Claims.AsNoTracking().Where(c => !c.Restricted);
        if (filter.Status is { } status)
        {
            claims = claims.Where(c => c.Status == status);
        }

        if (filter.From is { } from)
        {
            var start = StartOfDay(from);
            claims = claims.Where(c => c.SubmittedUtc >= start);
        }

        if (filter.To is { } to)
        {
            var end = StartOfDay(to.AddDays(1));
            claims = claims.Where(c => c.SubmittedUtc < end);
        }

        if (filter.Name is { } name)
        {
            claims = claims.Where(c => db.InsuredPersons.Any(p => p.Id == c.InsuredPersonId
                && (p.FirstName.ToLower().Contains(name) || p.LastName.ToLower().Contains(name) || (p.FirstName + " " + p.LastName).ToLower().Contains(name))));
        }

        if (filter.OverdueOnly)
        {
            claims = claims.Where(c => requests.Any(r => r.ClaimId == c.Id && r.FulfilledUtc == null && r.DueDate < today));
        }

        var rows = await (from c in claims
                          join p in db.InsuredPersons on c.InsuredPersonId equals p.Id
                          orderby c.SubmittedUtc descending
                          select new
                          {
                              c.Id,
                              c.Number,
                              c.Status,
                              c.SubmittedUtc,
                              p.FirstName,
                              p.LastName,
                              Items = c.Items.Count,
                              Claimed = c.Items.Sum(i => i.ClaimedCents),
                              Open = requests.Count(r => r.ClaimId == c.Id && r.FulfilledUtc == null),
                              Overdue = requests.Count(r => r.ClaimId == c.Id && r.FulfilledUtc == null && r.DueDate < today),
                          }).Take(MaxRows).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new QueueRow(r.Id, r.Number, ClaimViews.StatusText(r.Status), new DateTimeOffset(DateTime.SpecifyKind(r.SubmittedUtc, DateTimeKind.Utc)),
            $"{r.FirstName} {r.LastName}", r.Items, r.Claimed / 100m, r.Open, r.Overdue))];
    }

    private static DateOnly? Date(string? value, string field, string label, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), ["yyyy-MM-dd", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = [$"{label}: Bitte geben Sie ein Datum als TT.MM.JJJJ an."];
        return null;
    }

    private static DateTime StartOfDay(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), DocumentRequestService.Berlin);
}

/// <summary>A decrypted receipt for download (authorised callers only, served no-store).</summary>
internal sealed record ReceiptFile(string FileName, string ContentType, byte[] Content);

/// <summary>A receipt as listed for download: id for the link, position, name, type and size.</summary>
internal sealed record ReceiptEntry(Guid Id, int Position, string FileName, string ContentType, int Size);

/// <summary>Serves a claim's receipts to the customer (own claim) and to the insurer's clerks.</summary>
internal sealed class ReceiptFiles(ClaimsDbContext db, ClaimAccess access, ClaimsProtector protector, ReceiptStore store)
{
    public async Task<IReadOnlyList<ReceiptEntry>?> ListAsync(ClaimCaller caller, Guid claimId, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(caller, claimId, cancellationToken) is null)
        {
            return null;
        }

        var receipts = await db.Receipts.AsNoTracking().Where(r => r.ClaimId == claimId).OrderBy(r => r.Position)
            .Select(r => new { r.Id, r.Position, r.FileNameProtected, r.ContentType, r.Size }).ToListAsync(cancellationToken);
        return [.. receipts.Select(r => new ReceiptEntry(r.Id, r.Position, protector.Unprotect(ClaimsProtector.Receipt, r.FileNameProtected), r.ContentType, r.Size))];
    }

    public async Task<ReceiptFile?> GetAsync(ClaimCaller caller, Guid claimId, Guid receiptId, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(caller, claimId, cancellationToken) is null)
        {
            return null;
        }

        var receipt = await db.Receipts.AsNoTracking().SingleOrDefaultAsync(r => r.ClaimId == claimId && r.Id == receiptId, cancellationToken);
        var content = receipt is null ? null : await store.OpenAsync(receipt, cancellationToken);
        return content is null ? null : new ReceiptFile(protector.Unprotect(ClaimsProtector.Receipt, receipt!.FileNameProtected), receipt.ContentType, content);
    }
}
