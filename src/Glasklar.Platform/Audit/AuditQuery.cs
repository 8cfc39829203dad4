using System.Globalization;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Platform.Audit;

/// <summary>Filters of the audit viewer as typed into the form (dates as yyyy-MM-dd, UTC days).</summary>
public sealed record AuditFilter(string? User, string? Action, string? From, string? To, int Page = 1);

/// <summary>One row of the viewer: the entry and whose account it concerns (e-mail, if the account still exists).</summary>
public sealed record AuditRow(AuditEntry Entry, string? UserEmail);

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Page, bool HasNext, IReadOnlyList<FieldError> Errors);

/// <summary>
/// Reads the audit log for the viewer (operator admin and DPO only, see Policies.AuditReaders): newest
/// first, filtered by account, action and a date range, 50 rows a page. Reading never changes the chain.
/// </summary>
public sealed class AuditQuery(PlatformDbContext db)
{
    public const int PageSize = 50;

    public async Task<AuditPage> SearchAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var from = ParseDate(filter.From, "from", errors);
        var to = ParseDate(filter.To, "to", errors);
        if (from is not null && to is not null && from > to)
        {
            errors.Add(new FieldError("to", "Das Ende des Zeitraums liegt vor seinem Anfang. Bitte prüfen Sie die Daten."));
        }

        if (!string.IsNullOrWhiteSpace(filter.Action) && !AuditActions.GermanLabels.ContainsKey(filter.Action))
        {
            errors.Add(new FieldError("action", "Diese Aktion gibt es nicht. Bitte wählen Sie eine aus der Liste."));
        }

        var page = Math.Clamp(filter.Page, 1, 100_000);
        if (errors.Count > 0)
        {
            return new AuditPage([], page, false, errors);
        }

        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var term = filter.User.Trim();
            var userId = Guid.TryParse(term, out var id)
                ? id
                : await db.Users.Where(u => u.Email == User.NormaliseEmail(term)).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken) ?? Guid.Empty;
            query = query.Where(a => a.UserId == userId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action);
        }

        if (from is { } start)
        {
            var startUtc = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.OccurredUtc >= startUtc);
        }

        if (to is { } end)
        {
            var endUtc = end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.OccurredUtc < endUtc);
        }

        var entries = await query.OrderByDescending(a => a.Sequence).Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellationToken);
        var userIds = entries.Select(e => e.UserId).OfType<Guid>().Distinct().ToList();
        var emails = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        var rows = entries.Take(PageSize)
            .Select(e => new AuditRow(e, e.UserId is { } uid && emails.TryGetValue(uid, out var email) ? email : null))
            .ToList();
        return new AuditPage(rows, page, entries.Count > PageSize, []);
    }

    private static DateOnly? ParseDate(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)
            || DateOnly.TryParseExact(text.Trim(), "d.M.yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out iso))
        {
            return iso;
        }

        errors.Add(new FieldError(field, "Bitte geben Sie ein Datum wie 31.12.2026 ein."));
        return null;
    }
}
