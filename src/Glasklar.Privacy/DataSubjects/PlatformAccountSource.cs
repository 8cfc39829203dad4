using System.Globalization;
using System.Runtime.CompilerServices;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Glasklar.Privacy.Retention;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Privacy.DataSubjects;

/// <summary>Subject references and categories the privacy core uses for the platform's data.</summary>
public static class PlatformSubjects
{
    public const string AccountCategory = "Benutzerkonto";
    public const string AuditCategory = "Revisionsprotokoll";

    /// <summary>The reference of a registered user in holds, restrictions and the consent ledger.</summary>
    public static string User(Guid userId) => $"user:{userId:D}";
}

/// <summary>
/// The platform's own personal data (X7, B13): the user account, its roles, sessions, last transaction
/// and audit entries. Erasure deletes the account and everything hanging on it; a legal hold on the
/// account keeps it deactivated (blocked). Audit entries are kept: the hash chain proves the security of
/// processing and cannot lose rows; after the account is gone they carry only an opaque id.
/// </summary>
internal sealed class PlatformAccountSource(PlatformDbContext db, ILegalHoldRegister holds, IProcessingRestrictions restrictions, TimeProvider clock)
    : IPersonalDataSource
{
    private const string Module = "Plattform";

    string IPersonalDataSource.Module => Module;

    public async IAsyncEnumerable<PersonalDatum> CollectAsync(DataSubject subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var user = await FindAsync(subject, cancellationToken);
        if (user is null)
        {
            // An erased account: what is still kept about it (the audit entries) is still disclosed.
            if (subject.UserId is { } erased)
            {
                await foreach (var datum in AuditAsync(erased, cancellationToken))
                {
                    yield return datum;
                }
            }

            yield break;
        }

        var record = PlatformSubjects.User(user.Id);
        var account = new Provenance(Module, "Benutzerkonto anlegen", null, user.OrganisationId, Utc(user.CreatedUtc));
        yield return new PersonalDatum(PlatformSubjects.AccountCategory, record, "E-Mail-Adresse", user.Email, account);
        yield return new PersonalDatum(PlatformSubjects.AccountCategory, record, "Vorname", user.GivenName, account);
        yield return new PersonalDatum(PlatformSubjects.AccountCategory, record, "Nachname", user.FamilyName, account);
        if (user.MobilePhone is not null)
        {
            yield return new PersonalDatum(PlatformSubjects.AccountCategory, record, "Mobilnummer", user.MobilePhone, account);
        }

        yield return new PersonalDatum(PlatformSubjects.AccountCategory, record, "Rollen", string.Join(", ", user.Roles.Select(r => Roles.GermanName(r.Role))), account);
        yield return new PersonalDatum(PlatformSubjects.AccountCategory, record, "Konto aktiv", user.IsActive ? "ja" : "nein (gesperrt)", account);
        yield return new PersonalDatum(PlatformSubjects.AccountCategory, record, "Zweiter Faktor eingerichtet", user.HasSecondFactor ? "ja (Geheimnis verschlüsselt gespeichert, nicht angezeigt)" : "nein", account);
        if (user.EmailVerifiedUtc is { } verified)
        {
            yield return new PersonalDatum(PlatformSubjects.AccountCategory, record, "E-Mail-Adresse bestätigt am", Utc(verified).ToString("O", CultureInfo.InvariantCulture),
                new Provenance(Module, "E-Mail-Bestätigung", user.Id, user.OrganisationId, Utc(verified)));
        }

        var sessions = db.Sessions.AsNoTracking().Where(s => s.UserId == user.Id).OrderBy(s => s.CreatedUtc).AsAsyncEnumerable();
        await foreach (var session in sessions.WithCancellation(cancellationToken))
        {
            var provenance = new Provenance(Module, "Anmeldung", user.Id, user.OrganisationId, Utc(session.CreatedUtc));
            var sessionRecord = $"session:{session.CreatedUtc:yyyyMMddHHmmss}";
            yield return new PersonalDatum("Sitzungen", sessionRecord, "Gerät", session.ClientSummary, provenance);
            yield return new PersonalDatum("Sitzungen", sessionRecord, "Zuletzt aktiv", Utc(session.LastSeenUtc).ToString("O", CultureInfo.InvariantCulture), provenance);
            yield return new PersonalDatum("Sitzungen", sessionRecord, "Beendet", session.EndedUtc is { } ended ? Utc(ended).ToString("O", CultureInfo.InvariantCulture) : "nein", provenance);
        }

        if (await db.LastTransactions.AsNoTracking().SingleOrDefaultAsync(t => t.UserId == user.Id, cancellationToken) is { } last)
        {
            var provenance = new Provenance(Module, "Letzte Transaktion", user.Id, user.OrganisationId, Utc(last.OccurredUtc));
            yield return new PersonalDatum(PlatformSubjects.AuditCategory, "last-transaction", "Letzte Transaktion", last.Action, provenance);
            yield return new PersonalDatum(PlatformSubjects.AuditCategory, "last-transaction", "IP-Adresse", last.IpAddress, provenance);
        }

        await foreach (var datum in AuditAsync(user.Id, cancellationToken))
        {
            yield return datum;
        }

        if (await restrictions.RestrictedSinceAsync(record, cancellationToken) is { } since)
        {
            yield return new PersonalDatum(PlatformSubjects.AccountCategory, record, "Verarbeitung eingeschränkt seit", since.ToString("O", CultureInfo.InvariantCulture),
                new Provenance("Datenschutz", "Einschränkung der Verarbeitung", null, null, since));
        }
    }

    public async Task<ErasureOutcome> EraseAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        var user = await FindAsync(subject, cancellationToken, tracked: true);
        if (user is null)
        {
            return ErasureOutcome.Nothing(Module);
        }

        var kept = new List<KeptData>();
        var auditCount = await db.AuditLog.CountAsync(a => a.UserId == user.Id, cancellationToken);
        if (auditCount > 0)
        {
            kept.Add(new KeptData(PlatformSubjects.AuditCategory, auditCount,
                "Nachweis der Sicherheit der Verarbeitung (Art. 5 Abs. 2, Art. 32 DSGVO); die Einträge sind unveränderlich verkettet und tragen nach der Löschung des Kontos nur noch eine Kennung ohne Namen.", null));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var hold = await holds.FindActiveAsync(PlatformSubjects.User(user.Id), PlatformSubjects.AccountCategory, cancellationToken);
        if (hold is not null)
        {
            // Blocked, not deleted: no login, no sessions, until the hold ends.
            user.Deactivate();
            var ended = 0;
            foreach (var session in await db.Sessions.Where(s => s.UserId == user.Id && s.EndedUtc == null).ToListAsync(cancellationToken))
            {
                session.End(now);
                ended++;
            }

            await db.SaveChangesAsync(cancellationToken);
            kept.Add(new KeptData(PlatformSubjects.AccountCategory, 1, hold.Reason, hold.EndsOn));
            return new ErasureOutcome(Module, 0, 0, kept);
        }

        var id = user.Id;
        var deleted = 0;
        deleted += await db.Sessions.Where(s => s.UserId == id).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.RecoveryCodes.Where(c => c.UserId == id).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.AccountTokens.Where(t => t.UserId == id).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.LastTransactions.Where(t => t.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Set<UserRole>().Where(r => r.UserId == id).ExecuteDeleteAsync(cancellationToken);
        db.Entry(user).State = EntityState.Detached;
        deleted += await db.Users.Where(u => u.Id == id).ExecuteDeleteAsync(cancellationToken);
        await restrictions.SetAsync(PlatformSubjects.User(id), false, cancellationToken);
        return new ErasureOutcome(Module, deleted, 0, kept);
    }

    public async Task<int> SetRestrictedAsync(DataSubject subject, bool restricted, CancellationToken cancellationToken)
    {
        var user = await FindAsync(subject, cancellationToken);
        return user is null ? 0 : await restrictions.SetAsync(PlatformSubjects.User(user.Id), restricted, cancellationToken);
    }

    private async IAsyncEnumerable<PersonalDatum> AuditAsync(Guid userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var audit = db.AuditLog.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.Sequence).AsAsyncEnumerable();
        await foreach (var entry in audit.WithCancellation(cancellationToken))
        {
            var provenance = new Provenance(Module, "Revisionsprotokoll", entry.UserId, entry.OrganisationId, Utc(entry.OccurredUtc));
            var auditRecord = $"audit:{entry.Sequence}";
            yield return new PersonalDatum(PlatformSubjects.AuditCategory, auditRecord, "Aktion", entry.Action, provenance);
            if (entry.IpAddress is not null)
            {
                yield return new PersonalDatum(PlatformSubjects.AuditCategory, auditRecord, "IP-Adresse", entry.IpAddress, provenance);
            }
        }
    }

    private async Task<User?> FindAsync(DataSubject subject, CancellationToken cancellationToken, bool tracked = false)
    {
        var users = tracked ? db.Users : db.Users.AsNoTracking();
        if (subject.UserId is { } id)
        {
            return await users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        }

        if (subject.Email is { Length: > 0 } email)
        {
            var normalised = User.NormaliseEmail(email);
            return await users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Email == normalised, cancellationToken);
        }

        return null;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
