using System.Runtime.CompilerServices;
using Glasklar.Claims.Persistence;
using Glasklar.Privacy.DataSubjects;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Claims.Registration;

/// <summary>
/// What registration keeps about a customer beyond the platform account (B14, X7): the two chosen security
/// questions (the answers only as a hash, never shown) and recent failed contract-link attempts. Erasure
/// deletes both; the account itself is the platform's.
/// </summary>
internal sealed class RegistrationPersonalData(ClaimsDbContext db) : IPersonalDataSource
{
    public const string ModuleName = "Kundenportal (Registrierung)";

    public string Module => ModuleName;

    public async IAsyncEnumerable<PersonalDatum> CollectAsync(DataSubject subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (subject.UserId is not { } userId)
        {
            yield break;
        }

        foreach (var answer in await db.SecurityAnswers.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.Position).ToListAsync(cancellationToken))
        {
            var provenance = new Provenance(ModuleName, "Registrierung", userId, null, new DateTimeOffset(DateTime.SpecifyKind(answer.CreatedUtc, DateTimeKind.Utc)));
            var record = $"security-question:{answer.Position}";
            yield return new PersonalDatum("Sicherheitsfragen", record, $"Sicherheitsfrage {answer.Position}", answer.Question, provenance);
            yield return new PersonalDatum("Sicherheitsfragen", record, $"Antwort auf Sicherheitsfrage {answer.Position}", "nur als Prüfwert (Hash) gespeichert", provenance);
        }

        var attempts = await db.LinkAttempts.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.AttemptedUtc).Select(a => a.AttemptedUtc).ToListAsync(cancellationToken);
        foreach (var at in attempts)
        {
            var when = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc));
            yield return new PersonalDatum("Vertragsverknüpfung", "link-attempts", "Fehlgeschlagener Verknüpfungsversuch", when.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                new Provenance(ModuleName, "Vertrag verknüpfen", userId, null, when));
        }
    }

    public async Task<ErasureOutcome> EraseAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        if (subject.UserId is not { } userId)
        {
            return ErasureOutcome.Nothing(ModuleName);
        }

        var deleted = await db.SecurityAnswers.Where(a => a.UserId == userId).ExecuteDeleteAsync(cancellationToken)
            + await db.LinkAttempts.Where(a => a.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return new ErasureOutcome(ModuleName, deleted, 0, []);
    }

    /// <summary>Security answers are used for nothing but proving identity, link attempts only for the limit: nothing to restrict.</summary>
    public Task<int> SetRestrictedAsync(DataSubject subject, bool restricted, CancellationToken cancellationToken) => Task.FromResult(0);
}
