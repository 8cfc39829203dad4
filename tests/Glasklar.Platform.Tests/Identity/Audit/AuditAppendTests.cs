using Glasklar.Platform.Audit;
using Glasklar.Platform.Organisations;
using Glasklar.Platform.Persistence;
using Glasklar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Platform.Tests.Identity.Audit;

/// <summary>
/// Appends from many requests at once, some of them inside their own write transaction, give one gapless,
/// intact chain (X5) and never wait on each other in a circle. The timeout guards against the deadlock that a
/// process-wide append lock caused: a caller holding the SQLite write lock waited for the lock, while the lock's
/// holder waited for the database.
/// </summary>
[Trait("Promise", "X5")]
public abstract class AuditAppendTests(string provider)
{
    [Fact(Timeout = 120_000)]
    public async Task Concurrent_appends_inside_and_outside_write_transactions_form_one_gapless_chain()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = PlatformServices.Build(database);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);

        const int appends = 24;
        await Task.WhenAll(Enumerable.Range(0, appends).Select(i => Task.Run(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            var details = new Dictionary<string, string> { ["nr"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (i % 2 == 0)
            {
                await audit.AppendAsync("test.outside", null, null, null, details, TestContext.Current.CancellationToken);
                return;
            }

            // The action first, so this scope holds the write lock when it appends.
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            await session.InTransactionAsync(async ct =>
            {
                platform.Organisations.Add(new Organisation(Guid.NewGuid(), $"Werkstatt {i}", OrganisationKind.Workshop, DateTime.UtcNow));
                await platform.SaveChangesAsync(ct);
                await audit.AppendAsync("test.inside", null, null, null, details, ct);
                return (true, true);
            }, TestContext.Current.CancellationToken);
        }, TestContext.Current.CancellationToken)));

        await using var check = services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var sequences = await db.AuditLog.AsNoTracking().OrderBy(a => a.Sequence).Select(a => a.Sequence).ToListAsync(TestContext.Current.CancellationToken);
        sequences.ShouldBe(Enumerable.Range(1, appends).Select(n => (long)n).ToList());
        var verification = await check.ServiceProvider.GetRequiredService<AuditLog>().VerifyAsync(TestContext.Current.CancellationToken);
        verification.Intact.ShouldBeTrue();
        (await db.Organisations.CountAsync(TestContext.Current.CancellationToken)).ShouldBe(appends / 2);
    }

    [Fact]
    public async Task An_entry_appended_inside_a_rolled_back_transaction_is_gone_with_the_action()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = PlatformServices.Build(database);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);

        await using (var scope = services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            await audit.AppendAsync("test.kept", null, null, null, [], TestContext.Current.CancellationToken);
            await scope.ServiceProvider.GetRequiredService<DbSession>().InTransactionAsync(async ct =>
            {
                await audit.AppendAsync("test.rolled-back", null, null, null, [], ct);
                return (false, false);
            }, TestContext.Current.CancellationToken);
            await audit.AppendAsync("test.after", null, null, null, [], TestContext.Current.CancellationToken);
        }

        await using var check = services.CreateAsyncScope();
        var rows = await check.ServiceProvider.GetRequiredService<PlatformDbContext>().AuditLog.AsNoTracking().OrderBy(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Action }).ToListAsync(TestContext.Current.CancellationToken);
        rows.Select(r => r.Action).ShouldBe(["test.kept", "test.after"]);
        rows.Select(r => r.Sequence).ShouldBe([1L, 2L]);
        (await check.ServiceProvider.GetRequiredService<AuditLog>().VerifyAsync(TestContext.Current.CancellationToken)).Intact.ShouldBeTrue();
    }
}

public sealed class AuditAppendTestsSqlite() : AuditAppendTests(Providers.Sqlite);

public sealed class AuditAppendTestsPostgres() : AuditAppendTests(Providers.Postgres);
