using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Privacy.Consent;
using Glasklar.Referrals.Domain;
using Glasklar.Referrals.Persistence;
using Glasklar.Referrals.Submission;
using Glasklar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Referrals.Tests;

/// <summary>SQLite group commit: concurrent submissions share commits, and one refused item stores nothing of itself only.</summary>
public sealed class GroupCommitTests
{
    [Fact]
    [Trait("Promise", "A6")]
    public async Task Concurrent_submissions_are_all_stored_with_their_consent_and_a_refused_one_leaves_no_trace()
    {
        await using var database = await Providers.CreateDatabaseAsync(Providers.Sqlite);
        await using var services = await ReferralServices.MigratedAsync(database);
        var writer = services.GetRequiredService<SqliteGroupCommit>();
        var agency = Guid.NewGuid();
        var actor = new ConsentActor(Guid.NewGuid(), agency, OnBehalfOf: true);
        var referrals = Enumerable.Range(0, 40).Select(i => new Referral(Guid.CreateVersion7(), agency, actor.UserId, ReferralMode.Schnell, "SN-1", DateTime.UtcNow,
            new MandatoryData("Muster", "+4930" + (1_000_000 + i), "B-AB " + (i + 1), "P" + i), new OptionalData(DamageType: "riss"), "v1")).ToList();
        var bad = referrals[17];

        var results = await Task.WhenAll(referrals.Select(r => Task.Run(() => writer.StoreAsync(r,
            new ConsentGrant($"referral:{r.Id}", "vermittlung-freiwillige-angaben", r == bad ? [] : ["damageType"], "v1", actor), TestContext.Current.CancellationToken))));

        results.Count(e => e is not null).ShouldBe(1);
        results[17].ShouldNotBeNull();
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        var stored = await scope.ServiceProvider.GetRequiredService<ReferralsDbContext>().Referrals.Select(r => r.Id).ToListAsync(TestContext.Current.CancellationToken);
        stored.Count.ShouldBe(39);
        stored.ShouldNotContain(bad.Id);
        var ledger = scope.ServiceProvider.GetRequiredService<IConsentLedger>();
        (await ledger.GetCurrentAsync($"referral:{referrals[3].Id}", "vermittlung-freiwillige-angaben", TestContext.Current.CancellationToken)).Granted.ShouldBeTrue();
        (await ledger.GetHistoryAsync($"referral:{bad.Id}", cancellationToken: TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }
}
