using System.Globalization;
using System.Runtime.CompilerServices;
using Glasklar.Claims.Documents;
using Glasklar.Claims.Messages;
using Glasklar.Claims.Persistence;
using Glasklar.Claims.Timeline;
using Glasklar.Privacy.DataSubjects;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Claims.DataSubjects;

/// <summary>
/// The processing data of a customer's claims (B14, X7): portal messages (both directions, with who wrote
/// them), requested documents with due date and state, and the status timeline, each with provenance.
/// Erasure deletes them for every claim the claims source deletes (unsettled ones); settled claims keep
/// their correspondence with them, restricted, until the claim's statutory period ends (then the claim's
/// deletion cascades to these rows).
/// </summary>
internal sealed class ClaimCorrespondenceSource(ClaimsDbContext db, ClaimsProtector protector) : IPersonalDataSource
{
    private const string ModuleName = "Kundenportal";
    private const string Category = "Erstattungsanträge";

    public string Module => ModuleName;

    public async IAsyncEnumerable<PersonalDatum> CollectAsync(DataSubject subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (subject.UserId is not { } userId)
        {
            yield break;
        }

        var claims = await db.Claims.AsNoTracking().Where(c => c.CustomerUserId == userId)
            .Select(c => new { c.Id, c.Number, c.OrganisationId }).ToListAsync(cancellationToken);
        foreach (var claim in claims)
        {
            var record = $"claim:{claim.Number}";
            var messages = await db.Set<ClaimMessage>().AsNoTracking().Where(m => m.ClaimId == claim.Id).OrderBy(m => m.SentUtc).ToListAsync(cancellationToken);
            foreach (var m in messages)
            {
                var provenance = new Provenance(ModuleName, "Nachricht im Portal", m.AuthorUserId, m.FromCustomer ? null : claim.OrganisationId, Utc(m.SentUtc));
                yield return new PersonalDatum(Category, record, m.FromCustomer ? "Ihre Nachricht" : "Nachricht der Leistungsabteilung",
                    protector.Unprotect(ClaimsProtector.Health, m.TextProtected), provenance);
            }

            var requests = await db.Set<DocumentRequest>().AsNoTracking().Where(r => r.ClaimId == claim.Id).OrderBy(r => r.RequestedUtc).ToListAsync(cancellationToken);
            foreach (var r in requests)
            {
                var provenance = new Provenance(ModuleName, "Unterlagen anfordern", r.RequestedByUserId, claim.OrganisationId, Utc(r.RequestedUtc));
                var state = r.FulfilledUtc is { } f ? $"eingegangen am {Utc(f).ToString("O", CultureInfo.InvariantCulture)}" : "offen";
                yield return new PersonalDatum(Category, record, "Angeforderte Unterlage",
                    $"{protector.Unprotect(ClaimsProtector.Health, r.DescriptionProtected)} (Frist {r.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {state})", provenance);
            }

            var events = await db.Set<ClaimEvent>().AsNoTracking().Where(e => e.ClaimId == claim.Id).OrderBy(e => e.AtUtc).ToListAsync(cancellationToken);
            foreach (var e in events)
            {
                var provenance = new Provenance(ModuleName, "Bearbeitungsverlauf", e.ActorUserId, e.Kind == ClaimEventKind.UnterlagenEingegangen ? null : claim.OrganisationId, Utc(e.AtUtc));
                yield return new PersonalDatum(Category, record, "Bearbeitungsschritt", ClaimTimeline.Label(e.Kind), provenance);
            }
        }
    }

    public async Task<ErasureOutcome> EraseAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        if (subject.UserId is not { } userId)
        {
            return ErasureOutcome.Nothing(ModuleName);
        }

        var open = db.Claims.Where(c => c.CustomerUserId == userId && c.SettledUtc == null).Select(c => c.Id);
        var deleted = await db.Set<ClaimMessage>().Where(m => open.Contains(m.ClaimId)).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Set<DocumentRequest>().Where(r => open.Contains(r.ClaimId)).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Set<ClaimEvent>().Where(e => open.Contains(e.ClaimId)).ExecuteDeleteAsync(cancellationToken);
        return new ErasureOutcome(ModuleName, deleted, 0, []);
    }

    /// <summary>Restriction is set on the claims themselves (claims source); their correspondence follows them.</summary>
    public Task<int> SetRestrictedAsync(DataSubject subject, bool restricted, CancellationToken cancellationToken) => Task.FromResult(0);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
