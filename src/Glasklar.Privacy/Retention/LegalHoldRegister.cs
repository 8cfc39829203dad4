using System.Text.RegularExpressions;
using Glasklar.Platform.Retention;
using Glasklar.Privacy.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Privacy.Retention;

/// <summary>What the DPO enters to place a hold.</summary>
public sealed record LegalHoldRequest(string? SubjectRef, string? Category, string? Reason, DateOnly? EndsOn, Guid CreatedByUserId);

/// <summary>A hold as the DPO page and erasure reports show it.</summary>
public sealed record LegalHoldView(Guid Id, string SubjectRef, string Category, string Reason, DateOnly EndsOn, DateTimeOffset CreatedAt, bool Active);

/// <summary>Success with the hold, or the German errors per field.</summary>
public sealed record LegalHoldResult(LegalHoldView? Hold, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Hold is not null;
}

/// <summary>
/// The register of legal holds (X6). Implements the platform's <see cref="ILegalHolds"/>, so every
/// retention rule and every erasure asks it before deleting; held data is blocked instead.
/// </summary>
public interface ILegalHoldRegister : ILegalHolds
{
    Task<LegalHoldResult> PlaceAsync(LegalHoldRequest request, CancellationToken cancellationToken);

    Task<bool> LiftAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The active hold on that subject and category (or on all its categories), if any.</summary>
    Task<LegalHoldView?> FindActiveAsync(string subjectRef, string category, CancellationToken cancellationToken);

    Task<IReadOnlyList<LegalHoldView>> ListAsync(CancellationToken cancellationToken);
}

internal sealed partial class LegalHoldRegister(PrivacyDbContext db, TimeProvider clock) : ILegalHoldRegister
{
    public async Task<bool> IsHeldAsync(string subjectRef, string category, CancellationToken cancellationToken) =>
        await FindActiveAsync(subjectRef, category, cancellationToken) is not null;

    public async Task<LegalHoldView?> FindActiveAsync(string subjectRef, string category, CancellationToken cancellationToken)
    {
        var today = Today;
        var holds = await db.LegalHolds.AsNoTracking()
            .Where(h => h.SubjectRef == subjectRef && h.LiftedUtc == null && h.EndsOn >= today)
            .Where(h => h.Category == category || h.Category == LegalHold.AllCategories)
            .ToListAsync(cancellationToken);
        return holds.OrderByDescending(h => h.EndsOn).Select(View).FirstOrDefault();
    }

    public async Task<LegalHoldResult> PlaceAsync(LegalHoldRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var subject = request.SubjectRef?.Trim() ?? "";
        var category = request.Category?.Trim() ?? "";
        var reason = request.Reason?.Trim() ?? "";
        if (!SubjectFormat().IsMatch(subject) || subject.Length > LegalHold.SubjectMaxLength)
        {
            errors["subjectRef"] = ["Bitte geben Sie die Bezugsreferenz im Format „modul:kennung“ an (ohne Leerzeichen, ohne Namen oder E-Mail-Adresse), z. B. user:…"];
        }

        if (category.Length == 0 || category.Length > LegalHold.CategoryMaxLength)
        {
            errors["category"] = ["Bitte wählen Sie die Datenkategorie (oder „*“ für alle Kategorien)."];
        }

        if (reason.Length < 5 || reason.Length > LegalHold.ReasonMaxLength)
        {
            errors["reason"] = [$"Bitte nennen Sie den Grund der Sperre (Rechtsgrundlage), 5 bis {LegalHold.ReasonMaxLength} Zeichen."];
        }

        if (request.EndsOn is not { } endsOn)
        {
            errors["endsOn"] = ["Bitte geben Sie an, bis wann die Sperre gilt."];
        }
        else if (endsOn < Today)
        {
            errors["endsOn"] = ["Das Ende der Sperre darf nicht in der Vergangenheit liegen."];
        }

        if (errors.Count > 0)
        {
            return new LegalHoldResult(null, errors);
        }

        var hold = new LegalHold(Guid.NewGuid(), subject, category, reason, request.EndsOn!.Value, clock.GetUtcNow().UtcDateTime, request.CreatedByUserId);
        db.LegalHolds.Add(hold);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(hold).State = EntityState.Detached;
        return new LegalHoldResult(View(hold), errors);
    }

    public async Task<bool> LiftAsync(Guid id, CancellationToken cancellationToken)
    {
        var hold = await db.LegalHolds.SingleOrDefaultAsync(h => h.Id == id && h.LiftedUtc == null, cancellationToken);
        if (hold is null)
        {
            return false;
        }

        hold.Lift(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<LegalHoldView>> ListAsync(CancellationToken cancellationToken)
    {
        var holds = await db.LegalHolds.AsNoTracking().ToListAsync(cancellationToken);
        return [.. holds.OrderByDescending(h => h.IsActiveOn(Today)).ThenBy(h => h.EndsOn).Select(View)];
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private LegalHoldView View(LegalHold h) =>
        new(h.Id, h.SubjectRef, h.Category, h.Reason, h.EndsOn, new DateTimeOffset(DateTime.SpecifyKind(h.CreatedUtc, DateTimeKind.Utc)), h.IsActiveOn(Today));

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}:[A-Za-z0-9._-]{1,150}$")]
    private static partial Regex SubjectFormat();
}
