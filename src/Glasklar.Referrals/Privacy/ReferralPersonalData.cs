using System.Globalization;
using System.Runtime.CompilerServices;
using Glasklar.Platform.Persistence;
using Glasklar.Privacy.Consent;
using Glasklar.Privacy.DataSubjects;
using Glasklar.Referrals.Commission;
using Glasklar.Referrals.Domain;
using Glasklar.Referrals.Persistence;
using Glasklar.Referrals.Submission;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Referrals.Privacy;

/// <summary>
/// The referral module's part of data-subject requests (X7, A14): referrals, photo metadata, consent entries and
/// Postkorb entries, each with provenance (which agent of which agency or which clerk wrote it, when); erasure
/// and restriction. A policyholder has no account: they are found by surname plus policy number, phone or plate.
/// A data-subject request concerns every agency, so these reads deliberately cross tenants.
/// </summary>
internal sealed class ReferralPersonalData(ReferralsDbContext db, DbSession session, IConsentLedger consents, ReferralEraser eraser) : IPersonalDataSource
{
    public const string ModuleName = "Vermittlung";

    public string Module => ModuleName;

    public async IAsyncEnumerable<PersonalDatum> CollectAsync(DataSubject subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var r in await MatchAsync(subject, cancellationToken))
        {
            var reference = ReferralService.SubjectRef(r.Id);
            var origin = new Provenance(ModuleName, CommissionReport.ModeName(r.Mode), r.AgentUserId, r.OrganisationId, ReferralDtoTime(r.CreatedUtc));
            foreach (var (field, value) in Fields(r))
            {
                yield return new PersonalDatum("Vermittlung", reference, field, value, origin);
            }

            foreach (var p in await db.Photos.IgnoreQueryFilters().Where(p => p.ReferralId == r.Id).OrderBy(p => p.UploadedUtc).ToListAsync(cancellationToken))
            {
                var value = string.Create(CultureInfo.GetCultureInfo("de-DE"),
                    $"{p.ContentType}, {p.Width}×{p.Height} Pixel, {p.SizeBytes:N0} Bytes; entfernte Metadaten: {(p.RemovedMetadata.Length > 0 ? p.RemovedMetadata : "keine")}");
                yield return new PersonalDatum("Schadenfoto", $"photo:{p.Id}", "Foto", value,
                    new Provenance(ModuleName, "Schadenbild-Upload", p.UploadedByUserId, p.UploadedByOrganisationId, ReferralDtoTime(p.UploadedUtc)));
            }

            foreach (var c in await consents.GetHistoryAsync(reference, cancellationToken: cancellationToken))
            {
                var value = $"{(c.Action == ConsentAction.Granted ? "erteilt" : "widerrufen")} für: {string.Join(", ", c.Scope.Select(ReferralFields.Label))}; Textversion {c.TextVersion}"
                    + (c.Actor.OnBehalfOf ? "; vom Vermittler im Namen des Versicherten bestätigt" : "");
                yield return new PersonalDatum("Einwilligung", reference, $"Einwilligung ({c.Purpose})", value,
                    new Provenance(ModuleName, CommissionReport.ModeName(r.Mode), c.Actor.UserId, c.Actor.OrganisationId, c.RecordedAt));
            }

            var tickets = await db.Tickets.IgnoreQueryFilters().Include(t => t.Messages).Where(t => t.ReferralId == r.Id).OrderBy(t => t.CreatedUtc).ToListAsync(cancellationToken);
            foreach (var t in tickets)
            {
                yield return new PersonalDatum("Postkorb", $"ticket:{t.Id}", "Betreff", t.Subject,
                    new Provenance(ModuleName, "Mein Postkorb", t.CreatedByUserId, t.CreatedByOrganisationId, ReferralDtoTime(t.CreatedUtc)));
                foreach (var m in t.Messages.OrderBy(m => m.CreatedUtc))
                {
                    yield return new PersonalDatum("Postkorb", $"ticket:{t.Id}", "Nachricht", m.Body,
                        new Provenance(ModuleName, "Mein Postkorb", m.AuthorUserId, m.AuthorOrganisationId, ReferralDtoTime(m.CreatedUtc)));
                }
            }
        }
    }

    public async Task<ErasureOutcome> EraseAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        var matches = await MatchAsync(subject, cancellationToken);
        if (matches.Count == 0)
        {
            return ErasureOutcome.Nothing(ModuleName);
        }

        var deleted = session.CurrentTransaction is null
            ? await session.InTransactionAsync(async ct => (true, await eraser.DeleteAsync(matches, ct)), cancellationToken)
            : await eraser.DeleteAsync(matches, cancellationToken);
        return new ErasureOutcome(ModuleName, deleted, 0,
            [new KeptData("Provisionszählung (ohne Personenbezug)", deleted, "Abrechnung der Vermittlungsprovision (A10); enthält nur Agentur, Monat, Art und Ergebnis", null)]);
    }

    public async Task<int> SetRestrictedAsync(DataSubject subject, bool restricted, CancellationToken cancellationToken)
    {
        var matches = await MatchAsync(subject, cancellationToken);
        foreach (var r in matches)
        {
            r.SetRestricted(restricted);
        }

        await db.SaveChangesAsync(cancellationToken);
        return matches.Count;
    }

    /// <summary>Surname and at least one of policy number, phone, plate; every given value must match (normalised).</summary>
    private async Task<List<Referral>> MatchAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(subject.Surname) || (subject.PolicyNumber, subject.Phone, subject.LicencePlate) is (null, null, null))
        {
            return [];
        }

        var surname = FieldRules.CollapseSpaces(subject.Surname);
        string? Norm(string? raw, Func<string, FieldCheck> rule) => raw is null ? null : rule(raw).Value ?? "\u0000";
        var policy = Norm(subject.PolicyNumber, FieldRules.PolicyNumber);
        var phone = Norm(subject.Phone, FieldRules.Phone);
        var plate = Norm(subject.LicencePlate, FieldRules.LicencePlate);
        var candidates = await db.Referrals.IgnoreQueryFilters().Where(r => r.Surname == surname).ToListAsync(cancellationToken);
        return candidates.Where(r => (policy is null || r.PolicyNumber == policy) && (phone is null || r.Phone == phone) && (plate is null || r.LicencePlate == plate)).ToList();
    }

    private static DateTimeOffset ReferralDtoTime(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    private static IEnumerable<(string Field, string? Value)> Fields(Referral r)
    {
        yield return ("Vermittlungsart", CommissionReport.ModeName(r.Mode));
        yield return ("Servicenummer", r.ServiceNumber);
        yield return ("Bearbeitungsstand", ReferralStatuses.German(r.Status));
        yield return (ReferralFields.Label(ReferralFields.Surname), r.Surname);
        yield return (ReferralFields.Label(ReferralFields.Phone), r.Phone);
        yield return (ReferralFields.Label(ReferralFields.LicencePlate), r.LicencePlate);
        yield return (ReferralFields.Label(ReferralFields.PolicyNumber), r.PolicyNumber);
        var o = r.Optional;
        var optional = new (string Field, object? Value)[]
        {
            (ReferralFields.Salutation, ReferralFields.ChoicesOf(ReferralFields.Salutation)!.FirstOrDefault(c => c.Code == o.Salutation)?.Label),
            (ReferralFields.FirstName, o.FirstName), (ReferralFields.Email, o.Email), (ReferralFields.Phone2, o.Phone2),
            (ReferralFields.Street, o.Street), (ReferralFields.PostalCode, o.PostalCode), (ReferralFields.City, o.City),
            (ReferralFields.VehicleMake, o.VehicleMake), (ReferralFields.VehicleModel, o.VehicleModel), (ReferralFields.Insurer, o.Insurer),
            (ReferralFields.Deductible, o.Deductible), (ReferralFields.DamageDate, o.DamageDate?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)),
            (ReferralFields.DamageType, o.DamageType is null ? null : ReferralFields.LabelOfChoice(ReferralFields.DamageType, o.DamageType)),
            (ReferralFields.GlassPosition, o.GlassPosition is null ? null : ReferralFields.LabelOfChoice(ReferralFields.GlassPosition, o.GlassPosition)),
            (ReferralFields.ContactTime, o.ContactTime is null ? null : ReferralFields.LabelOfChoice(ReferralFields.ContactTime, o.ContactTime)),
            (ReferralFields.RepairLocation, o.RepairLocation is null ? null : ReferralFields.LabelOfChoice(ReferralFields.RepairLocation, o.RepairLocation)),
            (ReferralFields.PreferredBranch, o.PreferredBranch), (ReferralFields.AdditionalInfo, o.AdditionalInfo), (ReferralFields.Remarks, o.Remarks),
        };
        foreach (var (field, value) in optional.Where(f => f.Value is not null))
        {
            yield return (ReferralFields.Label(field), Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }
}
