using System.Text.RegularExpressions;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Glasklar.Platform.AccessLog;

/// <summary>Settings under <c>Glasklar:AccessLog</c>.</summary>
public sealed class AccessLogOptions
{
    public const string Section = "Glasklar:AccessLog";

    /// <summary>A11: technical usage data is deleted after 7 days.</summary>
    public int RetentionDays { get; set; } = 7;
}

/// <summary>
/// Deletes access-log rows older than the retention period (A11). Before deleting, it adds them to the
/// anonymous usage statistics: request counts per hour and area, nothing that identifies anyone (B10).
/// </summary>
internal sealed partial class AccessLogRetention(PlatformDbContext db, IOptions<AccessLogOptions> options) : IRetentionRule
{
    public RetentionPolicy Policy => new("Zugriffsprotokoll (technische Nutzungsdaten)",
        TimeSpan.FromDays(options.Value.RetentionDays), "Zeitpunkt des Zugriffs", RetentionAction.Delete);

    public async Task<RetentionOutcome> ApplyAsync(RetentionContext context, CancellationToken cancellationToken)
    {
        var cutoff = context.NowUtc.AddDays(-options.Value.RetentionDays);
        var deleted = 0;
        while (true)
        {
            var batch = await db.AccessLog.Where(a => a.OccurredUtc < cutoff).OrderBy(a => a.Id).Take(5_000)
                .Select(a => new { a.Id, a.OccurredUtc, a.Path }).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var groups = batch.GroupBy(a => (Hour: TruncateToHour(a.OccurredUtc), Area: AreaOf(a.Path)));
            foreach (var group in groups)
            {
                var statistic = await db.UsageStatistics.FindAsync([group.Key.Hour, group.Key.Area], cancellationToken);
                if (statistic is null)
                {
                    db.UsageStatistics.Add(new UsageStatistic(group.Key.Hour, group.Key.Area, group.Count()));
                }
                else
                {
                    statistic.Add(group.Count());
                }
            }

            var maxId = batch[^1].Id;
            await db.SaveChangesAsync(cancellationToken);
            deleted += await db.AccessLog.Where(a => a.OccurredUtc < cutoff && a.Id <= maxId).ExecuteDeleteAsync(cancellationToken);
        }

        return new RetentionOutcome(Policy.Category, deleted, 0, 0);
    }

    private static DateTime TruncateToHour(DateTime utc) => new(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);

    /// <summary>First path segment only, and only if it looks like a route name (never an identifier).</summary>
    internal static string AreaOf(string path)
    {
        var first = path.Trim('/').Split('/', 2)[0].ToLowerInvariant();
        if (first.Length == 0)
        {
            return "start";
        }

        return first.Length <= 40 && AreaName().IsMatch(first) ? first : "sonstige";
    }

    [GeneratedRegex("^[a-z][a-z-]{1,39}$")]
    private static partial Regex AreaName();
}
