using System.Collections.Concurrent;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Telematics.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Telematics.Contracts;

/// <summary>What the listeners need to know about a box: whose it is and whether it collects.</summary>
internal sealed record BoxRef(Guid Id, Guid OrganisationId, string Imei, bool Accepts);

/// <summary>
/// Looks boxes up by IMEI for the handshake. A short-lived cache spares the database on reconnects; it
/// is cleared on activation and revocation in this process, and the batch writer re-checks the status
/// inside its transaction, so a box revoked on another node is refused there too (C18).
/// </summary>
internal sealed class BoxDirectory(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (BoxRef? Box, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<BoxRef?> FindAsync(string imei, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(imei, out var hit) && hit.Until > now)
        {
            return hit.Box;
        }

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Telematik: Gerätekennung prüfen");
        var db = scope.ServiceProvider.GetRequiredService<TelematicsDbContext>();
        var box = await db.Boxes.AsNoTracking().Where(b => b.Imei == imei)
            .Select(b => new BoxRef(b.Id, b.OrganisationId, b.Imei, b.Status == BoxStatus.Active))
            .SingleOrDefaultAsync(cancellationToken);
        _cache[imei] = (box, now + CacheFor);
        return box;
    }

    public void Forget(string imei) => _cache.TryRemove(imei, out _);
}
