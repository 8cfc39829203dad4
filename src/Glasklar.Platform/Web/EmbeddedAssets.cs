using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Glasklar.Platform.Web;

/// <summary>
/// A module's own script or stylesheet, embedded in its assembly and served by Glasklar itself (no CDN, B12; CSP
/// forbids inline script and style). Such files carry no personal data; browsers revalidate them (no-cache).
/// </summary>
public static class EmbeddedAssets
{
    public static IEndpointRouteBuilder MapEmbeddedAsset(this IEndpointRouteBuilder endpoints, string path, Assembly assembly, string resourceName, string contentType)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var content = new Lazy<byte[]>(() => Read(assembly, resourceName));
        endpoints.MapGet(path, (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-cache";
            return TypedResults.Bytes(content.Value, contentType);
        }).ExcludeFromDescription();
        return endpoints;
    }

    private static byte[] Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Eingebettete Datei {resourceName} fehlt.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
