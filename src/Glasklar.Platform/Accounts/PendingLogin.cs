using Glasklar.Platform.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Glasklar.Platform.Accounts;

/// <summary>
/// Between the password step and the second factor the browser holds only this: an encrypted,
/// five-minute, session-only cookie naming the user (and, during enrolment, the new secret). No
/// session exists until the second factor is done.
/// </summary>
public sealed record PendingLogin(Guid UserId, string? NewSecretBase32, string? ReturnUrl);

public sealed class PendingLoginCookie(IDataProtectionProvider protection)
    : ProtectedStateCookie<PendingLogin>(protection, CookieName, "Glasklar.Platform.PendingLogin", TimeSpan.FromMinutes(5))
{
    public const string CookieName = "__Host-glasklar-anmeldung";

    public static void Delete(HttpResponse response) => Delete(response, CookieName);
}
