using Glasklar.Platform.Demo;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Platform.Accounts;

/// <summary>Seeds the demo users (with second factor and, for organisation admins, an API key). Idempotent.</summary>
internal sealed class DemoUsers(TimeProvider clock) : IDemoDataSeeder
{
    public int Order => 10;

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<PlatformDbContext>();
        var accounts = services.GetRequiredService<AccountService>();
        var existing = await db.Users.Select(u => u.Email).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var d in DemoAccounts.All.Where(d => !existing.Contains(DemoAccounts.Email(d))))
        {
            var user = new User(Guid.NewGuid(), d.OrganisationId, DemoAccounts.Email(d), d.GivenName, d.FamilyName, now);
            user.SetPasswordHash(AccountService.HashPassword(user, DemoAccounts.Password(d)));
            user.MarkEmailVerified(now);
            user.SetSecondFactor(accounts.ProtectSecret(DemoAccounts.TotpSecret(d)), null);
            user.AddRole(d.Role);
            db.Users.Add(user);
            if (DemoAccounts.ApiKey(d) is { } key && d.OrganisationId is { } organisation)
            {
                db.ApiKeys.Add(new ApiKey(Guid.NewGuid(), organisation, $"Demo-Schlüssel {d.Key}", key.Prefix, key.SecretHash, ["*"], user.Id, now));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
