using System.Data.Common;
using Glasklar.Platform.Persistence;
using Glasklar.Privacy.Consent;
using Glasklar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Privacy.Tests.Consent;

/// <summary>
/// The ledger joins the caller's transaction, its history cannot be changed behind its back (the
/// database refuses UPDATE and DELETE), and erasure of a subject is the one way entries go.
/// </summary>
[Trait("Promise", "X2")]
public abstract class ConsentImmutabilityTests(string provider)
{
    private static readonly ConsentActor Agent = new(Guid.NewGuid(), Guid.NewGuid(), OnBehalfOf: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Consent_recorded_inside_a_rolled_back_transaction_is_gone()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await PrivacyServices.MigratedAsync(database);

        await using (var scope = services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var ledger = scope.ServiceProvider.GetRequiredService<IConsentLedger>();
            await session.InTransactionAsync(async ct =>
            {
                (await ledger.RecordAsync(Grant("referral:100"), ct)).Succeeded.ShouldBeTrue();

                // Visible inside the transaction, so the caller's own checks see it …
                (await ledger.GetCurrentAsync("referral:100", "referral.optional-data", ct)).Granted.ShouldBeTrue();
                return (Commit: false, Result: 0);
            }, Ct);
        }

        // … and gone with the rollback, like the referral it belonged to.
        await using (var scope = services.CreateAsyncScope())
        {
            var ledger = scope.ServiceProvider.GetRequiredService<IConsentLedger>();
            (await ledger.GetHistoryAsync("referral:100", cancellationToken: Ct)).ShouldBeEmpty();
        }

        (await CountAsync(database, "referral:100")).ShouldBe(0);
    }

    [Fact]
    public async Task Consent_recorded_inside_a_committed_transaction_stays()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await PrivacyServices.MigratedAsync(database);

        await using (var scope = services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var ledger = scope.ServiceProvider.GetRequiredService<IConsentLedger>();
            await session.InTransactionAsync(async ct => (Commit: true, Result: await ledger.RecordAsync(Grant("referral:101"), ct)), Ct);
        }

        (await CountAsync(database, "referral:101")).ShouldBe(1);
    }

    [Fact]
    public async Task The_database_refuses_an_update_of_a_ledger_entry()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await PrivacyServices.MigratedAsync(database);
        await RecordAsync(services, Grant("referral:200"));

        await Should.ThrowAsync<DbException>(() => ExecuteAsync(database,
            $"UPDATE {PrivacyServices.RecordsTable(database)} SET {Column(database, "TextVersion")} = 'gefälscht'"));

        var history = await HistoryAsync(services, "referral:200");
        history.Single().TextVersion.ShouldBe("v1");
    }

    [Fact]
    public async Task The_database_refuses_a_delete_outside_an_erasure()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await PrivacyServices.MigratedAsync(database);
        await RecordAsync(services, Grant("referral:300"));

        await Should.ThrowAsync<DbException>(() => ExecuteAsync(database,
            $"DELETE FROM {PrivacyServices.RecordsTable(database)} WHERE {Column(database, "Subject")} = 'referral:300'"));
        if (database.Provider == Providers.Postgres)
        {
            await Should.ThrowAsync<DbException>(() => ExecuteAsync(database, $"TRUNCATE {PrivacyServices.RecordsTable(database)}"));
        }

        (await CountAsync(database, "referral:300")).ShouldBe(1);
    }

    [Fact]
    public async Task Erasing_a_subject_removes_all_its_entries_and_nothing_else()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await PrivacyServices.MigratedAsync(database);
        await RecordAsync(services, Grant("customer:1"));
        await RecordAsync(services, Grant("customer:1") with { Purpose = "marketing" });
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IConsentLedger>().WithdrawAsync(new ConsentWithdrawal("customer:1", "marketing", Agent), Ct);
        }

        await RecordAsync(services, Grant("customer:2"));

        int removed;
        await using (var scope = services.CreateAsyncScope())
        {
            removed = await scope.ServiceProvider.GetRequiredService<IConsentLedger>().EraseSubjectAsync("customer:1", Ct);
        }

        removed.ShouldBe(3);
        (await CountAsync(database, "customer:1")).ShouldBe(0);
        (await CountAsync(database, "customer:2")).ShouldBe(1);

        // The permit does not outlive the erasure: a later stray DELETE is refused again.
        await RecordAsync(services, Grant("customer:1"));
        await Should.ThrowAsync<DbException>(() => ExecuteAsync(database,
            $"DELETE FROM {PrivacyServices.RecordsTable(database)} WHERE {Column(database, "Subject")} = 'customer:1'"));
    }

    [Fact]
    public async Task Erasure_inside_a_rolled_back_transaction_removes_nothing()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await PrivacyServices.MigratedAsync(database);
        await RecordAsync(services, Grant("customer:3"));

        await using (var scope = services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var ledger = scope.ServiceProvider.GetRequiredService<IConsentLedger>();
            var removed = await session.InTransactionAsync(async ct => (Commit: false, Result: await ledger.EraseSubjectAsync("customer:3", ct)), Ct);
            removed.ShouldBe(1);
        }

        (await CountAsync(database, "customer:3")).ShouldBe(1);
    }

    private static ConsentGrant Grant(string subject) =>
        new(subject, "referral.optional-data", ["firstName", "email"], "v1", Agent);

    private static async Task RecordAsync(ServiceProvider services, ConsentGrant grant)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IConsentLedger>().RecordAsync(grant, Ct);
        result.Succeeded.ShouldBeTrue(result.Error?.Message);
    }

    private static async Task<IReadOnlyList<ConsentEntry>> HistoryAsync(ServiceProvider services, string subject)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IConsentLedger>().GetHistoryAsync(subject, cancellationToken: Ct);
    }

    private static string Column(TestDatabase database, string name) =>
        database.Provider == Providers.Postgres ? $"\"{name}\"" : name;

    private static async Task<long> CountAsync(TestDatabase database, string subject)
    {
        await using var connection = PrivacyServices.RawConnection(database);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {PrivacyServices.RecordsTable(database)} WHERE {Column(database, "Subject")} = '{subject}'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using var connection = PrivacyServices.RawConnection(database);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}

public sealed class ConsentImmutabilityTestsSqlite() : ConsentImmutabilityTests(Providers.Sqlite);

public sealed class ConsentImmutabilityTestsPostgres() : ConsentImmutabilityTests(Providers.Postgres);
