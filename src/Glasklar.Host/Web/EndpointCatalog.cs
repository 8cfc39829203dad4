using Microsoft.AspNetCore.Routing.Patterns;

namespace Glasklar.Host.Web;

/// <summary>Every GET endpoint (pages, APIs, health) as a path with sample values for route parameters.</summary>
internal static class EndpointCatalog
{
    public static IReadOnlyList<string> GetPaths(IServiceProvider services) =>
        services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Select(e => Path(e.RoutePattern))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Path(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart { Name: "documentName" } => "v1",
            RoutePatternParameterPart { Name: "code" } => "404",
            RoutePatternParameterPart parameter when parameter.IsOptional || parameter.Default is not null => "",
            RoutePatternParameterPart => "00000000-0000-4000-8000-00000000abcd",
            _ => "",
        })))).TrimEnd('/') is { Length: > 0 } path ? path : "/";
}
