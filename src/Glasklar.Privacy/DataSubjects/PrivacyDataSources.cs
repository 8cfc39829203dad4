using System.Globalization;
using System.Runtime.CompilerServices;
using Glasklar.Privacy.Consent;
using Glasklar.Privacy.Persistence;
using Glasklar.Privacy.Retention;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Privacy.DataSubjects;

/// <summary>
/// Consent ledger entries of a registered user (subject "user:&lt;id&gt;"). Modules whose consent subjects
/// are their own records (e.g. "referral:&lt;id&gt;") report those entries in their own source.
/// </summary>
internal sealed class ConsentDataSource(IConsentLedger ledger, ILegalHoldRegister holds) : IPersonalDataSource
{
    public const string Category = "Einwilligungen";

    public string Module => "Datenschutz";

    public async IAsyncEnumerable<PersonalDatum> CollectAsync(DataSubject subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (subject.UserId is not { } userId)
        {
            yield break;
        }

        foreach (var entry in await ledger.GetHistoryAsync(PlatformSubjects.User(userId), cancellationToken: cancellationToken))
        {
            var provenance = new Provenance(Module, "Einwilligung", entry.Actor.UserId, entry.Actor.OrganisationId, entry.RecordedAt);
            var record = $"consent:{entry.Purpose}:{entry.Revision}";
            var action = entry.Action == ConsentAction.Granted ? "erteilt" : "widerrufen";
            yield return new PersonalDatum(Category, record, "Zweck", entry.Purpose, provenance);
            yield return new PersonalDatum(Category, record, "Erklärung", action + (entry.Actor.OnBehalfOf ? " (für Sie erfasst)" : ""), provenance);
            yield return new PersonalDatum(Category, record, "Umfang", string.Join(", ", entry.Scope), provenance);
            yield return new PersonalDatum(Category, record, "Fassung des Einwilligungstextes", entry.TextVersion, provenance);
        }
    }

    public async Task<ErasureOutcome> EraseAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        if (subject.UserId is not { } userId)
        {
            return ErasureOutcome.Nothing(Module);
        }

        var reference = PlatformSubjects.User(userId);
        var hold = await holds.FindActiveAsync(reference, Category, cancellationToken);
        if (hold is not null)
        {
            var count = (await ledger.GetHistoryAsync(reference, cancellationToken: cancellationToken)).Count;
            return new ErasureOutcome(Module, 0, 0, count == 0 ? [] : [new KeptData(Category, count, hold.Reason, hold.EndsOn)]);
        }

        return new ErasureOutcome(Module, await ledger.EraseSubjectAsync(reference, cancellationToken), 0, []);
    }

    public Task<int> SetRestrictedAsync(DataSubject subject, bool restricted, CancellationToken cancellationToken) => Task.FromResult(0);
}

/// <summary>
/// The person's own data-subject requests. They are kept after an erasure: they prove how the request was
/// handled (Art. 5(2), 12 GDPR) and are deleted by the retention rule after their period.
/// </summary>
internal sealed class SubjectRequestDataSource(PrivacyDbContext db) : IPersonalDataSource
{
    public const string Category = "Betroffenenanfragen";

    public string Module => "Datenschutz";

    public async IAsyncEnumerable<PersonalDatum> CollectAsync(DataSubject subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var request in Matching(subject).AsNoTracking().OrderBy(r => r.ReceivedUtc).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var provenance = new Provenance(Module, request.OnBehalf ? "Anfrage für Anrufer(in) erfassen" : "Meine Daten", request.FiledByUserId,
                request.FiledByOrganisationId, new DateTimeOffset(DateTime.SpecifyKind(request.ReceivedUtc, DateTimeKind.Utc)));
            var record = $"request:{request.Id:D}";
            yield return new PersonalDatum(Category, record, "Art", SubjectRequestTexts.Kind(request.Kind), provenance);
            yield return new PersonalDatum(Category, record, "Stand", SubjectRequestTexts.State(request.State), provenance);
            yield return new PersonalDatum(Category, record, "Frist", request.DueOn.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), provenance);
            if (request.Details is not null)
            {
                yield return new PersonalDatum(Category, record, "Ihr Anliegen", request.Details, provenance);
            }

            if (request.Answer is not null)
            {
                yield return new PersonalDatum(Category, record, "Antwort", request.Answer, new Provenance(Module, "Arbeitsliste Datenschutz",
                    request.AnsweredByUserId, null, new DateTimeOffset(DateTime.SpecifyKind(request.AnsweredUtc!.Value, DateTimeKind.Utc))));
            }
        }
    }

    public async Task<ErasureOutcome> EraseAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        var count = await Matching(subject).CountAsync(cancellationToken);
        return new ErasureOutcome(Module, 0, 0, count == 0 ? [] : [new KeptData(Category, count,
            "Nachweis der Bearbeitung Ihrer Anfragen (Art. 5 Abs. 2, Art. 12 DSGVO); Löschung nach Ablauf der Aufbewahrungsfrist.", null)]);
    }

    public Task<int> SetRestrictedAsync(DataSubject subject, bool restricted, CancellationToken cancellationToken) => Task.FromResult(0);

    private IQueryable<SubjectRequest> Matching(DataSubject subject)
    {
        if (subject.UserId is { } id)
        {
            return db.SubjectRequests.Where(r => r.SubjectUserId == id);
        }

        if (subject.Email is { Length: > 0 } email)
        {
            var normalised = email.Trim().ToLowerInvariant();
            return db.SubjectRequests.Where(r => r.SubjectEmail == normalised);
        }

        return db.SubjectRequests.Where(r => false);
    }
}
