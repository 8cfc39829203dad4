using Glasklar.Claims.Persistence;
using Glasklar.Claims.Processing;
using Glasklar.Claims.Submission;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Claims.Timeline;

/// <summary>One step of the status timeline: a fixed kind, its German label and when it happened. No content.</summary>
public sealed record TimelineStep(string Step, string Label, DateTimeOffset At);

/// <summary>
/// The status timeline (B3): "Eingegangen" and "Abgerechnet" come from the claim itself, the steps between
/// from recorded <see cref="ClaimEvent"/>s. Customer and clerk see the same steps.
/// </summary>
internal sealed class ClaimTimeline(ClaimsDbContext db, ClaimAccess access, TimeProvider clock)
{
    /// <summary>Adds an event to the context; the caller saves it in its own transaction.</summary>
    public void Add(Guid claimId, ClaimEventKind kind, Guid? actorUserId) =>
        db.Set<ClaimEvent>().Add(new ClaimEvent(Guid.NewGuid(), claimId, kind, clock.GetUtcNow().UtcDateTime, actorUserId));

    /// <summary>"In Prüfung" the first time a clerk opens an unsettled claim; later openings change nothing.</summary>
    public async Task MarkInReviewAsync(Guid clerkUserId, Guid claimId, CancellationToken cancellationToken)
    {
        var claim = await access.FindAsync(ClaimCaller.Clerk(clerkUserId), claimId, cancellationToken);
        if (claim is null || claim.Status == ClaimStatus.Abgerechnet
            || await db.Set<ClaimEvent>().AnyAsync(e => e.ClaimId == claimId && e.Kind == ClaimEventKind.InPruefung, cancellationToken))
        {
            return;
        }

        Add(claimId, ClaimEventKind.InPruefung, clerkUserId);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TimelineStep>?> ForAsync(ClaimCaller caller, Guid claimId, CancellationToken cancellationToken)
    {
        var claim = await access.FindAsync(caller, claimId, cancellationToken);
        if (claim is null)
        {
            return null;
        }

        var events = await db.Set<ClaimEvent>().AsNoTracking().Where(e => e.ClaimId == claimId).ToListAsync(cancellationToken);
        var steps = new List<(ClaimEventKind Kind, DateTime At)> { (ClaimEventKind.Eingegangen, claim.SubmittedUtc) };
        steps.AddRange(events.Select(e => (e.Kind, e.AtUtc)));
        if (claim.SettledUtc is { } settled)
        {
            steps.Add((ClaimEventKind.Abgerechnet, settled));
        }

        return [.. steps.OrderBy(s => s.At).ThenBy(s => s.Kind)
            .Select(s => new TimelineStep(Key(s.Kind), Label(s.Kind), new DateTimeOffset(DateTime.SpecifyKind(s.At, DateTimeKind.Utc))))];
    }

    public static string Key(ClaimEventKind kind) => kind switch
    {
        ClaimEventKind.Eingegangen => "eingegangen",
        ClaimEventKind.InPruefung => "in-pruefung",
        ClaimEventKind.UnterlagenAngefordert => "unterlagen-angefordert",
        ClaimEventKind.UnterlagenEingegangen => "unterlagen-eingegangen",
        _ => "abgerechnet",
    };

    public static string Label(ClaimEventKind kind) => kind switch
    {
        ClaimEventKind.Eingegangen => "Eingegangen",
        ClaimEventKind.InPruefung => "In Prüfung",
        ClaimEventKind.UnterlagenAngefordert => "Unterlagen angefordert",
        ClaimEventKind.UnterlagenEingegangen => "Unterlagen eingegangen",
        _ => "Abgerechnet",
    };
}
