using Glasklar.Claims.Persistence;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Identity.TwoFactor;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.ClaimsRegistration;

/// <summary>The registration form as a person fills it in, and look-ups of what it stored.</summary>
internal static class RegistrationSupport
{
    public const string Password = "Sonnenblumen wachsen im Garten hinterm Haus";

    public static string NewEmail() => $"neu-{Guid.NewGuid():N}"[..14] + "@kunde.glasklar.example";

    public static Dictionary<string, string> Form(string email, string password = Password) => new()
    {
        ["GivenName"] = "Rieke",
        ["FamilyName"] = "Registrierend",
        ["Email"] = email,
        ["MobilePhone"] = "0170 1234567",
        ["Password"] = password,
        ["PasswordRepeat"] = password,
        ["Question1"] = "0",
        ["Answer1"] = "  Minka  die Katze ",
        ["Question2"] = "2",
        ["Answer2"] = "Frau Lehmann",
    };

    /// <summary>Registration step 1; returns the Base32 secret shown on the authenticator step.</summary>
    public static async Task<(HttpResponseMessage Posted, string? Secret)> RegisterAsync(FormClient browser, Dictionary<string, string> form)
    {
        await browser.GetAsync("/registrieren");
        var posted = await browser.PostAsync("/registrieren", form);
        if (!FormClient.IsRedirectTo(posted, "/registrieren/app"))
        {
            return (posted, null);
        }

        await browser.GetAsync("/registrieren/app");
        var key = browser.LastPage!.QuerySelector("[data-testid=manual-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        return (posted, key);
    }

    public static string Code(string secretBase32, DateTimeOffset now)
    {
        Base32.TryDecode(secretBase32, out var secret).ShouldBeTrue();
        return Totp.Code(secret, now);
    }

    public static async Task<int> CountAccountsAndAnswersAsync(GlasklarFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Users.CountAsync()
            + await scope.ServiceProvider.GetRequiredService<ClaimsDbContext>().SecurityAnswers.CountAsync();
    }

    public static async Task<User?> FindUserAsync(GlasklarFactory factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Users.AsNoTracking().Include(u => u.Roles)
            .SingleOrDefaultAsync(u => u.Email == User.NormaliseEmail(email));
    }

    /// <summary>A verified customer without contract, and a session for it (after the clock moved, call again).</summary>
    public static async Task<string> NewCustomerAsync(GlasklarFactory factory)
    {
        var email = NewEmail();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var user = new User(Guid.NewGuid(), null, email, "Lina", "Linkend", DateTime.UtcNow);
        user.AddRole(Roles.Customer);
        user.MarkEmailVerified(DateTime.UtcNow);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return email;
    }

    public static void UseSession(FormClient browser, string cookie)
    {
        var pair = cookie.Split('=', 2);
        browser.Set(pair[0], pair[1]);
    }
}
