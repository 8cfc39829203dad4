using Glasklar.Platform.Accounts;
using Glasklar.Platform.Identity.TwoFactor;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.Identity;

/// <summary>A fresh, verified account with a second factor, so tests that change credentials touch nobody else.</summary>
public sealed record TestAccount(Guid Id, string Email, string Password, byte[] Secret, string GivenName, string FamilyName);

public static class TestAccounts
{
    public const string Password = "ein sehr langes Testpasswort 2026";

    public static async Task<TestAccount> CreateAsync(IServiceProvider services, string role = Roles.Customer, Guid? organisationId = null)
    {
        var email = $"test-{Guid.NewGuid():N}"[..20] + "@konto.glasklar.example";
        var secret = Totp.GenerateSecret();
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Testkonto");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var user = new User(Guid.NewGuid(), organisationId, email, "Tessa", "Testerfeld", DateTime.UtcNow);
        user.SetPasswordHash(AccountService.HashPassword(user, Password));
        user.MarkEmailVerified(DateTime.UtcNow);
        user.SetSecondFactor(scope.ServiceProvider.GetRequiredService<AccountService>().ProtectSecret(secret), null);
        user.AddRole(role);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return new TestAccount(user.Id, email, Password, secret, user.GivenName, user.FamilyName);
    }
}
