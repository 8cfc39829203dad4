using System.Text.Json;
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
{
    public const string CookieName = "__Host-glasklar-anmeldung";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Glasklar.Platform.PendingLogin").ToTimeLimitedDataProtector();

    public void Write(HttpResponse response, PendingLogin pending) =>
        response.Cookies.Append(CookieName, _protector.Protect(JsonSerializer.Serialize(pending), Lifetime), Options);

    public PendingLogin? Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var value))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<PendingLogin>(_protector.Unprotect(value));
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
