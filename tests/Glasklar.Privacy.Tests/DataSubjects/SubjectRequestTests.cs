using Glasklar.Platform.Retention;
using Glasklar.Privacy.DataSubjects;
using Glasklar.Privacy.Retention;
using Glasklar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Privacy.Tests.DataSubjects;

/// <summary>Filing, the work queue with the Art. 12(3) deadline, answers, and the retention of closed requests under holds.</summary>
[Trait("Promise", "X7")]
[Trait("Promise", "B14")]
public abstract class SubjectRequestTests(string provider) : DataSubjectTestBase(provider)
{
    private static readonly Guid Dpo = Guid.NewGuid();

    [Fact]
    public async Task The_deadline_is_one_calendar_month_after_receipt_and_the_queue_is_sorted_by_it()
    {
        var first = await FileAsync(SubjectRequestKind.Access, "erste@example.invalid");     // 31 Jan → 28 Feb
        Clock.Advance(TimeSpan.FromDays(1));
        var second = await FileAsync(SubjectRequestKind.Erasure, "zweite@example.invalid");  // 1 Feb → 1 Mar
        Clock.Advance(TimeSpan.FromDays(-3));
        var third = await FileAsync(SubjectRequestKind.Objection, "dritte@example.invalid", "Keine Werbung mehr."); // 29 Jan → 28 Feb (there is no 29 Feb 2026)

        first.DueOn.ShouldBe(new DateOnly(2026, 2, 28));
        second.DueOn.ShouldBe(new DateOnly(2026, 3, 1));
        third.DueOn.ShouldBe(new DateOnly(2026, 2, 28));
        var queue = await InScopeAsync(sp => sp.GetRequiredService<ISubjectRequests>().QueueAsync(false, Ct));
        queue.Select(r => r.Id).ShouldBe([third.Id, first.Id, second.Id]);
        queue.ShouldAllBe(r => r.State == SubjectRequestState.Received);
    }

    [Fact]
    public async Task An_answered_request_leaves_the_open_queue_and_keeps_its_answer()
    {
        var request = await FileAsync(SubjectRequestKind.Rectification, "falsch@example.invalid", "Mein Nachname ist Meier, nicht Maier.");
        var empty = await InScopeAsync(sp => sp.GetRequiredService<ISubjectRequests>().AnswerAsync(request.Id, false, "  ", Dpo, Ct));
        empty.Succeeded.ShouldBeFalse();
        empty.Errors.Keys.ShouldBe(["answer"]);

        var answered = await InScopeAsync(sp => sp.GetRequiredService<ISubjectRequests>().AnswerAsync(request.Id, false, "Der Nachname ist berichtigt.", Dpo, Ct));

        answered.Succeeded.ShouldBeTrue();
        answered.Request!.State.ShouldBe(SubjectRequestState.Completed);
        (await InScopeAsync(sp => sp.GetRequiredService<ISubjectRequests>().QueueAsync(false, Ct))).ShouldBeEmpty();
        var all = await InScopeAsync(sp => sp.GetRequiredService<ISubjectRequests>().QueueAsync(true, Ct));
        all.Single().Answer.ShouldBe("Der Nachname ist berichtigt.");
        all.Single().AnsweredAt.ShouldBe(Clock.GetUtcNow());
    }

    [Theory]
    [InlineData(null, "kunde@example.invalid", null, true, "x", "kind")]
    [InlineData(SubjectRequestKind.Rectification, "kunde@example.invalid", null, true, "x", "details")]
    [InlineData(SubjectRequestKind.Access, null, null, true, "x", "surname")]
    [InlineData(SubjectRequestKind.Access, "kunde@example.invalid", null, false, "Rückruf", "identityConfirmed")]
    [InlineData(SubjectRequestKind.Access, "kunde@example.invalid", null, true, "", "identityCheck")]
    public async Task Bad_filings_are_refused_in_German_naming_the_field_and_store_nothing(
        SubjectRequestKind? kind, string? email, string? details, bool confirmed, string check, string field)
    {
        var result = await InScopeAsync(sp => sp.GetRequiredService<ISubjectRequests>().FileAsync(new SubjectRequestFiling(
            kind, new DataSubject(Email: email), details, Guid.NewGuid(), Guid.NewGuid(), OnBehalf: true, confirmed, check), Ct));

        result.Succeeded.ShouldBeFalse();
        result.Errors.Keys.ShouldContain(field);
        result.Errors[field].Single().ShouldStartWith("Bitte");
        (await InScopeAsync(sp => sp.GetRequiredService<ISubjectRequests>().QueueAsync(true, Ct))).ShouldBeEmpty();
    }

    [Fact]
    [Trait("Promise", "X6")]
    [Trait("Promise", "B13")]
    public async Task Closed_requests_are_deleted_after_three_years_unless_a_hold_blocks_them()
    {
        var kept = await FileAsync(SubjectRequestKind.Access, "gesperrt@example.invalid");
        var gone = await FileAsync(SubjectRequestKind.Access, "frei@example.invalid");
        var open = await FileAsync(SubjectRequestKind.Access, "offen@example.invalid");
        foreach (var id in new[] { kept.Id, gone.Id })
        {
            await InScopeAsync(sp => sp.GetRequiredService<ISubjectRequests>().AnswerAsync(id, false, "Auskunft erteilt.", Dpo, Ct));
        }

        var hold = await InScopeAsync(sp => sp.GetRequiredService<ILegalHoldRegister>().PlaceAsync(
            new LegalHoldRequest($"dsr:{kept.Id:D}", "Betroffenenanfragen", "Rechtsstreit vor dem Landgericht", new DateOnly(2031, 12, 31), Dpo), Ct));
        hold.Succeeded.ShouldBeTrue();

        Clock.Advance(TimeSpan.FromDays(365 * 3 + 2));
        var report = await Services.GetRequiredService<RetentionRunner>().RunAsync(Ct);

        var outcome = report.Single(o => o.Category == "Betroffenenanfragen");
        outcome.Deleted.ShouldBe(1);
        outcome.Blocked.ShouldBe(1);
        var queue = await InScopeAsync(sp => sp.GetRequiredService<ISubjectRequests>().QueueAsync(true, Ct));
        queue.Select(r => r.Id).ShouldBe([open.Id]); // the blocked one is invisible to staff, the other gone

        // The hold is lifted: the next run deletes the blocked request.
        await InScopeAsync(sp => sp.GetRequiredService<ILegalHoldRegister>().LiftAsync(hold.Hold!.Id, Ct));
        var next = await Services.GetRequiredService<RetentionRunner>().RunAsync(Ct);
        next.Single(o => o.Category == "Betroffenenanfragen").ShouldBe(new RetentionOutcome("Betroffenenanfragen", 1, 0, 0));
    }

    private async Task<SubjectRequestView> FileAsync(SubjectRequestKind kind, string email, string? details = null)
    {
        var result = await InScopeAsync(sp => sp.GetRequiredService<ISubjectRequests>().FileAsync(new SubjectRequestFiling(
            kind, new DataSubject(Email: email), details, Guid.NewGuid(), Guid.NewGuid(), OnBehalf: true, IdentityConfirmed: true, "Rückruf unter der hinterlegten Nummer"), Ct));
        result.Errors.ShouldBeEmpty();
        return result.Request!;
    }
}

public sealed class SubjectRequestTestsSqlite() : SubjectRequestTests(Providers.Sqlite);

public sealed class SubjectRequestTestsPostgres() : SubjectRequestTests(Providers.Postgres);
