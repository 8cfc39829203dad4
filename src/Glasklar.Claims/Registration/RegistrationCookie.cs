using Glasklar.Platform.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Glasklar.Claims.Registration;

/// <summary>
/// Between the registration form and the authenticator step the browser holds only this: an encrypted,
/// 30-minute, session-only cookie with the new secret and (for a new account) its id. For an address that
/// had an account already the id is null: the step looks the same, but nothing is stored.
/// </summary>
internal sealed record PendingRegistration(Guid? UserId, string Email, string SecretBase32);

internal sealed class RegistrationCookie(IDataProtectionProvider protection)
    : ProtectedStateCookie<PendingRegistration>(protection, CookieName, "Glasklar.Claims.Registration", TimeSpan.FromMinutes(30))
{
    public const string CookieName = "__Host-glasklar-registrierung";

    public static void Delete(HttpResponse response) => Delete(response, CookieName);
}
