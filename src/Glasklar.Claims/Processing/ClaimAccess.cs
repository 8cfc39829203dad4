using Glasklar.Claims.Persistence;
using Glasklar.Claims.Submission;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Claims.Processing;

/// <summary>Who is asking about a claim: the customer (own claims only) or a clerk of the insurer (tenant filter).</summary>
internal sealed record ClaimCaller(Guid UserId, bool IsCustomer)
{
    public static ClaimCaller Customer(Guid userId) => new(userId, true);

    public static ClaimCaller Clerk(Guid userId) => new(userId, false);
}

/// <summary>
/// The one place that decides whether a caller may see a claim. A customer finds only claims with the own
/// user id (CustomerScope, ADR 0025); a clerk only the own insurer's claims (tenant filter) that are not
/// restricted. Anything else is "not found", so the caller answers 404 and learns nothing.
/// </summary>
internal sealed class ClaimAccess(ClaimsDbContext db, DbSession session)
{
    public Task<Claim?> FindAsync(ClaimCaller caller, Guid claimId, CancellationToken cancellationToken)
    {
        if (caller.IsCustomer)
        {
            CustomerScope.Enter(session);
            return db.Claims.SingleOrDefaultAsync(c => c.Id == claimId && c.CustomerUserId == caller.UserId, cancellationToken);
        }

        return db.Claims.SingleOrDefaultAsync(c => c.Id == claimId && !c.Restricted, cancellationToken);
    }
}
