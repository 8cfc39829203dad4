using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Glasklar.Privacy.Tests.Consent;
using Glasklar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Clock = Glasklar.Testing.ManualClock;

namespace Glasklar.Privacy.Tests.Retention;

/// <summary>
/// Two "nodes" (two service providers, each with its own connections) on one real database compete for the
/// daily retention run: exactly one runs it, the other skips, and after the lease expires the other takes over.
/// </summary>
[Trait("Promise", "X6")]
public abstract class JobLeaseTests(string provider) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 3, 0, 0, TimeSpan.Zero);
    private readonly Clock _clockA = new(Start);
    private readonly Clock _clockB = new(Start);
    private TestDatabase? _database;
    private ServiceProvider? _nodeA;
    private ServiceProvider? _nodeB;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await Providers.CreateDatabaseAsync(provider);
        _nodeA = await PrivacyServices.MigratedAsync(_database, _clockA);
        _nodeB = PrivacyServices.Build(_database, _clockB);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in new[] { _nodeA, _nodeB })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Two_competing_nodes_run_the_daily_job_exactly_once()
    {
        var runnerA = _nodeA!.GetRequiredService<RetentionRunner>();
        var runnerB = _nodeB!.GetRequiredService<RetentionRunner>();
        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, 6).Select(async i =>
        {
            await start.WaitAsync(Ct);
            return i % 2 == 0
                ? (Node: "A", Report: await runnerA.RunIfLeaseAsync("node-a", Ct))
                : (Node: "B", Report: await runnerB.RunIfLeaseAsync("node-b", Ct));
        }).ToList();
        start.Release(attempts.Count);
        var results = await Task.WhenAll(attempts);

        // The lease holder may tick several times in the race, but only one node ever ran.
        var ran = results.Where(r => r.Report is not null).Select(r => r.Node).Distinct().ToList();
        ran.Count.ShouldBe(1);
        results.Where(r => r.Report is null).ShouldNotBeEmpty();
        var winner = ran[0];

        // Later the same day the other node still skips.
        _clockA.Advance(TimeSpan.FromHours(5));
        _clockB.Advance(TimeSpan.FromHours(5));
        var loser = winner == "A" ? runnerB : runnerA;
        (await loser.RunIfLeaseAsync(winner == "A" ? "node-b" : "node-a", Ct)).ShouldBeNull();

        // After the lease has expired (the winner is gone), the other node takes over and reports every category.
        _clockA.Advance(RetentionRunner.LeaseDuration);
        _clockB.Advance(RetentionRunner.LeaseDuration);
        var report = await loser.RunIfLeaseAsync(winner == "A" ? "node-b" : "node-a", Ct);
        report.ShouldNotBeNull();
        report.Select(o => o.Category).ShouldContain("Betroffenenanfragen");
        (await LeaseHolderAsync()).ShouldBe(winner == "A" ? "node-b" : "node-a");
    }

    [Fact]
    public async Task Many_simultaneous_acquisitions_yield_exactly_one_holder()
    {
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, 10).Select(async i =>
        {
            var node = i % 2 == 0 ? _nodeA! : _nodeB!;
            await using var scope = node.CreateAsyncScope();
            await start.WaitAsync(Ct);
            return await scope.ServiceProvider.GetRequiredService<JobLeases>().TryAcquireAsync("test-job", $"holder-{i}", TimeSpan.FromMinutes(10), Ct);
        }).ToList();
        start.Release(tasks.Count);
        var acquired = await Task.WhenAll(tasks);

        acquired.Count(a => a).ShouldBe(1);
    }

    [Fact]
    public async Task The_holder_can_renew_and_release_and_a_released_lease_is_free()
    {
        await using var scopeA = _nodeA!.CreateAsyncScope();
        await using var scopeB = _nodeB!.CreateAsyncScope();
        var leasesA = scopeA.ServiceProvider.GetRequiredService<JobLeases>();
        var leasesB = scopeB.ServiceProvider.GetRequiredService<JobLeases>();

        (await leasesA.TryAcquireAsync("renew", "a", TimeSpan.FromMinutes(10), Ct)).ShouldBeTrue();
        (await leasesA.TryAcquireAsync("renew", "a", TimeSpan.FromMinutes(10), Ct)).ShouldBeTrue();
        (await leasesB.TryAcquireAsync("renew", "b", TimeSpan.FromMinutes(10), Ct)).ShouldBeFalse();
        (await leasesB.ReleaseAsync("renew", "b", Ct)).ShouldBe(0);
        (await leasesA.ReleaseAsync("renew", "a", Ct)).ShouldBe(1);
        (await leasesB.TryAcquireAsync("renew", "b", TimeSpan.FromMinutes(10), Ct)).ShouldBeTrue();
    }

    private async Task<string> LeaseHolderAsync()
    {
        await using var scope = _nodeA!.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.Set<JobLease>().Where(l => l.Name == RetentionRunner.LeaseName).Select(l => l.Holder).SingleAsync(Ct);
    }
}

public sealed class JobLeaseTestsSqlite() : JobLeaseTests(Providers.Sqlite);

public sealed class JobLeaseTestsPostgres() : JobLeaseTests(Providers.Postgres);
