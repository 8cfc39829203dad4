using System.Text.Json;
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
{
    public const string CookieName = "__Host-glasklar-registrierung";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Glasklar.Claims.Registration").ToTimeLimitedDataProtector();

    public void Write(HttpResponse response, PendingRegistration pending) =>
        response.Cookies.Append(CookieName, _protector.Protect(JsonSerializer.Serialize(pending), Lifetime), Options);

    public PendingRegistration? Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var value))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<PendingRegistration>(_protector.Unprotect(value));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // expired or forged
        }
    }

    public static void Delete(HttpResponse response) => response.Cookies.Delete(CookieName, Options);

    private static CookieOptions Options => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
    };
}
