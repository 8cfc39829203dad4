using Glasklar.Platform.Persistence;
using Glasklar.Privacy.Consent;
using Glasklar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Privacy.Tests.Consent;

/// <summary>
/// Two writers that both append to the same subject+purpose: the second one read a state that is no
/// longer current, so it must get a typed conflict instead of silently interleaving the history.
/// PostgreSQL only, because there the moment the second writer waits on the first can be observed
/// (pg_stat_activity) instead of guessed with a delay; SQLite serialises writers anyway.
/// </summary>
[Trait("Promise", "X2")]
public sealed class ConsentConcurrencyTestsPostgres
{
    private static readonly ConsentActor Agent = new(Guid.NewGuid(), Guid.NewGuid(), OnBehalfOf: true);

    [Fact]
    public async Task A_writer_that_read_a_stale_state_gets_a_typed_conflict()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await Providers.CreateDatabaseAsync(Providers.Postgres);
        await using var services = await PrivacyServices.MigratedAsync(database);
        var grant = new ConsentGrant("referral:77", "marketing", ["email"], "v1", Agent);

        Task<ConsentResult>? second = null;
        await using (var first = services.CreateAsyncScope())
        await using (var other = services.CreateAsyncScope())
        {
            var session = first.ServiceProvider.GetRequiredService<DbSession>();
            await session.InTransactionAsync(async t =>
            {
                (await first.ServiceProvider.GetRequiredService<IConsentLedger>().RecordAsync(grant, t)).Succeeded.ShouldBeTrue();

                // The other writer reads "no entry yet" and then blocks on the unique index until we commit.
                second = other.ServiceProvider.GetRequiredService<IConsentLedger>().RecordAsync(grant with { TextVersion = "v2" }, ct);
                await WaitUntilABackendWaitsOnALockAsync(database, t);
                return (Commit: true, Result: 0);
            }, ct);

            var result = await second!;
            result.Succeeded.ShouldBeFalse();
            result.Error.Code.ShouldBe(ConsentErrorCodes.Conflict);
            result.Error.Message.ShouldContain("Sie");
        }

        await using var check = services.CreateAsyncScope();
        var history = await check.ServiceProvider.GetRequiredService<IConsentLedger>().GetHistoryAsync("referral:77", cancellationToken: ct);
        history.Single().TextVersion.ShouldBe("v1");
    }

    private static async Task WaitUntilABackendWaitsOnALockAsync(TestDatabase database, CancellationToken ct)
    {
        await using var connection = PrivacyServices.RawConnection(database);
        await connection.OpenAsync(ct);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                return;
            }

            await Task.Delay(20, ct);
        }

        throw new TimeoutException("The second writer never waited on the first one's lock.");
    }
}
