using System.Security.Claims;
using System.Text.Encodings.Web;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glasklar.Platform.Sessions;

/// <summary>
/// Authenticates browser requests by the session cookie against the server-side session store, and
/// sets the scope's tenant from the user's organisation (central tenant isolation).
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SessionService sessions,
    DbSession dbSession)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "glasklar-session";
    public const string OrganisationClaim = "glasklar:org";
    public const string SessionClaim = "glasklar:session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(LoginSessionOptions.CookieName, out var token))
        {
            return AuthenticateResult.NoResult();
        }

        var user = await sessions.ValidateAsync(token, Context.RequestAborted);
        if (user is null)
        {
            return AuthenticateResult.Fail("Sitzung abgelaufen oder beendet.");
        }

        dbSession.Tenant = user.OrganisationId is { } organisation ? TenantScope.For(organisation) : TenantScope.Nobody;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.UserId.ToString()),
            new(SessionClaim, user.SessionId),
        };
        if (user.OrganisationId is { } org)
        {
            claims.Add(new Claim(OrganisationClaim, org.ToString()));
        }

        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.NameIdentifier, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Request.Path.StartsWithSegments("/api"))
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        var returnUrl = Request.Path + Request.QueryString;
        Response.Redirect("/anmelden?returnUrl=" + Uri.EscapeDataString(returnUrl));
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    /// <summary>Writes the session cookie: session-only (no Expires/Max-Age), HttpOnly, Secure, SameSite=Strict.</summary>
    public static void WriteCookie(HttpResponse response, string token) =>
        response.Cookies.Append(LoginSessionOptions.CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        });

    public static void DeleteCookie(HttpResponse response) =>
        response.Cookies.Delete(LoginSessionOptions.CookieName, new CookieOptions { Secure = true, Path = "/", SameSite = SameSiteMode.Strict, HttpOnly = true });
}
