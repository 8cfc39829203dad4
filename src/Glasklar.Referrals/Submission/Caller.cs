using System.Collections.Concurrent;
using System.Security.Claims;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Organisations;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Referrals.Submission;

/// <summary>Which side of the referral extranet a request speaks for.</summary>
internal enum Party
{
    None,
    Agency,
    RepairNetwork,
}

/// <summary>The signed-in person (or the owner of the API key) and the side they act for.</summary>
internal sealed record Caller(Guid UserId, Guid OrganisationId, Party Party, bool CanSeeCommission)
{
    public bool IsAgency => Party == Party.Agency;

    public bool IsRepairNetwork => Party == Party.RepairNetwork;
}

/// <summary>
/// Resolves the caller from the session (roles) or the API key (the key's organisation kind and owner).
/// Organisation kinds never change, so they are cached per process.
/// </summary>
internal sealed class CallerResolver(PlatformDbContext platform)
{
    private static readonly ConcurrentDictionary<Guid, (Guid Owner, Guid Organisation, OrganisationKind Kind)> Keys = new();

    public async Task<Caller?> ResolveAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(SessionAuthenticationHandler.OrganisationClaim) is not { } org
            || !Guid.TryParse(org, out var organisationId))
        {
            return null;
        }

        if (user.FindFirstValue(ApiKeyAuthenticationHandler.ApiKeyClaim) is { } keyText && Guid.TryParse(keyText, out var keyId))
        {
            if (!Keys.TryGetValue(keyId, out var key))
            {
                var stored = await platform.ApiKeys.Where(k => k.Id == keyId).Select(k => new { k.CreatedByUserId, k.OrganisationId }).SingleOrDefaultAsync(cancellationToken);
                var kind = await platform.Organisations.Where(o => o.Id == organisationId).Select(o => (OrganisationKind?)o.Kind).SingleOrDefaultAsync(cancellationToken);
                if (stored is null || kind is null)
                {
                    return null;
                }

                key = (stored.CreatedByUserId, stored.OrganisationId, kind.Value);
                Keys[keyId] = key;
            }

            var party = key.Kind switch
            {
                OrganisationKind.Agency => Party.Agency,
                OrganisationKind.RepairNetwork => Party.RepairNetwork,
                _ => Party.None,
            };
            return new Caller(key.Owner, key.Organisation, party, party == Party.Agency);
        }

        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return null;
        }

        var sessionParty = user.IsInRole(Roles.Agent) || user.IsInRole(Roles.AgencyAdmin) ? Party.Agency
            : user.IsInRole(Roles.RepairNetworkClerk) ? Party.RepairNetwork
            : Party.None;
        return new Caller(userId, organisationId, sessionParty, user.IsInRole(Roles.AgencyAdmin));
    }
}
