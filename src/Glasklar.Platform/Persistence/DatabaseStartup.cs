using Microsoft.Extensions.Hosting;

namespace Glasklar.Platform.Persistence;

/// <summary>
/// Migrates (and seeds the demo) while the host is starting, before the server accepts requests.
/// A lifecycle hook rather than code in Main, so the test host runs it too.
/// </summary>
internal sealed class DatabaseStartup(DatabaseMigrator migrator) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        if (migrator.DemoEnabled)
        {
            await migrator.SeedDemoDataAsync(cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
