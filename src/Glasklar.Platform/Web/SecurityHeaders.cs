using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Glasklar.Platform.Web;

/// <summary>Security headers on every response (issue 2 §5; B5, B12).</summary>
public static class SecurityHeaders
{
    /// <summary>Only our own origin; no inline script or style, no framing, no plugins.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()";

    /// <summary>Pages may carry personal data: nothing is kept by the browser or a proxy (B5).</summary>
    public const string NoStore = "no-store, max-age=0";

    public static IApplicationBuilder UseGlasklarSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var response = (HttpResponse)state;
                var headers = response.Headers;
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers[HeaderNames.XFrameOptions] = "DENY";
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";

                // Only fingerprinted static assets set their own caching; everything else is no-store.
                if (!headers.ContainsKey(HeaderNames.CacheControl))
                {
                    headers[HeaderNames.CacheControl] = NoStore;
                    headers[HeaderNames.Pragma] = "no-cache";
                }

                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
}
