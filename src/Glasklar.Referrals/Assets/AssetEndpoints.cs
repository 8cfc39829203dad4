using Glasklar.Platform.Web;
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

    public static IEndpointRouteBuilder MapReferralAssets(this IEndpointRouteBuilder endpoints)
    {
        var assembly = typeof(AssetEndpoints).Assembly;
        return endpoints
            .MapEmbeddedAsset(ScriptPath, assembly, "Glasklar.Referrals.Assets.vermittlung.js", "text/javascript; charset=utf-8")
            .MapEmbeddedAsset(StylePath, assembly, "Glasklar.Referrals.Assets.vermittlung.css", "text/css; charset=utf-8");
    }
}
