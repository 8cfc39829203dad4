using Glasklar.Platform.Audit;
using Glasklar.Platform.Sessions;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Http;

namespace Glasklar.Platform.Accounts;

/// <summary>The end of a successful login: a new session (new id), its cookie, the audit entry.</summary>
public sealed class LoginCompletion(SessionService sessions, AuditLog audit)
{
    public async Task CompleteAsync(HttpContext context, User user, CancellationToken cancellationToken)
    {
        // Any session the browser had before is ended: the id changes at login.
        if (context.Request.Cookies.TryGetValue(LoginSessionOptions.CookieName, out var previous))
        {
            await sessions.EndAsync(SessionService.Hash(previous), cancellationToken);
        }

        var token = await sessions.StartAsync(user, ClientSummary.From(context.Request.Headers.UserAgent.ToString()), cancellationToken);
        SessionAuthenticationHandler.WriteCookie(context.Response, token);
        PendingLoginCookie.Delete(context.Response);
        var ip = context.ClientIp();
        await audit.AppendAsync(AuditActions.Login, user.Id, user.OrganisationId, ip, [], cancellationToken);
        await audit.RecordTransactionAsync(user.Id, AuditActions.Login, ip, cancellationToken);
    }

    public Task RecordFailureAsync(User user, string ip, SecondFactorResult result, CancellationToken cancellationToken) =>
        audit.AppendAsync(AuditActions.LoginFailed, user.Id, user.OrganisationId, ip,
            new() { ["schritt"] = "code", ["grund"] = result.ToString() }, cancellationToken);
}

/// <summary>"Firefox / Linux": enough for users to recognise their sessions, not a fingerprint.</summary>
public static class ClientSummary
{
    public static string From(string userAgent)
    {
        var browser = userAgent switch
        {
            _ when userAgent.Contains("Edg/", StringComparison.Ordinal) => "Edge",
            _ when userAgent.Contains("Firefox/", StringComparison.Ordinal) => "Firefox",
            _ when userAgent.Contains("Chrome/", StringComparison.Ordinal) => "Chrome",
            _ when userAgent.Contains("Safari/", StringComparison.Ordinal) => "Safari",
            _ => "Unbekannter Browser",
        };
        var system = userAgent switch
        {
            _ when userAgent.Contains("Android", StringComparison.Ordinal) => "Android",
            _ when userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal) => "iOS",
            _ when userAgent.Contains("Windows", StringComparison.Ordinal) => "Windows",
            _ when userAgent.Contains("Mac OS", StringComparison.Ordinal) => "macOS",
            _ when userAgent.Contains("Linux", StringComparison.Ordinal) => "Linux",
            _ => "unbekanntes System",
        };
        return $"{browser} / {system}";
    }
}
