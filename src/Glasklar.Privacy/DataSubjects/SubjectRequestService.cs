using Glasklar.Platform.Audit;
using Glasklar.Platform.Persistence;
using Glasklar.Privacy.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Privacy.DataSubjects;

/// <summary>What a person (or staff for a caller) files.</summary>
public sealed record SubjectRequestFiling(
    SubjectRequestKind? Kind,
    DataSubject Subject,
    string? Details,
    Guid FiledByUserId,
    Guid? FiledByOrganisationId,
    bool OnBehalf,
    bool IdentityConfirmed,
    string? IdentityCheck,
    string? IpAddress = null);

/// <summary>A request as the queue, the detail page and the customer see it.</summary>
public sealed record SubjectRequestView(
    Guid Id,
    SubjectRequestKind Kind,
    SubjectRequestState State,
    DataSubject Subject,
    string? Details,
    DateTimeOffset ReceivedAt,
    DateOnly DueOn,
    bool OnBehalf,
    string? IdentityCheck,
    Guid FiledByUserId,
    string? Answer,
    DateTimeOffset? AnsweredAt)
{
    public bool IsOpen => State is SubjectRequestState.Received or SubjectRequestState.InProgress;

    public int DaysLeft(DateOnly today) => DueOn.DayNumber - today.DayNumber;
}

