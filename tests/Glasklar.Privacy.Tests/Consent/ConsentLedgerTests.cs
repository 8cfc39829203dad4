using Glasklar.Privacy.Consent;
using Glasklar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Privacy.Tests.Consent;

/// <summary>Recording, withdrawing and reading consent on a real, migrated database.</summary>
[Trait("Promise", "X2")]
[Trait("Promise", "A6")]
public abstract class ConsentLedgerTests(string provider) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);
    private static readonly ConsentActor Agent = new(Guid.NewGuid(), Guid.NewGuid(), OnBehalfOf: true);
    private static readonly ConsentActor Customer = new(Guid.NewGuid(), Guid.NewGuid(), OnBehalfOf: false);

    private readonly ManualClock _clock = new(Start);
    private TestDatabase? _database;
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await Providers.CreateDatabaseAsync(provider);
        _services = await PrivacyServices.MigratedAsync(_database, _clock);
    }

    public async ValueTask DisposeAsync()
    {
        // Null when the PostgreSQL run was skipped before anything was created.
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Recorded_consent_is_the_current_state_with_scope_version_time_and_actor()
    {
        var recorded = await InScope(l => l.RecordAsync(Grant("referral:4711", "referral.optional-data", ["email", "firstName"], "2026-11"), Ct));

        recorded.Succeeded.ShouldBeTrue(recorded.Error?.Message);
        var state = await InScope(l => l.GetCurrentAsync("referral:4711", "referral.optional-data", Ct));
        state.Granted.ShouldBeTrue();
        state.Scope.ShouldBe(["email", "firstName"]);
        state.TextVersion.ShouldBe("2026-11");
        state.Since.ShouldBe(Start);
        state.Latest!.Actor.ShouldBe(Agent);
        state.Latest.Revision.ShouldBe(1);
        state.Covers("email").ShouldBeTrue();
        state.Covers("phone").ShouldBeFalse();
    }

    [Fact]
    public async Task Unknown_subject_or_purpose_is_not_granted_and_covers_nothing()
    {
        await InScope(l => l.RecordAsync(Grant("referral:1", "marketing", ["email"], "v1"), Ct));

        var otherPurpose = await InScope(l => l.GetCurrentAsync("referral:1", "terms", Ct));
        var otherSubject = await InScope(l => l.GetCurrentAsync("referral:2", "marketing", Ct));

        otherPurpose.Granted.ShouldBeFalse();
        otherPurpose.Latest.ShouldBeNull();
        otherPurpose.Covers("email").ShouldBeFalse();
        otherSubject.Granted.ShouldBeFalse();
    }

    [Fact]
    public async Task Withdrawal_is_a_new_entry_and_the_history_keeps_both()
    {
        await InScope(l => l.RecordAsync(Grant("customer:42", "marketing", ["email"], "v3"), Ct));
        _clock.Advance(TimeSpan.FromDays(10));

        var withdrawn = await InScope(l => l.WithdrawAsync(new ConsentWithdrawal("customer:42", "marketing", Customer), Ct));

        withdrawn.Succeeded.ShouldBeTrue(withdrawn.Error?.Message);
        withdrawn.Entry.Action.ShouldBe(ConsentAction.Withdrawn);
        withdrawn.Entry.Scope.ShouldBe(["email"]);
        withdrawn.Entry.TextVersion.ShouldBe("v3");
        var state = await InScope(l => l.GetCurrentAsync("customer:42", "marketing", Ct));
        state.Granted.ShouldBeFalse();
        state.Scope.ShouldBeEmpty();
        state.Since.ShouldBe(Start.AddDays(10));
        state.Covers("email").ShouldBeFalse();

        var history = await InScope(l => l.GetHistoryAsync("customer:42", cancellationToken: Ct));
        history.Select(e => (e.Action, e.Revision, e.RecordedAt, e.Actor)).ShouldBe(
        [
            (ConsentAction.Granted, 1, Start, Agent),
            (ConsentAction.Withdrawn, 2, Start.AddDays(10), Customer),
        ]);
    }

    [Fact]
    public async Task Renewal_with_a_new_text_version_and_scope_replaces_the_current_state()
    {
        await InScope(l => l.RecordAsync(Grant("referral:9", "referral.optional-data", ["email"], "v1"), Ct));
        await InScope(l => l.WithdrawAsync(new ConsentWithdrawal("referral:9", "referral.optional-data", Agent), Ct));
        _clock.Advance(TimeSpan.FromHours(1));

        var renewed = await InScope(l => l.RecordAsync(Grant("referral:9", "referral.optional-data", ["phone", "email", "phone"], "v2"), Ct));

        renewed.Succeeded.ShouldBeTrue(renewed.Error?.Message);
        var state = await InScope(l => l.GetCurrentAsync("referral:9", "referral.optional-data", Ct));
        state.Scope.ShouldBe(["email", "phone"]); // sorted, without duplicates
        state.TextVersion.ShouldBe("v2");
        state.Latest!.Revision.ShouldBe(3);
        (await InScope(l => l.GetHistoryAsync("referral:9", "referral.optional-data", Ct))).Count.ShouldBe(3);
    }

    [Fact]
    public async Task History_lists_every_purpose_of_the_subject_oldest_first_and_nothing_of_others()
    {
        await InScope(l => l.RecordAsync(Grant("customer:7", "terms", ["contract"], "t1"), Ct));
        _clock.Advance(TimeSpan.FromMinutes(1));
        await InScope(l => l.RecordAsync(Grant("customer:7", "marketing", ["email"], "m1"), Ct));
        await InScope(l => l.RecordAsync(Grant("customer:8", "marketing", ["email"], "m1"), Ct));

        var history = await InScope(l => l.GetHistoryAsync("customer:7", cancellationToken: Ct));

        history.Select(e => e.Purpose).ShouldBe(["terms", "marketing"]);
        history.ShouldAllBe(e => e.Subject == "customer:7");
    }

    [Fact]
    public async Task Withdrawing_consent_that_was_never_given_is_a_typed_error_in_German()
    {
        var result = await InScope(l => l.WithdrawAsync(new ConsentWithdrawal("referral:5", "marketing", Agent), Ct));

        result.Succeeded.ShouldBeFalse();
        result.Error.Code.ShouldBe(ConsentErrorCodes.NeverGranted);
        result.Error.Message.ShouldContain("Sie");
        (await InScope(l => l.GetHistoryAsync("referral:5", cancellationToken: Ct))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Withdrawing_twice_is_a_typed_error_and_adds_no_entry()
    {
        await InScope(l => l.RecordAsync(Grant("referral:6", "marketing", ["email"], "v1"), Ct));
        await InScope(l => l.WithdrawAsync(new ConsentWithdrawal("referral:6", "marketing", Agent), Ct));

        var again = await InScope(l => l.WithdrawAsync(new ConsentWithdrawal("referral:6", "marketing", Agent), Ct));

        again.Error!.Code.ShouldBe(ConsentErrorCodes.AlreadyWithdrawn);
        again.Error.Message.ShouldContain("Sie");
        (await InScope(l => l.GetHistoryAsync("referral:6", cancellationToken: Ct))).Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("Max Mustermann", "marketing", "email", "v1", ConsentErrorCodes.InvalidSubject)]
    [InlineData("max@example.org", "marketing", "email", "v1", ConsentErrorCodes.InvalidSubject)]
    [InlineData("", "marketing", "email", "v1", ConsentErrorCodes.InvalidSubject)]
    [InlineData("customer:1", "Werbung per Mail", "email", "v1", ConsentErrorCodes.InvalidPurpose)]
    [InlineData("customer:1", "marketing", "", "v1", ConsentErrorCodes.InvalidScope)]
    [InlineData("customer:1", "marketing", "e mail", "v1", ConsentErrorCodes.InvalidScope)]
    [InlineData("customer:1", "marketing", "email", "", ConsentErrorCodes.InvalidTextVersion)]
    public async Task Invalid_input_is_refused_with_a_typed_error_and_nothing_is_stored(string subject, string purpose, string field, string version, string code)
    {
        string[] scope = field.Length == 0 ? [] : [field];

        var result = await InScope(l => l.RecordAsync(new ConsentGrant(subject, purpose, scope, version, Agent), Ct));

        result.Succeeded.ShouldBeFalse();
        result.Error.Code.ShouldBe(code);
        result.Error.Message.ShouldStartWith("Die Einwilligung kann nicht gespeichert werden");
        (await CountRowsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_actor_without_user_or_organisation_is_refused()
    {
        var result = await InScope(l => l.RecordAsync(new ConsentGrant("customer:1", "marketing", ["email"], "v1", new ConsentActor(Guid.Empty, Guid.NewGuid(), false)), Ct));

        result.Error!.Code.ShouldBe(ConsentErrorCodes.InvalidActor);
        (await CountRowsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Staff_need_an_organisation_but_a_private_person_declaring_for_themselves_does_not()
    {
        var staff = await InScope(l => l.RecordAsync(new ConsentGrant("customer:1", "marketing", ["email"], "v1", new ConsentActor(Guid.NewGuid(), Guid.Empty, OnBehalfOf: true)), Ct));
        staff.Error!.Code.ShouldBe(ConsentErrorCodes.InvalidActor);
        (await CountRowsAsync()).ShouldBe(0);

        var self = await InScope(l => l.RecordAsync(new ConsentGrant("customer:1", "marketing", ["email"], "v1", new ConsentActor(Guid.NewGuid(), Guid.Empty, OnBehalfOf: false)), Ct));
        self.Succeeded.ShouldBeTrue();
        self.Entry.Actor.OrganisationId.ShouldBe(Guid.Empty);
        (await CountRowsAsync()).ShouldBe(1);
    }

    private static ConsentGrant Grant(string subject, string purpose, string[] scope, string version) =>
        new(subject, purpose, scope, version, Agent);

    private async Task<T> InScope<T>(Func<IConsentLedger, Task<T>> work)
    {
        await using var scope = _services!.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<IConsentLedger>());
    }

    private async Task<long> CountRowsAsync()
    {
        await using var connection = PrivacyServices.RawConnection(_database!);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {PrivacyServices.RecordsTable(_database!)}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class ConsentLedgerTestsSqlite() : ConsentLedgerTests(Providers.Sqlite);

public sealed class ConsentLedgerTestsPostgres() : ConsentLedgerTests(Providers.Postgres);
