using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Platform.Retention;

/// <summary>Applies every registered retention rule and returns the report (category and counts only).</summary>
public sealed class RetentionRunner(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<IReadOnlyList<RetentionOutcome>> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Persistence.DbSession>().Tenant = Tenancy.TenantScope.AllTenants("Aufbewahrungsfristen");
        var report = new List<RetentionOutcome>();
        var context = new RetentionContext(now, scope.ServiceProvider.GetRequiredService<ILegalHolds>());
        foreach (var rule in scope.ServiceProvider.GetServices<IRetentionRule>())
        {
            report.Add(await rule.ApplyAsync(context, cancellationToken));
        }

        return report;
    }
}

/// <summary>Runs the retention rules once a day (first run a minute after start).</summary>
internal sealed class DailyRetentionJob(RetentionRunner runner, TimeProvider clock, Microsoft.Extensions.Logging.ILogger<DailyRetentionJob> logger)
    : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromDays(1), clock);
            do
            {
                foreach (var outcome in await runner.RunAsync(stoppingToken))
                {
                    Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger,
                        "Aufbewahrung {Category}: {Deleted} gelöscht, {Anonymised} anonymisiert, {Blocked} gesperrt",
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
