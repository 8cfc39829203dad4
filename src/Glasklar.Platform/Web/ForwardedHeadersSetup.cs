using System.Net;
using Glasklar.Platform.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace Glasklar.Platform.Web;

public static class ForwardedHeadersSetup
{
    /// <summary>
    /// X-Forwarded-For/-Proto are honoured only from the proxies named in Glasklar:KnownProxies; the
    /// framework's default trust of loopback is removed, so nobody can spoof an IP or the scheme.
    /// </summary>
    public static ForwardedHeadersOptions Build(GlasklarOptions options)
    {
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        foreach (var proxy in options.KnownProxies)
        {
            if (!IPAddress.TryParse(proxy, out var address))
            {
                throw new InvalidOperationException($"Glasklar:KnownProxies enthält keine gültige IP-Adresse: '{proxy}'.");
            }

            forwarded.KnownProxies.Add(address);
        }

        return forwarded;
    }

    public static IApplicationBuilder UseGlasklarForwardedHeaders(this IApplicationBuilder app, GlasklarOptions options) =>
        options.KnownProxies.Count == 0 ? app : app.UseForwardedHeaders(Build(options));
}
