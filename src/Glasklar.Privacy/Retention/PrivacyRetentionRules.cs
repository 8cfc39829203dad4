using Glasklar.Platform.Retention;
using Glasklar.Privacy.DataSubjects;
using Glasklar.Privacy.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Glasklar.Privacy.Retention;

/// <summary>Settings under <c>Glasklar:Privacy:Retention</c> (operator-specific, with defaults).</summary>
public sealed class PrivacyRetentionOptions
{
    public const string Section = "Glasklar:Privacy:Retention";

    /// <summary>Closed data-subject requests are kept as proof of their handling (default 3 years, § 195 BGB).</summary>
    public int SubjectRequestYears { get; set; } = 3;

    /// <summary>Ended or lifted legal holds are kept this long as a record, then deleted.</summary>
    public int EndedHoldDays { get; set; } = 365;
}

/// <summary>
/// Closed data-subject requests are deleted after their period; a request under a legal hold
/// (subject "dsr:&lt;id&gt;" or the person's "user:&lt;id&gt;") is blocked instead: hidden from the work
/// queue and kept until the hold ends, then deleted by a later run.
/// </summary>
internal sealed class SubjectRequestRetention(PrivacyDbContext db, IOptions<PrivacyRetentionOptions> options) : IRetentionRule
{
    public RetentionPolicy Policy => new(SubjectRequestDataSource.Category, TimeSpan.FromDays(365.25 * options.Value.SubjectRequestYears),
        "Abschluss der Anfrage", RetentionAction.Delete);

    public async Task<RetentionOutcome> ApplyAsync(RetentionContext context, CancellationToken cancellationToken)
    {
        var cutoff = context.NowUtc.AddYears(-options.Value.SubjectRequestYears);
        var due = await db.SubjectRequests.Where(r => r.ClosedUtc != null && r.ClosedUtc < cutoff).ToListAsync(cancellationToken);
        int deleted = 0, blocked = 0;
        foreach (var request in due)
        {
            var held = await context.Holds.IsHeldAsync($"dsr:{request.Id:D}", Policy.Category, cancellationToken)
                || (request.SubjectUserId is { } user && await context.Holds.IsHeldAsync(PlatformSubjects.User(user), Policy.Category, cancellationToken));
            if (held)
            {
                request.Block();
                blocked++;
            }
            else
            {
                db.SubjectRequests.Remove(request);
                deleted++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new RetentionOutcome(Policy.Category, deleted, 0, blocked);
    }
}

/// <summary>Ended or lifted holds are removed after a year; active holds are never touched.</summary>
internal sealed class EndedHoldRetention(PrivacyDbContext db, IOptions<PrivacyRetentionOptions> options) : IRetentionRule
{
    public RetentionPolicy Policy => new("Rechtliche Sperren (beendet)", TimeSpan.FromDays(options.Value.EndedHoldDays),
        "Ende oder Aufhebung der Sperre", RetentionAction.Delete);

    public async Task<RetentionOutcome> ApplyAsync(RetentionContext context, CancellationToken cancellationToken)
    {
        var cutoff = context.NowUtc.AddDays(-options.Value.EndedHoldDays);
        var cutoffDay = DateOnly.FromDateTime(cutoff);
        var deleted = await db.LegalHolds.Where(h => (h.LiftedUtc != null && h.LiftedUtc < cutoff) || h.EndsOn < cutoffDay).ExecuteDeleteAsync(cancellationToken);
        return new RetentionOutcome(Policy.Category, deleted, 0, 0);
    }
}
