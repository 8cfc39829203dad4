using System.Security.Cryptography;
using Glasklar.Platform.Persistence;
using Glasklar.Privacy.Consent;
using Glasklar.Privacy.TextGuard;
using Glasklar.Referrals.Domain;
using Glasklar.Referrals.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Glasklar.Referrals.Submission;

/// <summary>Outcome of a submission: the stored referral, or the errors per field (nothing stored then).</summary>
internal sealed record SubmitResult(Referral? Referral, ReferralErrors? Errors);

/// <summary>Submitting, reading and working referrals. Every write is one transaction (DbSession).</summary>
internal sealed class ReferralService(
    ReferralsDbContext db,
    DbSession session,
    IConsentLedger consents,
    ITextGuard guard,
    SqliteGroupCommit groupCommit,
    IOptions<ReferralsOptions> options,
    TimeProvider clock)
{
    /// <summary>Consent purpose in the ledger for forwarding optional data to the repair network (A6).</summary>
    public const string ConsentPurpose = "vermittlung-freiwillige-angaben";

    public static string SubjectRef(Guid referralId) => $"referral:{referralId}";

    public ReferralValidator Validator => new(guard, options.Value.Insurers, clock);

    public async Task<SubmitResult> SubmitAsync(Caller caller, ReferralInput input, CancellationToken cancellationToken)
    {
        if (!caller.IsAgency)
        {
            return new SubmitResult(null, new ReferralErrors(new Dictionary<string, string[]>
            {
                [""] = ["Nur Vermittlerinnen und Vermittler einer Agentur können Vermittlungen anlegen."],
            }, new Dictionary<string, string>()));
        }

        var (valid, errors) = Validator.Validate(input);
        if (valid is null)
        {
            return new SubmitResult(null, errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var referral = new Referral(Guid.CreateVersion7(), caller.OrganisationId, caller.UserId, valid.Mode, ServiceNumberOf(caller.OrganisationId),
            now, valid.Mandatory, valid.Optional, options.Value.ConsentTextVersion);
        var scope = valid.Optional.PresentFields();

        if (session.Provider == DatabaseProvider.Sqlite)
        {
            // One writer at a time: several submissions share one commit (ADR 0015).
            var grant = scope.Count == 0 ? null : Grant(caller, referral.Id, scope);
            var refused = await groupCommit.StoreAsync(referral, grant, cancellationToken);
            return refused is null
                ? new SubmitResult(referral, null)
                : new SubmitResult(null, new ReferralErrors(new Dictionary<string, string[]> { [ReferralFields.ConsentToOptionalData] = [refused.Message] }, new Dictionary<string, string>()));
        }

        return await StoreAsync(caller, referral, scope, cancellationToken);
    }

    private ConsentGrant Grant(Caller caller, Guid referralId, IReadOnlyList<string> scope) =>
        new(SubjectRef(referralId), ConsentPurpose, scope, options.Value.ConsentTextVersion, new ConsentActor(caller.UserId, caller.OrganisationId, OnBehalfOf: true));

    private Task<SubmitResult> StoreAsync(Caller caller, Referral referral, IReadOnlyList<string> scope, CancellationToken cancellationToken) =>
        session.InTransactionAsync(async ct =>
        {
            db.Referrals.Add(referral);
            await db.SaveChangesAsync(ct);
            if (scope.Count > 0)
            {
                var consent = await consents.RecordAsync(Grant(caller, referral.Id, scope), ct);
                if (!consent.Succeeded)
                {
                    db.ChangeTracker.Clear();
                    return (false, new SubmitResult(null, new ReferralErrors(
                        new Dictionary<string, string[]> { [ReferralFields.ConsentToOptionalData] = [consent.Error.Message] }, new Dictionary<string, string>())));
                }
            }

            return (true, new SubmitResult(referral, null));
        }, cancellationToken);

    /// <summary>
    /// The referrals the caller may see. Agencies: their own (the central tenant filter). The repair network
    /// works every agency's referrals: a named cross-tenant read, and restricted referrals (Art. 18) stay hidden.
    /// </summary>
    public IQueryable<Referral> Visible(Caller caller) => caller.Party switch
    {
        Party.Agency => db.Referrals.Where(r => r.OrganisationId == caller.OrganisationId),
        Party.RepairNetwork => db.Referrals.IgnoreQueryFilters().Where(r => !r.Restricted),
        _ => db.Referrals.Where(_ => false),
    };

    public Task<Referral?> FindAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        Visible(caller).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Referral>> ListAsync(Caller caller, DateTime? sinceUtc, int max, CancellationToken cancellationToken)
    {
        var query = Visible(caller);
        if (sinceUtc is { } since)
        {
            query = query.Where(r => r.CreatedUtc > since);
        }

        return await query.OrderByDescending(r => r.CreatedUtc).Take(max).ToListAsync(cancellationToken);
    }

    /// <summary>The repair network moves a referral along; the agency sees the new status.</summary>
    public async Task<string?> ChangeStatusAsync(Caller caller, Guid id, ReferralStatus next, CancellationToken cancellationToken)
    {
        if (!caller.IsRepairNetwork)
        {
            return "Nur das Werkstattnetz kann den Bearbeitungsstand ändern.";
        }

        var referral = await FindAsync(caller, id, cancellationToken);
        if (referral is null)
        {
            return "Die Vermittlung wurde nicht gefunden.";
        }

        if (!referral.ChangeStatus(next, clock.GetUtcNow().UtcDateTime))
        {
            return $"Von „{ReferralStatuses.German(referral.Status)}“ kann nicht zu „{ReferralStatuses.German(next)}“ gewechselt werden.";
        }

        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Servicenummer of the agency (A3): configured per agency, otherwise derived from its id (stable).</summary>
    public string ServiceNumberOf(Guid agencyId)
    {
        if (options.Value.ServiceNumbers.TryGetValue(agencyId.ToString(), out var configured) && !string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim();
        }

        var hash = SHA256.HashData(agencyId.ToByteArray());
        return "SN-" + (BitConverter.ToUInt32(hash, 0) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }
}
