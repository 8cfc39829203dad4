using System.Text.Json;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Sessions;
using Glasklar.Platform.Tenancy;
using Glasklar.Privacy.Consent;
using Glasklar.Privacy.DataSubjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.Privacy;

/// <summary>Fresh accounts, consent entries and signed-in form clients for the data-subject tests.</summary>
internal static class PrivacyTestSupport
{
    public sealed record TestUser(Guid Id, string Email, string Cookie);

    public static async Task<T> InScopeAsync<T>(GlasklarFactory factory, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        return await work(scope.ServiceProvider);
    }

    /// <summary>A new customer account with a running session (so each test erases its own person).</summary>
    public static Task<TestUser> NewCustomerAsync(GlasklarFactory factory) => InScopeAsync(factory, async sp =>
    {
        var db = sp.GetRequiredService<PlatformDbContext>();
        var email = $"kunde-{Guid.NewGuid():N}@example.invalid";
        var user = new User(Guid.NewGuid(), null, email, "Kim", "Kundin", DateTime.UtcNow);
        user.AddRole(Roles.Customer);
        user.SetMobilePhone("+4915112345678");
        db.Users.Add(user);
        await db.SaveChangesAsync();
        var token = await sp.GetRequiredService<SessionService>().StartAsync(user, "Test / Test", CancellationToken.None);
        return new TestUser(user.Id, email, $"{LoginSessionOptions.CookieName}={token}");
    });

    public static async Task<Guid> UserIdAsync(GlasklarFactory factory, string email) => await InScopeAsync(factory, sp =>
        sp.GetRequiredService<PlatformDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>An agent records the customer's consent on their behalf (A6), so provenance names another person and organisation.</summary>
    public static Task RecordConsentByAgentAsync(GlasklarFactory factory, Guid customerId) => InScopeAsync(factory, async sp =>
    {
        var agent = await sp.GetRequiredService<PlatformDbContext>().Users.SingleAsync(u => u.Email == DemoAccounts.EmailFor(Roles.Agent));
        var result = await sp.GetRequiredService<IConsentLedger>().RecordAsync(new ConsentGrant(PlatformSubjects.User(customerId), "weitergabe-werkstatt",
            ["telefon"], "2026-11", new ConsentActor(agent.Id, agent.OrganisationId!.Value, OnBehalfOf: true)));
        result.Succeeded.ShouldBeTrue();
        return true;
    });

    public static async Task<FormClient> SignedInAsync(AppFixture app, string cookie)
    {
        var client = new FormClient(app.CreateClient());
        var pair = cookie.Split('=', 2);
        client.Set(pair[0], pair[1]);
        return await Task.FromResult(client);
    }

    public static async Task<FormClient> SignedInAsAsync(AppFixture app, string role) =>
        await SignedInAsync(app, await TestLogins.SessionCookieAsync(app.Factory, DemoAccounts.EmailFor(role)));

    /// <summary>The "daten" array of an access report as (module, category, field, value, provenance) rows.</summary>
    public static List<JsonElement> Data(JsonDocument report) => [.. report.RootElement.GetProperty("daten").EnumerateArray()];

    public static Guid NewestRequestId(GlasklarFactory factory, Guid userId) => InScopeAsync(factory, async sp =>
        (await sp.GetRequiredService<ISubjectRequests>().ForUserAsync(userId, CancellationToken.None)).First().Id).GetAwaiter().GetResult();
}
