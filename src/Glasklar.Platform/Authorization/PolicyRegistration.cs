using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glasklar.Platform.Authorization;

/// <summary>An API scope an organisation admin can grant a key, with its German description.</summary>
public sealed record ApiScopeDefinition(string Scope, string Description);

/// <summary>The scopes offered on the API-key page: the platform's general ones plus those modules register.</summary>
public static class ApiScopes
{
    public const string Read = "lesen";
    public const string Write = "schreiben";
}

public static class PolicyRegistration
{
    /// <summary>Registers the role-group policies of <see cref="Policies"/> and the API-scope policies.</summary>
    internal static IServiceCollection AddGlasklarPolicies(this IServiceCollection services)
    {
        services.AddAuthorization(options =>
        {
            foreach (var (name, roles) in Policies.RoleGroups)
            {
                options.AddPolicy(name, policy => policy.AddRequirements(new RoleGroupRequirement(roles)));
            }
        });
        services.AddSingleton<IAuthorizationHandler, RoleGroupHandler>();
        services.AddSingleton<IAuthorizationHandler, ApiScopeHandler>();
        services.AddSingleton<IAuthorizationPolicyProvider, ApiScopePolicyProvider>();
        services.AddApiScope(ApiScopes.Read, "Daten der eigenen Organisation lesen");
        services.AddApiScope(ApiScopes.Write, "Daten für die eigene Organisation übermitteln");
        return services;
    }

    /// <summary>For modules: a policy of their own that admits these roles (people with a session only).</summary>
    public static IServiceCollection AddRoleGroupPolicy(this IServiceCollection services, string name, params string[] roles) =>
        services.Configure<AuthorizationOptions>(o => o.AddPolicy(name, p => p.AddRequirements(new RoleGroupRequirement(roles))));

    /// <summary>For modules: a scope organisation admins can grant to API keys (checked with <see cref="Policies.ApiScope"/>).</summary>
    public static IServiceCollection AddApiScope(this IServiceCollection services, string scope, string germanDescription) =>
        services.AddSingleton(new ApiScopeDefinition(scope, germanDescription));
}

/// <summary>Builds <c>api-scope:…</c> policies on demand, so modules need not register each scope's policy.</summary>
internal sealed class ApiScopePolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (policyName.StartsWith(Policies.ApiScopePrefix, StringComparison.Ordinal) && policyName.Length > Policies.ApiScopePrefix.Length)
        {
            return new AuthorizationPolicyBuilder()
                .AddRequirements(new ApiScopeRequirement(policyName[Policies.ApiScopePrefix.Length..]))
                .Build();
        }

        return await base.GetPolicyAsync(policyName);
    }
}
