using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Glasklar.Host.Web;

/// <summary>
/// Every Razor page that can be opened with a plain GET (no required route values), so tests can walk
/// "every page that exists" without keeping a hand-written list.
/// </summary>
internal static class PageCatalog
{
    public static IReadOnlyList<string> GetPagePaths(IServiceProvider services) =>
        services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Where(e => e.RoutePattern.Parameters.All(p => p.IsOptional || p.Default is not null))
            .Select(e => "/" + string.Join('/', e.RoutePattern.PathSegments
                .Where(s => s.Parts.All(part => part is RoutePatternLiteralPart))
                .Select(s => string.Concat(s.Parts.Cast<RoutePatternLiteralPart>().Select(l => l.Content)))))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToList();
}
