using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Glasklar.Platform.Web;

/// <summary>
/// The state of a multi-step flow (login before the second factor, registration before the authenticator) kept
/// in the browser as an encrypted, time-limited, session-only <c>__Host-</c> cookie, so nothing is stored on the
/// server until the flow is complete. An expired or forged cookie reads as absent.
/// </summary>
public abstract class ProtectedStateCookie<T>(IDataProtectionProvider protection, string cookieName, string purpose, TimeSpan lifetime)
    where T : class
{
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector(purpose).ToTimeLimitedDataProtector();

    public void Write(HttpResponse response, T state)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(cookieName, _protector.Protect(JsonSerializer.Serialize(state), lifetime), Options);
    }

    public T? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Cookies.TryGetValue(cookieName, out var value))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(_protector.Unprotect(value));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // expired or forged
        }
    }

    protected static void Delete(HttpResponse response, string name)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(name, Options);
    }

    private static CookieOptions Options => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
    };
}
