using System.Security.Claims;
using System.Text.Encodings.Web;
using Glasklar.Platform.Identity.ApiKeys;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glasklar.Platform.Sessions;

/// <summary>
/// Machine clients (agencies, insurers, workshops, repair networks) send <c>Authorization: ApiKey gk_…</c>.
/// The key is found by its public prefix and checked against the stored hash; revoked keys and inactive
/// organisations are refused; the last use is recorded; the request's tenant is the key's organisation.
/// A verified key is kept in <see cref="ApiKeyCache"/> for a few seconds; the secret is checked on every request.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DbSession dbSession,
    ApiKeyCache cache,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "glasklar-apikey";
    public const string ScopeClaim = "glasklar:scope";
    public const string ApiKeyClaim = "glasklar:apikey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var parse = ApiKeyCredential.ParseAuthorizationHeader(Request.Headers.Authorization.ToString());
        if (parse.Key is not { } key)
        {
            return parse.Rejection == ApiKeyRejection.Missing ? AuthenticateResult.NoResult() : AuthenticateResult.Fail("API-Schlüssel ungültig.");
        }

        var verified = cache.Find(key.Prefix);
        if (verified is null)
        {
            verified = await LoadAsync(key);
            if (verified is null)
            {
                return AuthenticateResult.Fail("API-Schlüssel ungültig oder widerrufen.");
            }

            cache.Remember(verified, key.Prefix);
        }
        else if (!ApiKeyCredential.Verify(key, verified.SecretHash))
        {
            return AuthenticateResult.Fail("API-Schlüssel ungültig oder widerrufen.");
        }

        dbSession.Tenant = TenantScope.For(verified.OrganisationId);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "apikey:" + verified.Id),
            new(ApiKeyClaim, verified.Id.ToString()),
            new(SessionAuthenticationHandler.OrganisationClaim, verified.OrganisationId.ToString()),
        };
        claims.AddRange(verified.Scopes.Select(s => new Claim(ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>Finds the key by its prefix, checks secret, revocation and organisation, and records the last use.</summary>
    private async Task<VerifiedApiKey?> LoadAsync(ApiKeyParts key)
    {
        // Resolved only on a cache miss: most requests of a busy client never open a DbContext here.
        var db = Context.RequestServices.GetRequiredService<PlatformDbContext>();

        // Before authentication no tenant is known: the lookup by prefix deliberately crosses tenants.
        var stored = await db.ApiKeys.IgnoreQueryFilters().SingleOrDefaultAsync(k => k.Prefix == key.Prefix, Context.RequestAborted);
        if (stored is null || !stored.IsActive || !ApiKeyCredential.Verify(key, stored.SecretHash)
            || !await db.Organisations.AnyAsync(o => o.Id == stored.OrganisationId && o.IsActive, Context.RequestAborted))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (stored.LastUsedUtc is null || now - stored.LastUsedUtc > TimeSpan.FromMinutes(1))
        {
            stored.MarkUsed(now);
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        return new VerifiedApiKey(stored.Id, stored.OrganisationId, stored.SecretHash, stored.ScopeList, now);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "ApiKey";
        return Task.CompletedTask;
    }
}
