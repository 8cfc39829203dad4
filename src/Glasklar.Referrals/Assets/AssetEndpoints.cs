using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Glasklar.Referrals.Assets;

/// <summary>
/// The module's own script and stylesheet, embedded in the assembly and served by Glasklar itself (no CDN, B12;
/// CSP forbids inline script and style). They carry no personal data and may be cached.
/// </summary>
internal static class AssetEndpoints
{
    public const string ScriptPath = "/vermittlung/assets/vermittlung.js";
    public const string StylePath = "/vermittlung/assets/vermittlung.css";

    private static readonly Lazy<byte[]> Script = new(() => Read("vermittlung.js"));
    private static readonly Lazy<byte[]> Style = new(() => Read("vermittlung.css"));

    public static IEndpointRouteBuilder MapReferralAssets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ScriptPath, (HttpContext http) => Serve(http, Script.Value, "text/javascript; charset=utf-8")).ExcludeFromDescription();
        endpoints.MapGet(StylePath, (HttpContext http) => Serve(http, Style.Value, "text/css; charset=utf-8")).ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Serve(HttpContext http, byte[] content, string type)
    {
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Bytes(content, type);
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(AssetEndpoints).Assembly.GetManifestResourceStream($"Glasklar.Referrals.Assets.{name}")
            ?? throw new InvalidOperationException($"Eingebettete Datei {name} fehlt.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
