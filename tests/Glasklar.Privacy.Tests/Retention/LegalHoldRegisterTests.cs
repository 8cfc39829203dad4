using Glasklar.Platform.Retention;
using Glasklar.Privacy.Retention;
using Glasklar.Privacy.Tests.DataSubjects;
using Glasklar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Privacy.Tests.Retention;

/// <summary>The hold register replaces the platform's "no holds" default and answers per subject and category.</summary>
[Trait("Promise", "X6")]
public abstract class LegalHoldRegisterTests(string provider) : DataSubjectTestBase(provider)
{
    private static readonly Guid Dpo = Guid.NewGuid();

    [Fact]
    public async Task The_platform_asks_the_register_and_a_hold_covers_its_category_or_all_until_its_last_day()
    {
        await InScopeAsync(async sp =>
        {
            sp.GetRequiredService<ILegalHolds>().ShouldBeOfType<LegalHoldRegister>();
            var register = sp.GetRequiredService<ILegalHoldRegister>();
            (await register.PlaceAsync(new LegalHoldRequest("user:abc", "Einwilligungen", "Betriebsprüfung (§ 147 AO)", new DateOnly(2026, 2, 10), Dpo), Ct)).Succeeded.ShouldBeTrue();
            (await register.PlaceAsync(new LegalHoldRequest("referral:42", "*", "Rechtsstreit, Az. 1 O 23/26", new DateOnly(2027, 1, 1), Dpo), Ct)).Succeeded.ShouldBeTrue();

            var holds = sp.GetRequiredService<ILegalHolds>();
            (await holds.IsHeldAsync("user:abc", "Einwilligungen", Ct)).ShouldBeTrue();
            (await holds.IsHeldAsync("user:abc", "Benutzerkonto", Ct)).ShouldBeFalse();
            (await holds.IsHeldAsync("user:other", "Einwilligungen", Ct)).ShouldBeFalse();
            (await holds.IsHeldAsync("referral:42", "Vermittlung", Ct)).ShouldBeTrue();
            return true;
        });

        Clock.Advance(TimeSpan.FromDays(10)); // 10 Feb: last day of the hold
        (await InScopeAsync(sp => sp.GetRequiredService<ILegalHolds>().IsHeldAsync("user:abc", "Einwilligungen", Ct))).ShouldBeTrue();
        Clock.Advance(TimeSpan.FromDays(1));
        (await InScopeAsync(sp => sp.GetRequiredService<ILegalHolds>().IsHeldAsync("user:abc", "Einwilligungen", Ct))).ShouldBeFalse();
        var listed = await InScopeAsync(sp => sp.GetRequiredService<ILegalHoldRegister>().ListAsync(Ct));
        listed.Select(h => (h.SubjectRef, h.Active)).ShouldBe([("referral:42", true), ("user:abc", false)]);
    }

    [Theory]
    [Trait("Promise", "X1")]
    [InlineData("Max Mustermann", "*", "Rechtsstreit", 30, "subjectRef")]
    [InlineData("max@example.org", "*", "Rechtsstreit", 30, "subjectRef")]
    [InlineData("user:1", "", "Rechtsstreit", 30, "category")]
    [InlineData("user:1", "*", "", 30, "reason")]
    [InlineData("user:1", "*", "Rechtsstreit", -1, "endsOn")]
    public async Task Bad_holds_are_refused_in_German_and_not_stored(string subject, string category, string reason, int days, string field)
    {
        var result = await InScopeAsync(sp => sp.GetRequiredService<ILegalHoldRegister>().PlaceAsync(
            new LegalHoldRequest(subject, category, reason, DateOnly.FromDateTime(Start.UtcDateTime).AddDays(days), Dpo), Ct));

        result.Succeeded.ShouldBeFalse();
        result.Errors.Keys.ShouldBe([field]);
        result.Errors[field].Single().ShouldNotBeNullOrWhiteSpace();
        (await InScopeAsync(sp => sp.GetRequiredService<ILegalHoldRegister>().ListAsync(Ct))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Ended_holds_are_removed_a_year_after_their_end_and_active_ones_never()
    {
        await InScopeAsync(sp => sp.GetRequiredService<ILegalHoldRegister>().PlaceAsync(new LegalHoldRequest("user:a", "*", "Kurzfristige Sperre", new DateOnly(2026, 2, 1), Dpo), Ct));
        await InScopeAsync(sp => sp.GetRequiredService<ILegalHoldRegister>().PlaceAsync(new LegalHoldRequest("user:b", "*", "Langfristige Sperre", new DateOnly(2030, 1, 1), Dpo), Ct));
        Clock.Advance(TimeSpan.FromDays(400));

        var report = await Services.GetRequiredService<RetentionRunner>().RunAsync(Ct);

        report.Single(o => o.Category == "Rechtliche Sperren (beendet)").Deleted.ShouldBe(1);
        (await InScopeAsync(sp => sp.GetRequiredService<ILegalHoldRegister>().ListAsync(Ct))).Single().SubjectRef.ShouldBe("user:b");
    }
}

public sealed class LegalHoldRegisterTestsSqlite() : LegalHoldRegisterTests(Providers.Sqlite);

public sealed class LegalHoldRegisterTestsPostgres() : LegalHoldRegisterTests(Providers.Postgres);