/// <summary>Success with the request, or German errors per field (nothing is stored then).</summary>
public sealed record SubjectRequestResult(SubjectRequestView? Request, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Request is not null;

    public static SubjectRequestResult Failed(string field, string message) => new(null, new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>What an erasure did in every module (X7): counts and what was kept why, no values.</summary>
public sealed record ErasureReport(IReadOnlyList<ErasureOutcome> Modules)
{
    public int Deleted => Modules.Sum(m => m.Deleted);

    public int Anonymised => Modules.Sum(m => m.Anonymised);

    public IEnumerable<KeptData> Kept => Modules.SelectMany(m => m.Kept);

    public string Summary()
    {
        var lines = new List<string> { $"Gelöscht: {Deleted} Datensätze, anonymisiert: {Anonymised}." };
        lines.AddRange(Kept.Select(k => $"Aufbewahrt und gesperrt: {k.Category} ({k.Count}) – {k.Reason}" + (k.BlockedUntil is { } until ? $" (bis {until:dd.MM.yyyy})" : "")));
        return string.Join('\n', lines);
    }
}

/// <summary>
/// Data-subject requests (X7, B14): filing, the DPO's work queue with the Art. 12(3) deadline, recorded
/// answers, and carrying out erasure and restriction across every registered <see cref="IPersonalDataSource"/>.
/// </summary>
public interface ISubjectRequests
{
    Task<SubjectRequestResult> FileAsync(SubjectRequestFiling filing, CancellationToken cancellationToken);

    /// <summary>The work queue: open requests first, by deadline; blocked requests are not shown.</summary>
    Task<IReadOnlyList<SubjectRequestView>> QueueAsync(bool includeClosed, CancellationToken cancellationToken);

    Task<IReadOnlyList<SubjectRequestView>> ForUserAsync(Guid userId, CancellationToken cancellationToken);

    Task<SubjectRequestView?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Records the DPO's answer and closes the request (completed or rejected).</summary>
    Task<SubjectRequestResult> AnswerAsync(Guid id, bool rejected, string? answer, Guid byUserId, CancellationToken cancellationToken);

    /// <summary>Erases the subject's data in every module in one transaction and closes the request with the report.</summary>
    Task<(SubjectRequestResult Result, ErasureReport? Report)> EraseAsync(Guid id, Guid byUserId, CancellationToken cancellationToken);

    /// <summary>Sets the restriction flag in every module and closes the request.</summary>
    Task<SubjectRequestResult> RestrictAsync(Guid id, Guid byUserId, CancellationToken cancellationToken);
}

internal sealed class SubjectRequestService(PrivacyDbContext db, PlatformDbContext platform, DbSession session, AuditLog audit, IEnumerable<IPersonalDataSource> sources, TimeProvider clock)
    : ISubjectRequests
{
    public async Task<SubjectRequestResult> FileAsync(SubjectRequestFiling filing, CancellationToken cancellationToken)
    {
        var errors = SubjectRequestValidation.Check(filing);
        if (errors.Count > 0)
        {
            return new SubjectRequestResult(null, errors);
        }

        var subject = SubjectRequestValidation.Normalise(filing.Subject);
        if (subject.UserId is null && subject.Email is { } email)
        {
            // A caller with an account: tie the request to it, so every module finds the person by id.
            var userId = await platform.Users.AsNoTracking().Where(u => u.Email == email).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken);
            subject = subject with { UserId = userId };
        }
        else if (subject.UserId is { } id && subject.Email is null)
        {
            // The person filed signed in: the queue shows the account's e-mail address, not just an id.
            subject = subject with { Email = await platform.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken) };
        }

        var request = new SubjectRequest(Guid.NewGuid(), filing.Kind!.Value, subject, Trimmed(filing.Details), clock.GetUtcNow().UtcDateTime,
            filing.FiledByUserId, filing.FiledByOrganisationId, filing.OnBehalf, filing.OnBehalf ? Trimmed(filing.IdentityCheck) : "angemeldet (eigenes Konto)");
        // The request and its audit entry land together (X7: every filing is on record, whoever filed it).
        await session.JoinOrBeginTransactionAsync(async ct =>
        {
            db.SubjectRequests.Add(request);
            await db.SaveChangesAsync(ct);
            var details = new Dictionary<string, string> { ["request"] = request.Id.ToString("D"), ["kind"] = request.Kind.ToString() };
            if (filing.OnBehalf)
            {
                details["onBehalf"] = "true";
            }

            await audit.AppendAsync("privacy.request-filed", filing.FiledByUserId, filing.FiledByOrganisationId, filing.IpAddress, details, ct);
        }, cancellationToken);
        db.Entry(request).State = EntityState.Detached;
        return Ok(request);
    }

    public async Task<IReadOnlyList<SubjectRequestView>> QueueAsync(bool includeClosed, CancellationToken cancellationToken)
    {
        var query = db.SubjectRequests.AsNoTracking().Where(r => !r.Blocked);
        if (!includeClosed)
        {
            query = query.Where(r => r.State == SubjectRequestState.Received || r.State == SubjectRequestState.InProgress);
        }

        var requests = await query.ToListAsync(cancellationToken);
        return [.. requests.OrderByDescending(r => r.IsOpen).ThenBy(r => r.DueOn).ThenBy(r => r.ReceivedUtc).Select(View)];
    }

    public async Task<IReadOnlyList<SubjectRequestView>> ForUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        var requests = await db.SubjectRequests.AsNoTracking().Where(r => r.SubjectUserId == userId).ToListAsync(cancellationToken);
        return [.. requests.OrderByDescending(r => r.ReceivedUtc).Select(View)];
    }

    public async Task<SubjectRequestView?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.SubjectRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && !r.Blocked, cancellationToken) is { } r ? View(r) : null;

    public async Task<SubjectRequestResult> AnswerAsync(Guid id, bool rejected, string? answer, Guid byUserId, CancellationToken cancellationToken)
    {
        var text = answer?.Trim() ?? "";
        if (text.Length == 0 || text.Length > SubjectRequest.AnswerMaxLength)
        {
            return SubjectRequestResult.Failed("answer", $"Bitte tragen Sie die Antwort an die betroffene Person ein (höchstens {SubjectRequest.AnswerMaxLength} Zeichen).");
        }

        var request = await OpenAsync(id, cancellationToken);
        if (request is null)
        {
            return SubjectRequestResult.Failed("id", "Diese Anfrage gibt es nicht oder sie ist bereits abgeschlossen.");
        }

        request.Close(rejected ? SubjectRequestState.Rejected : SubjectRequestState.Completed, text, byUserId, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return Ok(request);
    }

    public async Task<(SubjectRequestResult Result, ErasureReport? Report)> EraseAsync(Guid id, Guid byUserId, CancellationToken cancellationToken)
    {
        return await session.InTransactionAsync<(SubjectRequestResult, ErasureReport?)>(async ct =>
        {
            var request = await OpenAsync(id, ct);
            if (request is null || request.Kind != SubjectRequestKind.Erasure)
            {
                return (false, (SubjectRequestResult.Failed("id", "Diese Anfrage ist keine offene Löschanfrage."), null));
            }

            var outcomes = new List<ErasureOutcome>();
            foreach (var source in sources)
            {
                outcomes.Add(await source.EraseAsync(request.Subject, ct));
            }

            var report = new ErasureReport(outcomes);
            request.Close(SubjectRequestState.Completed, report.Summary(), byUserId, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            return (true, (Ok(request), report));
        }, cancellationToken);
    }

    public async Task<SubjectRequestResult> RestrictAsync(Guid id, Guid byUserId, CancellationToken cancellationToken)
    {
        return await session.InTransactionAsync(async ct =>
        {
            var request = await OpenAsync(id, ct);
            if (request is null || request.Kind != SubjectRequestKind.Restriction)
            {
                return (false, SubjectRequestResult.Failed("id", "Diese Anfrage ist keine offene Anfrage auf Einschränkung."));
            }

            var affected = 0;
            foreach (var source in sources)
            {
                affected += await source.SetRestrictedAsync(request.Subject, true, ct);
            }

            request.Close(SubjectRequestState.Completed, $"Die Verarbeitung ist eingeschränkt ({affected} Datensätze gekennzeichnet).", byUserId, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            return (true, Ok(request));
        }, cancellationToken);
    }

    private async Task<SubjectRequest?> OpenAsync(Guid id, CancellationToken cancellationToken) =>
        await db.SubjectRequests.SingleOrDefaultAsync(r => r.Id == id && !r.Blocked
            && (r.State == SubjectRequestState.Received || r.State == SubjectRequestState.InProgress), cancellationToken);

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static SubjectRequestResult Ok(SubjectRequest request) => new(View(request), new Dictionary<string, string[]>());

    internal static SubjectRequestView View(SubjectRequest r) => new(r.Id, r.Kind, r.State, r.Subject, r.Details,
        new DateTimeOffset(DateTime.SpecifyKind(r.ReceivedUtc, DateTimeKind.Utc)), r.DueOn, r.OnBehalf, r.IdentityCheck, r.FiledByUserId, r.Answer,
        r.AnsweredUtc is { } a ? new DateTimeOffset(DateTime.SpecifyKind(a, DateTimeKind.Utc)) : null);
}
