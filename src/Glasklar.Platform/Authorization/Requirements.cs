using System.Security.Claims;
using Glasklar.Platform.Sessions;
using Microsoft.AspNetCore.Authorization;

namespace Glasklar.Platform.Authorization;

/// <summary>A person with a session who holds one of <see cref="Roles"/>.</summary>
public sealed class RoleGroupRequirement(IReadOnlyCollection<string> roles) : IAuthorizationRequirement
{
    public IReadOnlyCollection<string> Roles { get; } = roles;
}

/// <summary>A machine client whose API key carries <see cref="Scope"/> (or "*").</summary>
public sealed class ApiScopeRequirement(string scope) : IAuthorizationRequirement
{
    public const string Wildcard = "*";

    public string Scope { get; } = scope;
}

internal sealed class RoleGroupHandler : AuthorizationHandler<RoleGroupRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleGroupRequirement requirement)
    {
        // Roles come only from a session: an API key principal has none, and must not gain any by a claim it carries.
        var person = context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == SessionAuthenticationHandler.SchemeName);
        if (person && requirement.Roles.Any(context.User.IsInRole))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

internal sealed class ApiScopeHandler : AuthorizationHandler<ApiScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiScopeRequirement requirement)
    {
        var scopes = context.User.Identities
            .Where(i => i.IsAuthenticated && i.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName)
            .SelectMany(i => i.FindAll(ApiKeyAuthenticationHandler.ScopeClaim))
            .Select(c => c.Value);
        if (scopes.Any(s => s == requirement.Scope || s == ApiScopeRequirement.Wildcard))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
