using System.Security.Claims;
using System.Text.Encodings.Web;
using Glasklar.Platform.Identity.ApiKeys;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glasklar.Platform.Sessions;

/// <summary>
/// Machine clients (agencies, insurers, workshops, repair networks) send <c>Authorization: ApiKey gk_…</c>.
/// The key is found by its public prefix and checked against the stored hash; revoked keys and inactive
/// organisations are refused; the last use is recorded; the request's tenant is the key's organisation.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PlatformDbContext db,
    DbSession dbSession,
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

        // Before authentication no tenant is known: the lookup by prefix deliberately crosses tenants.
        var stored = await db.ApiKeys.IgnoreQueryFilters().SingleOrDefaultAsync(k => k.Prefix == key.Prefix, Context.RequestAborted);
        if (stored is null || !stored.IsActive || !ApiKeyCredential.Verify(key, stored.SecretHash)
            || !await db.Organisations.AnyAsync(o => o.Id == stored.OrganisationId && o.IsActive, Context.RequestAborted))
        {
            return AuthenticateResult.Fail("API-Schlüssel ungültig oder widerrufen.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (stored.LastUsedUtc is null || now - stored.LastUsedUtc > TimeSpan.FromMinutes(1))
        {
            stored.MarkUsed(now);
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        dbSession.Tenant = TenantScope.For(stored.OrganisationId);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "apikey:" + stored.Id),
            new(ApiKeyClaim, stored.Id.ToString()),
            new(SessionAuthenticationHandler.OrganisationClaim, stored.OrganisationId.ToString()),
        };
        claims.AddRange(stored.ScopeList.Select(s => new Claim(ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "ApiKey";
        return Task.CompletedTask;
    }
}
