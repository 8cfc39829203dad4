using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Telematics.Exports;
using Glasklar.Telematics.Persistence;
using Glasklar.Telematics.Portal;
using Glasklar.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.TelematicsPortal;

/// <summary>An export job whose worker died (process restart) does not stay "running" forever (C15).</summary>
[Trait("Promise", "C15")]
public abstract class ExportRecoveryTests(string provider)
{
    // An hour between polls: whatever runs, runs because the worker looks at start-up.
    private static readonly Dictionary<string, string?> SlowPolling = new() { ["Telematics:Portal:PollInterval"] = "01:00:00" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_running_job_with_an_old_heartbeat_is_run_again_after_a_restart_and_a_live_one_is_left_alone()
    {
        Providers.SkipUnlessAvailable(provider);
        await using var database = await TestDatabase.CreateAsync(provider);
        var now = DateTime.UtcNow;
        var stuck = Job(ExportStatus.Running, heartbeat: now.AddHours(-1), created: now.AddMinutes(-70));
        var live = Job(ExportStatus.Running, heartbeat: now.AddSeconds(5), created: now.AddMinutes(-60)); // another node's, still beating
        await using (var factory = new GlasklarFactory(database, SlowPolling))
        await using (var before = factory.WithWebHostBuilder(b => b.ConfigureServices(services =>
            services.Remove(services.Single(d => d.ImplementationType == typeof(ExportWorker)))))) // the worker that will "die"
        {
            _ = before.Server; // migrates
            await WithDbAsync(before.Services, async db =>
            {
                db.Set<ExportJob>().AddRange(stuck, live);
                await db.SaveChangesAsync(Ct);
                return 0;
            });
        }

        // The process ended with the job "running" and a half-written file.
        var files = new ExportFiles(Microsoft.Extensions.Options.Options.Create(new Glasklar.Platform.Configuration.GlasklarOptions { DataDirectory = database.DataDirectory }));
        Directory.CreateDirectory(files.Directory);
        await File.WriteAllTextAsync(files.PathFor(stuck) + ".part", "<gpx", Ct);

        await using var after = new GlasklarFactory(database, SlowPolling);
        _ = after.Server;
        ExportJob? done = null;
        for (var i = 0; i < 300 && done?.Status != ExportStatus.Done; i++)
        {
            await Task.Delay(100, Ct);
            done = await WithDbAsync(after.Services, db => db.Set<ExportJob>().AsNoTracking().SingleAsync(j => j.Id == stuck.Id, Ct));
        }

        done!.Status.ShouldBe(ExportStatus.Done);
        done.FinishedUtc.ShouldNotBeNull();
        File.Exists(files.PathFor(stuck) + ".part").ShouldBeFalse();
        (await File.ReadAllTextAsync(files.PathFor(stuck), Ct)).ShouldContain("<gpx");
        var untouched = await WithDbAsync(after.Services, db => db.Set<ExportJob>().AsNoTracking().SingleAsync(j => j.Id == live.Id, Ct));
        untouched.Status.ShouldBe(ExportStatus.Running);
        untouched.FinishedUtc.ShouldBeNull();
    }

    private static ExportJob Job(ExportStatus status, DateTime heartbeat, DateTime created) => new()
    {
        Id = Guid.NewGuid(),
        CustomerUserId = Guid.NewGuid(), // no boxes: an empty but complete export
        Format = ExportFormat.Gpx,
        FromUtc = created.Date.AddDays(-30),
        ToUtc = created.Date,
        Status = status,
        TotalPositions = 1000,
        DonePositions = 400,
        CreatedUtc = created,
        HeartbeatUtc = heartbeat,
        ExpiresUtc = created.AddHours(24),
    };

    private static async Task<T> WithDbAsync<T>(IServiceProvider services, Func<TelematicsDbContext, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        return await work(scope.ServiceProvider.GetRequiredService<TelematicsDbContext>());
    }
}

public sealed class ExportRecoveryTestsSqlite() : ExportRecoveryTests(Providers.Sqlite);

public sealed class ExportRecoveryTestsPostgres() : ExportRecoveryTests(Providers.Postgres);
