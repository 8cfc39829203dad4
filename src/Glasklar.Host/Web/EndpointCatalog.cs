using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Glasklar.Host.Web;

/// <summary>
/// The application's GET endpoints as paths, read from its own endpoint table, so tests can walk
/// "every page" or "every endpoint" without keeping a hand-written list.
/// </summary>
internal static class EndpointCatalog
{
    /// <summary>Every GET endpoint (pages, APIs, health), with sample values for route parameters.</summary>
    public static IReadOnlyList<string> GetPaths(IServiceProvider services) =>
        Paths(Endpoints(services).Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET")));

    /// <summary>Every Razor page a plain GET can open (no required route values).</summary>
    public static IReadOnlyList<string> GetPagePaths(IServiceProvider services) =>
        Paths(Endpoints(services)
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Where(e => e.RoutePattern.Parameters.All(p => p.IsOptional || p.Default is not null)), withSamples: false);

    private static IEnumerable<RouteEndpoint> Endpoints(IServiceProvider services) =>
        services.GetServices<EndpointDataSource>().SelectMany(source => source.Endpoints).OfType<RouteEndpoint>();

    private static List<string> Paths(IEnumerable<RouteEndpoint> endpoints, bool withSamples = true) =>
        endpoints.Select(e => Path(e.RoutePattern, withSamples))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Path(RoutePattern pattern, bool withSamples)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart when !withSamples => "",
            RoutePatternParameterPart { Name: "documentName" } => "v1",
            RoutePatternParameterPart { Name: "code" } => "404",
            RoutePatternParameterPart parameter when parameter.IsOptional || parameter.Default is not null => "",
            RoutePatternParameterPart => "00000000-0000-4000-8000-00000000abcd",
            _ => "",
        })));
        var path = "/" + string.Join('/', segments.Where(s => s.Length > 0));
        return path;
    }
}
