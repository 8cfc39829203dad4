using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Glasklar.Platform.Retention;

/// <summary>Applies every registered retention rule and returns the report (category and counts only).</summary>
public sealed class RetentionRunner(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>Name of the lease the daily job takes (table platform_job_leases).</summary>
    public const string LeaseName = "retention-daily";

    /// <summary>How long one node keeps the daily run for itself; a little under a day so the run does not drift later.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromHours(23);

    public async Task<IReadOnlyList<RetentionOutcome>> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Aufbewahrungsfristen");
        var report = new List<RetentionOutcome>();
        var context = new RetentionContext(now, scope.ServiceProvider.GetRequiredService<ILegalHolds>());
        foreach (var rule in scope.ServiceProvider.GetServices<IRetentionRule>())
        {
            report.Add(await rule.ApplyAsync(context, cancellationToken));
        }

        return report;
    }

    /// <summary>
    /// The daily run: only the node that acquires the lease runs the rules; every other node gets null.
    /// The lease is kept until it expires, so a node that ticks later the same day skips as well.
    /// </summary>
    public async Task<IReadOnlyList<RetentionOutcome>?> RunIfLeaseAsync(string node, CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
            if (!await leases.TryAcquireAsync(LeaseName, node, LeaseDuration, cancellationToken))
            {
                return null;
            }
        }

        return await RunAsync(cancellationToken);
    }

    /// <summary>Every registered rule's declared policy, for the DPO's overview.</summary>
    public IReadOnlyList<RetentionPolicy> Policies()
    {
        using var scope = scopes.CreateScope();
        return [.. scope.ServiceProvider.GetServices<IRetentionRule>().Select(r => r.Policy).OrderBy(p => p.Category, StringComparer.Ordinal)];
    }
}

/// <summary>
/// Checks every hour whether the daily retention run is due; the database lease (<see cref="RetentionRunner.RunIfLeaseAsync"/>)
/// makes exactly one node run it about once a day, and another node take over when that one is gone.
/// </summary>
internal sealed class DailyRetentionJob(RetentionRunner runner, TimeProvider clock, ILogger<DailyRetentionJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
            do
            {
                var report = await runner.RunIfLeaseAsync(JobLeases.ThisNode, stoppingToken);
                foreach (var outcome in report ?? [])
                {
                    logger.LogInformation("Aufbewahrung {Category}: {Deleted} gelöscht, {Anonymised} anonymisiert, {Blocked} gesperrt",
                        outcome.Category, outcome.Deleted, outcome.Anonymised, outcome.Blocked);
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
