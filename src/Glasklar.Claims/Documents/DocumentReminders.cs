using Glasklar.Claims.Messages;
using Glasklar.Claims.Persistence;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Glasklar.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glasklar.Claims.Documents;

/// <summary>Settings under <c>Glasklar:Claims:Reminders</c> (operator-specific, with defaults).</summary>
public sealed class DocumentReminderOptions
{
    public const string Section = "Glasklar:Claims:Reminders";

    /// <summary>The first reminder goes out this many days before the due date (default 3).</summary>
    public int DaysBefore { get; set; } = 3;

    /// <summary>How often the job looks for due reminders, in minutes (default 60).</summary>
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>A clerk may set a due date at most this many days ahead (default 90).</summary>
    public int MaxDueDays { get; set; } = 90;
}

/// <summary>
/// Reminders for missing documents (B4 service information, B7 neutral): for every open task one mail
/// <see cref="DocumentReminderOptions.DaysBefore"/> days before the due date and one after it has passed,
/// each at most once (the time it went out is stored). A task that is already overdue when the job first
/// sees it gets only the second reminder. The mail is the fixed portal notice; no claim or health content.
/// </summary>
internal sealed class DocumentReminderRunner(IServiceScopeFactory scopes, TimeProvider clock, IOptions<DocumentReminderOptions> options)
{
    public const string LeaseName = "claims-document-reminders";

    public async Task<int?> RunIfLeaseAsync(string node, CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
            var duration = TimeSpan.FromMinutes(Math.Max(1, options.Value.IntervalMinutes - 1));
            if (!await leases.TryAcquireAsync(LeaseName, node, duration, cancellationToken))
            {
                return null;
            }
        }

        return await RunAsync(cancellationToken);
    }

    /// <summary>Sends every reminder that is due now; returns how many mails went out.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Erinnerungen an fehlende Unterlagen");
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var notices = scope.ServiceProvider.GetRequiredService<PortalNotices>();
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, DocumentRequestService.Berlin).DateTime);
        var soon = today.AddDays(options.Value.DaysBefore);
        var due = await (from r in db.Set<DocumentRequest>()
                         join c in db.Claims on r.ClaimId equals c.Id
                         where r.FulfilledUtc == null && !c.Restricted && c.SettledUtc == null
                               && ((r.ReminderBeforeUtc == null && r.DueDate <= soon) || (r.ReminderAfterUtc == null && r.DueDate < today))
                         select new { Request = r, Claim = c }).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var item in due)
        {
            var request = item.Request;
            if (request.DueDate < today)
            {
                request.MarkReminderAfter(now.UtcDateTime);
                if (request.ReminderBeforeUtc is null)
                {
                    request.MarkReminderBefore(now.UtcDateTime); // too late for "before": only the one reminder
                }
            }
            else
            {
                request.MarkReminderBefore(now.UtcDateTime);
            }

            // Marked first, then sent: a crash between the two loses one reminder rather than sending it twice.
            await db.SaveChangesAsync(cancellationToken);
            await notices.ToCustomerAsync(item.Claim, cancellationToken);
            sent++;
        }

        return sent;
    }
}

/// <summary>Runs the reminders every <see cref="DocumentReminderOptions.IntervalMinutes"/>; the job lease lets one node do it.</summary>
internal sealed class DocumentReminderJob(DocumentReminderRunner runner, TimeProvider clock, IOptions<DocumentReminderOptions> options, ILogger<DocumentReminderJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(2), clock, stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.IntervalMinutes)), clock);
            do
            {
                try
                {
                    if (await runner.RunIfLeaseAsync(JobLeases.ThisNode, stoppingToken) is { } sent && sent > 0)
                    {
                        logger.LogInformation("Erinnerungen an fehlende Unterlagen: {Sent} versandt", sent);
                    }
                }
                catch (Exception e) when (e is DbUpdateException or InvalidOperationException or IOException)
                {
                    logger.LogWarning("Erinnerungen an fehlende Unterlagen fehlgeschlagen: {Error}", e.GetType().Name);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
