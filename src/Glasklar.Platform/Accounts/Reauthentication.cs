using System.Security.Claims;
using System.Security.Cryptography;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Sessions;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Glasklar.Platform.Accounts;

public enum ReauthenticationResult
{
    Confirmed,
    Rejected,
    Throttled,
}

/// <summary>
/// Before e-mail, mobile number, password or second factor change, the person proves again that it is them:
/// password and a fresh authenticator code (or a recovery code). The proof is an encrypted, session-only
/// cookie bound to the current session id and valid 10 minutes; a copied cookie is useless for any other
/// session, and logout ends it with the session.
/// </summary>
public sealed class Reauthentication(IDataProtectionProvider protection, AccountService accounts, RecoveryCodeService recoveryCodes, AuditLog audit)
{
    public const string CookieName = "__Host-glasklar-bestaetigt";
    public const string Path = "/konto/bestaetigen";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Glasklar.Platform.Reauthentication").ToTimeLimitedDataProtector();

    public bool IsFresh(HttpContext context)
    {
        if (context.User.FindFirstValue(SessionAuthenticationHandler.SessionClaim) is not { } sessionId
            || !context.Request.Cookies.TryGetValue(CookieName, out var value))
        {
            return false;
        }

        try
        {
            return _protector.Unprotect(value) == sessionId;
        }
        catch (CryptographicException)
        {
            return false; // expired or forged
        }
    }

    public async Task<ReauthenticationResult> ConfirmAsync(HttpContext context, User user, string? password, string? code, CancellationToken cancellationToken)
    {
        var ip = context.ClientIp();
        var result = await CheckAsync(user, password ?? "", (code ?? "").Replace(" ", "", StringComparison.Ordinal), ip, cancellationToken);
        if (result != ReauthenticationResult.Confirmed)
        {
            await audit.AppendAsync(AuditActions.ReauthenticationFailed, user.Id, user.OrganisationId, ip, new() { ["grund"] = result.ToString() }, cancellationToken);
            return result;
        }

        var sessionId = context.User.FindFirstValue(SessionAuthenticationHandler.SessionClaim)!;
        context.Response.Cookies.Append(CookieName, _protector.Protect(sessionId, Lifetime), new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        });
        await audit.AppendAsync(AuditActions.Reauthenticated, user.Id, user.OrganisationId, ip, [], cancellationToken);
        await audit.RecordTransactionAsync(user.Id, AuditActions.Reauthenticated, ip, cancellationToken);
        return ReauthenticationResult.Confirmed;
    }

    private async Task<ReauthenticationResult> CheckAsync(User user, string password, string code, string ip, CancellationToken cancellationToken)
    {
        var check = await accounts.CheckPasswordAsync(user.Email, password, ip, cancellationToken);
        if (check.RetryAfter > TimeSpan.Zero)
        {
            return ReauthenticationResult.Throttled;
        }

        if (check.User?.Id != user.Id)
        {
            return ReauthenticationResult.Rejected;
        }

        // Six digits: the app's code. Anything longer: one of the recovery codes.
        var second = code.Length > 6 && !code.All(char.IsAsciiDigit)
            ? await recoveryCodes.TryUseAsync(user, code, cancellationToken) ? SecondFactorResult.Accepted : SecondFactorResult.Rejected
            : await accounts.CheckSecondFactorAsync(check.User, code, ip, cancellationToken);
        return second switch
        {
            SecondFactorResult.Accepted => ReauthenticationResult.Confirmed,
            SecondFactorResult.Throttled => ReauthenticationResult.Throttled,
            _ => ReauthenticationResult.Rejected,
        };
    }
}
