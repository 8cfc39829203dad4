using System.Security.Claims;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Authorization;
using Glasklar.Platform.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.Identity;

/// <summary>The named policies, evaluated by the application's own authorization service.</summary>
public sealed class PolicyTests(SqliteApp app) : AppTests<SqliteApp>(app)
{
    [Theory]
    [InlineData(Policies.AuditReaders, Roles.OperatorAdmin, true)]
    [InlineData(Policies.AuditReaders, Roles.DataProtectionOfficer, true)]
    [InlineData(Policies.AuditReaders, Roles.AgencyAdmin, false)]
    [InlineData(Policies.ApiKeyAdmins, Roles.RepairNetworkClerk, true)]
    [InlineData(Policies.ApiKeyAdmins, Roles.Agent, false)]
    [InlineData(Policies.AgencyStaff, Roles.Agent, true)]
    [InlineData(Policies.InsurerStaff, Roles.Auditor, true)]
    [InlineData(Policies.OrganisationStaff, Roles.Customer, false)]
    [InlineData(Policies.Customers, Roles.Customer, true)]
    [InlineData(Policies.SignedIn, Roles.WorkshopUser, true)]
    public async Task A_role_group_admits_exactly_its_roles(string policy, string role, bool admitted)
    {
        (await AuthorizeAsync(Person(role), policy)).ShouldBe(admitted);
    }

    [Fact]
    public async Task Every_role_group_policy_is_registered_and_every_role_belongs_to_signed_in()
    {
        foreach (var (policy, roles) in Policies.RoleGroups)
        {
            foreach (var role in Roles.All)
            {
                (await AuthorizeAsync(Person(role), policy)).ShouldBe(roles.Contains(role), $"{policy} / {role}");
            }
        }
    }

    [Fact]
    public async Task An_api_key_never_acts_as_a_role_even_with_a_role_claim()
    {
        var forged = ApiClient("*");
        forged.Identities.Single().AddClaim(new Claim(ClaimTypes.Role, Roles.OperatorAdmin));

        (await AuthorizeAsync(forged, Policies.AuditReaders)).ShouldBeFalse();
        (await AuthorizeAsync(forged, Policies.SignedIn)).ShouldBeFalse();
    }

    [Fact]
    public async Task An_api_scope_policy_admits_keys_with_that_scope_or_the_wildcard_only()
    {
        (await AuthorizeAsync(ApiClient(ApiScopes.Read), Policies.ApiScope(ApiScopes.Read))).ShouldBeTrue();
        (await AuthorizeAsync(ApiClient(ApiScopes.Read), Policies.ApiScope(ApiScopes.Write))).ShouldBeFalse();
        (await AuthorizeAsync(ApiClient("*"), Policies.ApiScope(ApiScopes.Write))).ShouldBeTrue();
        (await AuthorizeAsync(Person(Roles.OperatorAdmin), Policies.ApiScope(ApiScopes.Read))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_module_declares_its_own_role_group_and_scope()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAuthorizationCore();
        services.AddGlasklarPolicies();
        services.AddRoleGroupPolicy("vermittlung-pruefen", Roles.RepairNetworkClerk, Roles.AgencyAdmin);
        services.AddApiScope("vermittlungen:schreiben", "Vermittlungen übermitteln");
        await using var provider = services.BuildServiceProvider();
        var authorization = provider.GetRequiredService<IAuthorizationService>();

        (await authorization.AuthorizeAsync(Person(Roles.AgencyAdmin), "vermittlung-pruefen")).Succeeded.ShouldBeTrue();
        (await authorization.AuthorizeAsync(Person(Roles.Agent), "vermittlung-pruefen")).Succeeded.ShouldBeFalse();
        provider.GetServices<ApiScopeDefinition>().Select(s => s.Scope).ShouldContain("vermittlungen:schreiben");
    }

    private async Task<bool> AuthorizeAsync(ClaimsPrincipal user, string policy)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(user, policy)).Succeeded;
    }

    private static ClaimsPrincipal Person(string role) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(ClaimTypes.Role, role)],
        SessionAuthenticationHandler.SchemeName, ClaimTypes.NameIdentifier, ClaimTypes.Role));

    private static ClaimsPrincipal ApiClient(string scope) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "apikey:test"), new Claim(ApiKeyAuthenticationHandler.ScopeClaim, scope)],
        ApiKeyAuthenticationHandler.SchemeName));
}
