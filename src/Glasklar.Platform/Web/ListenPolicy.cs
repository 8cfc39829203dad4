using System.Net;

namespace Glasklar.Platform.Web;

/// <summary>Outcome of checking the addresses Glasklar is asked to listen on.</summary>
public sealed record ListenCheck(bool Allowed, string? Problem)
{
    public static readonly ListenCheck Ok = new(true, null);
}

/// <summary>
/// Transport only over TLS (B9): plain HTTP is fine on loopback (the local demo, a reverse proxy on the
/// same host); on any other address it needs a certificate or a TLS-terminating proxy in front.
/// </summary>
public static class ListenPolicy
{
    public static ListenCheck Check(IEnumerable<string> urls, bool httpsCertificateConfigured, bool behindTlsProxy)
    {
        foreach (var raw in urls)
        {
            var url = raw.Trim();
            if (url.Length == 0)
            {
                continue;
            }

            if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && !httpsCertificateConfigured)
                {
                    return new ListenCheck(false, $"Für {url} ist kein HTTPS-Zertifikat konfiguriert (Kestrel:Certificates:Default:Path).");
                }

                continue;
            }

            if (IsLoopback(HostOf(url)) || httpsCertificateConfigured || behindTlsProxy)
            {
                continue;
            }

            return new ListenCheck(false,
                $"Glasklar liefert auf {url} kein unverschlüsseltes HTTP aus (nur TLS, Zusage B9). " +
                "Konfigurieren Sie ein HTTPS-Zertifikat oder setzen Sie Glasklar:BehindTlsProxy=true, " +
                "wenn ein TLS-Proxy davor steht.");
        }

        return ListenCheck.Ok;
    }

    internal static string HostOf(string url)
    {
        var rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var slash = rest.IndexOf('/');
        if (slash >= 0)
        {
            rest = rest[..slash];
        }

        if (rest.StartsWith('['))
        {
            var end = rest.IndexOf(']');
            return end > 0 ? rest[1..end] : rest;
        }

        var colon = rest.LastIndexOf(':');
        return colon >= 0 ? rest[..colon] : rest;
    }

    internal static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
