using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Sessions;
using Glasklar.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.Infrastructure;

/// <summary>Sessions for demo users without the login pages, for tests about what a role may see.</summary>
public static class TestLogins
{
    public static async Task<string> SessionCookieAsync(GlasklarFactory factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test-Anmeldung");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == User.NormaliseEmail(email));
        var token = await scope.ServiceProvider.GetRequiredService<SessionService>().StartAsync(user, "Test / Test", CancellationToken.None);
        return $"{LoginSessionOptions.CookieName}={token}";
    }

    public static HttpRequestMessage Get(string path, string? cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return request;
    }
}
