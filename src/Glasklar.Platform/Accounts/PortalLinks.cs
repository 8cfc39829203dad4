using Glasklar.Platform.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Glasklar.Platform.Accounts;

/// <summary>
/// Absolute links for e-mails. <c>Glasklar:PublicUrl</c> when configured (production: always set it, so a
/// forged Host header cannot bend reset links elsewhere); otherwise the origin of the current request.
/// </summary>
public sealed class PortalLinks(IOptions<GlasklarOptions> options, IHttpContextAccessor http)
{
    public string To(string pathAndQuery)
    {
        var origin = options.Value.PublicUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : http.HttpContext?.Request is { Host.HasValue: true } request ? $"{request.Scheme}://{request.Host}" : "http://127.0.0.1:5080";
        return origin + pathAndQuery;
    }
}
