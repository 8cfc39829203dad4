using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Glasklar.Claims.Persistence;
using Glasklar.Claims.Processing;
using Glasklar.Claims.Receipts;
using Glasklar.Claims.Submission;
using Glasklar.Platform.Persistence;
using Glasklar.Privacy.DataSubjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Glasklar.Claims.DataSubjects;

/// <summary>
/// The customer portal's data about a registered customer (B14, X7): linked contracts with insured persons,
/// claims with items, bank account, receipts (names and sizes; the files themselves stay in the portal),
/// decisions and drafts, each with provenance. Matches by user id only: a claim always has an account.
/// Erasure deletes drafts and unsettled claims and unlinks contracts; settled claims are accounting
/// documents under a statutory period, so they are kept restricted and reported as kept.
/// </summary>
internal sealed class ClaimsPersonalDataSource(
    ClaimsDbContext db, DbSession session, ClaimsProtector protector, ReceiptStore store, ClaimViews views, IOptions<ClaimsOptions> options)
    : IPersonalDataSource
{
    private const string ModuleName = "Kundenportal";

    public string Module => ModuleName;

    public async IAsyncEnumerable<PersonalDatum> CollectAsync(DataSubject subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (subject.UserId is not { } userId)
        {
            yield break;
        }

        var contracts = await db.Contracts.AsNoTracking().Include(c => c.InsuredPersons).Where(c => c.LinkedUserId == userId).ToListAsync(cancellationToken);
        foreach (var c in contracts)
        {
            var record = $"contract:{c.Id:D}";
            var insurer = new Provenance(ModuleName, "Vertragsdaten des Versicherers", null, c.OrganisationId, Utc(c.CreatedUtc));
            yield return new PersonalDatum("Verträge", record, "Versicherungsnummer", c.PolicyNumber, insurer);
            yield return new PersonalDatum("Verträge", record, "Versicherungsnehmer", $"{c.PolicyholderSalutation} {c.PolicyholderFirstName} {c.PolicyholderLastName}", insurer);
            yield return new PersonalDatum("Verträge", record, "Geburtsdatum Versicherungsnehmer", "verschlüsselt gespeichert, nur zur Prüfung der Verknüpfung", insurer);
            foreach (var p in c.InsuredPersons)
            {
                yield return new PersonalDatum("Verträge", record, "Versicherte Person",
                    $"{p.Salutation} {p.FirstName} {p.LastName}, geboren {p.BirthDate.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}", insurer);
            }

            yield return new PersonalDatum("Verträge", record, "Mit Kundenkonto verknüpft am", c.LinkedUtc is { } l ? Utc(l).ToString("O", CultureInfo.InvariantCulture) : null,
                new Provenance(ModuleName, "Vertrag verknüpfen", userId, null, Utc(c.LinkedUtc ?? c.CreatedUtc)));
        }

        var claims = await db.Claims.AsNoTracking().Include(c => c.Items).Include(c => c.Receipts).Where(c => c.CustomerUserId == userId)
            .OrderBy(c => c.SubmittedUtc).ToListAsync(cancellationToken);
        foreach (var claim in claims)
        {
            var record = $"claim:{claim.Number}";
            var form = new Provenance(ModuleName, "Erstattungsantrag", userId, null, Utc(claim.SubmittedUtc));
            yield return new PersonalDatum("Erstattungsanträge", record, "Antragsnummer", claim.Number, form);
            yield return new PersonalDatum("Erstattungsanträge", record, "Status", ClaimViews.StatusText(claim.Status), form);
            var bank = JsonSerializer.Deserialize<BankAccount>(protector.Unprotect(ClaimsProtector.Bank, claim.BankProtected))!;
            yield return new PersonalDatum("Erstattungsanträge", record, "Kontoinhaber", bank.Holder, form);
            yield return new PersonalDatum("Erstattungsanträge", record, "IBAN", bank.Iban, form);
            yield return new PersonalDatum("Erstattungsanträge", record, "BIC", bank.Bic, form);
            yield return new PersonalDatum("Erstattungsanträge", record, "Bank", bank.BankName, form);
            var decided = claim.SettledUtc is { } settled ? new Provenance(ModuleName, "Leistungsabrechnung", claim.SettledByUserId, claim.OrganisationId, Utc(settled)) : null;
            foreach (var item in claim.Items.OrderBy(i => i.Position))
            {
                var view = views.ItemView(item);
                yield return new PersonalDatum("Erstattungsanträge", record, $"Leistung {item.Position}",
                    $"{view.TreatmentDate:yyyy-MM-dd}, {view.Kind}, {view.Claimed.ToString("0.00", CultureInfo.InvariantCulture)} EUR", form);
                if (decided is not null)
                {
                    yield return new PersonalDatum("Erstattungsanträge", record, $"Leistung {item.Position}: erstattet",
                        $"{view.Reimbursed?.ToString("0.00", CultureInfo.InvariantCulture)} EUR" + (view.Reason is null ? "" : $" ({view.Reason})"), decided);
                }
            }

            foreach (var receipt in claim.Receipts.OrderBy(r => r.Position))
            {
                yield return new PersonalDatum("Erstattungsanträge", record, $"Beleg {receipt.Position}",
                    $"{protector.Unprotect(ClaimsProtector.Receipt, receipt.FileNameProtected)} ({receipt.ContentType}, {receipt.Size} Bytes)", form);
            }
        }

        var drafts = await db.Drafts.AsNoTracking().Where(d => d.CustomerUserId == userId).ToListAsync(cancellationToken);
        foreach (var draft in drafts)
        {
            yield return new PersonalDatum("Antragsentwürfe", $"draft:{draft.Id:D}", "Entwurf", protector.Unprotect(ClaimsProtector.Draft, draft.PayloadProtected),
                new Provenance(ModuleName, "Erstattungsantrag (Entwurf)", userId, null, Utc(draft.UpdatedUtc)));
        }
    }

    public async Task<ErasureOutcome> EraseAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        if (subject.UserId is not { } userId)
        {
            return ErasureOutcome.Nothing(ModuleName);
        }

        var deleted = await db.Drafts.Where(d => d.CustomerUserId == userId).ExecuteDeleteAsync(cancellationToken);

        // Loaded with their items and receipts so EF deletes those too, whatever the SQLite foreign-key pragma.
        var open = await db.Claims.Include(c => c.Items).Include(c => c.Receipts)
            .Where(c => c.CustomerUserId == userId && c.SettledUtc == null).ToListAsync(cancellationToken);
        db.Claims.RemoveRange(open);
        deleted += open.Count;
        var contracts = await db.Contracts.Where(c => c.LinkedUserId == userId).ToListAsync(cancellationToken);
        contracts.ForEach(c => c.Unlink());
        var kept = await db.Claims.Where(c => c.CustomerUserId == userId && c.SettledUtc != null).ToListAsync(cancellationToken);
        kept.ForEach(c => c.SetRestricted(true));
        await db.SaveChangesAsync(cancellationToken);
        var files = open.SelectMany(c => c.Receipts).Select(r => r.Id).ToList();
        session.AfterCommit(() => store.Delete(files)); // the files go once the rows are gone for good
        var keptData = kept.Count == 0
            ? []
            : new List<KeptData>
            {
                new(SettledClaimRetention.Category, kept.Count, "Aufbewahrungspflicht für Abrechnungsunterlagen (§ 147 AO, § 257 HGB)",
                    DateOnly.FromDateTime(kept.Max(c => c.SettledUtc!.Value).AddYears(options.Value.SettledClaimYears))),
            };
        return new ErasureOutcome(ModuleName, deleted, contracts.Count, keptData);
    }

    public async Task<int> SetRestrictedAsync(DataSubject subject, bool restricted, CancellationToken cancellationToken)
    {
        if (subject.UserId is not { } userId)
        {
            return 0;
        }

        var claims = await db.Claims.Where(c => c.CustomerUserId == userId).ToListAsync(cancellationToken);
        claims.ForEach(c => c.SetRestricted(restricted));
        await db.SaveChangesAsync(cancellationToken);
        return claims.Count;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
