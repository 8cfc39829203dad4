using System.Security.Claims;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Telematics.Portal;

/// <summary>
/// The boxes a signed-in customer may see: those of contracts linked to the account, or (on first visit)
/// of contracts with the account's verified e-mail address, which are then linked. Everything else of the
/// portal is reached only through these boxes, so another customer's data answers 404.
/// </summary>
internal sealed class CustomerBoxes(DbSession session, TelematicsDbContext db, AccountService accounts)
{
    public static Guid UserId(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public async Task<List<Box>> OwnAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var userId = UserId(principal);
        session.Tenant = TenantScope.AllTenants("Kundin/Kunde: eigene Telematik-Verträge");
        var user = await accounts.FindAsync(userId, cancellationToken);
        var email = user?.EmailVerifiedUtc is not null ? user.Email : null;
        var contracts = await db.Contracts.Where(c => c.CustomerUserId == userId || (c.CustomerUserId == null && email != null && c.Email == email)).ToListAsync(cancellationToken);
        var link = contracts.Where(c => c.CustomerUserId is null).ToList();
        foreach (var contract in link)
        {
            contract.CustomerUserId = userId;
        }

        if (link.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        var ids = contracts.Select(c => c.Id).ToList();
        return await db.Boxes.AsNoTracking().Where(b => ids.Contains(b.ContractId)).OrderBy(b => b.VehicleId).ToListAsync(cancellationToken);
    }

    /// <summary>The boxes of contracts already linked to the account (background jobs have no principal).</summary>
    public async Task<List<Box>> LinkedAsync(Guid userId, CancellationToken cancellationToken)
    {
        session.Tenant = TenantScope.AllTenants("Telematik: Export für die eigene Kundin/den eigenen Kunden");
        var ids = await db.Contracts.Where(c => c.CustomerUserId == userId).Select(c => c.Id).ToListAsync(cancellationToken);
        return await db.Boxes.AsNoTracking().Where(b => ids.Contains(b.ContractId)).OrderBy(b => b.VehicleId).ToListAsync(cancellationToken);
    }
}
