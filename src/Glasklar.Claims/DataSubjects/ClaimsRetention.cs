using Glasklar.Claims.Persistence;
using Glasklar.Claims.Receipts;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Glasklar.Claims.DataSubjects;

/// <summary>Drafts are deleted after <see cref="ClaimsOptions.DraftDays"/> days without change (B13).</summary>
internal sealed class DraftRetention(ClaimsDbContext db, IOptions<ClaimsOptions> options) : IRetentionRule
{
    public const string Category = "Antragsentwürfe";

    public RetentionPolicy Policy => new(Category, TimeSpan.FromDays(options.Value.DraftDays), "letzte Änderung des Entwurfs", RetentionAction.Delete);

    public async Task<RetentionOutcome> ApplyAsync(RetentionContext context, CancellationToken cancellationToken)
    {
        var cutoff = context.NowUtc.AddDays(-options.Value.DraftDays);
        var deleted = await db.Drafts.Where(d => d.UpdatedUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
        return new RetentionOutcome(Category, deleted, 0, 0);
    }
}

/// <summary>
/// Settled claims with their items and receipts are deleted <see cref="ClaimsOptions.SettledClaimYears"/> years
/// after settlement (B13); a claim under a legal hold ("claim:&lt;id&gt;") is blocked (restricted) instead.
/// Unsettled claims are never deleted by time: the process has not ended.
/// </summary>
internal sealed class SettledClaimRetention(ClaimsDbContext db, DbSession session, ReceiptStore store, IOptions<ClaimsOptions> options) : IRetentionRule
{
    public const string Category = "Erstattungsanträge und Belege";

    public RetentionPolicy Policy => new(Category, TimeSpan.FromDays(365.25 * options.Value.SettledClaimYears), "Abrechnung des Antrags", RetentionAction.Delete);

    public async Task<RetentionOutcome> ApplyAsync(RetentionContext context, CancellationToken cancellationToken)
    {
        var cutoff = context.NowUtc.AddYears(-options.Value.SettledClaimYears);
        var due = await db.Claims.Include(c => c.Items).Include(c => c.Receipts).Where(c => c.SettledUtc != null && c.SettledUtc < cutoff).ToListAsync(cancellationToken);
        int deleted = 0, blocked = 0;
        var files = new List<Guid>();
        foreach (var claim in due)
        {
            if (await context.Holds.IsHeldAsync(ClaimSubjects.Claim(claim.Id), Category, cancellationToken))
            {
                claim.SetRestricted(true);
                blocked++;
            }
            else
            {
                db.Claims.Remove(claim); // loaded items and receipts go with it
                files.AddRange(claim.Receipts.Select(r => r.Id));
                deleted++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        session.AfterCommit(() => store.Delete(files));
        return new RetentionOutcome(Category, deleted, 0, blocked);
    }
}

internal static class ClaimSubjects
{
    public static string Claim(Guid id) => $"claim:{id:D}";
}

/// <summary>
/// Receipt files without a receipt row (ADR 0032): left behind when the process stopped between writing a file and
/// committing its claim, or between deleting a row and its file. Deleted once they are an hour old.
/// </summary>
internal sealed class OrphanReceiptFileRetention(ReceiptStore store) : IRetentionRule
{
    public static readonly TimeSpan MinimumAge = TimeSpan.FromHours(1);

    public RetentionPolicy Policy => new("Belegdateien ohne Antrag", MinimumAge, "Schreiben der Datei", RetentionAction.Delete);

    public async Task<RetentionOutcome> ApplyAsync(RetentionContext context, CancellationToken cancellationToken) =>
        new(Policy.Category, await store.DeleteOrphansAsync(context.NowUtc - MinimumAge, cancellationToken), 0, 0);
}
