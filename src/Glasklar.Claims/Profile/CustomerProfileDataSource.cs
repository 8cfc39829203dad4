using System.Runtime.CompilerServices;
using Glasklar.Claims.Persistence;
using Glasklar.Privacy.DataSubjects;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Claims.Profile;

/// <summary>The saved bank account in the access report (B14) and erased with the account (B13).</summary>
internal sealed class CustomerProfileDataSource(ClaimsDbContext db, CustomerProfileService profiles) : IPersonalDataSource
{
    public string Module => "Kundenportal";

    public async IAsyncEnumerable<PersonalDatum> CollectAsync(DataSubject subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (subject.UserId is not { } userId || await profiles.BankAsync(userId, cancellationToken) is not { } bank)
        {
            yield break;
        }

        var updated = await db.Profiles.AsNoTracking().Where(p => p.CustomerUserId == userId).Select(p => p.UpdatedUtc).SingleAsync(cancellationToken);
        var provenance = new Provenance(Module, "Einstellungen: Bankverbindung", userId, null, new DateTimeOffset(DateTime.SpecifyKind(updated, DateTimeKind.Utc)));
        const string record = "profile:bank";
        yield return new PersonalDatum("Kundenprofil", record, "Kontoinhaber", bank.Holder, provenance);
        yield return new PersonalDatum("Kundenprofil", record, "IBAN", bank.Iban, provenance);
        yield return new PersonalDatum("Kundenprofil", record, "BIC", bank.Bic, provenance);
        yield return new PersonalDatum("Kundenprofil", record, "Bank", bank.BankName, provenance);
    }

    public async Task<ErasureOutcome> EraseAsync(DataSubject subject, CancellationToken cancellationToken) =>
        subject.UserId is { } userId
            ? new ErasureOutcome(Module, await db.Profiles.Where(p => p.CustomerUserId == userId).ExecuteDeleteAsync(cancellationToken), 0, [])
            : ErasureOutcome.Nothing(Module);

    public Task<int> SetRestrictedAsync(DataSubject subject, bool restricted, CancellationToken cancellationToken) => Task.FromResult(0);
}
