using Glasklar.Telematics.Exports;
using Glasklar.Telematics.Geofences;
using Glasklar.Telematics.Ingestion;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Telematics.Portal;

/// <summary>The customer portal part of the module: pages' services, export worker, theft-alert stage and mailer, own script.</summary>
internal static class PortalModule
{
    public const string ScriptPath = "/telematik/assets/telematik.js";
    public const string StylePath = "/telematik/assets/telematik.css";

    private static readonly Lazy<byte[]> Script = new(() => Read("telematik.js"));
    private static readonly Lazy<byte[]> Style = new(() => Read("telematik.css"));

    public static IServiceCollection AddTelematicsPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(PortalOptions.From(configuration));
        services.AddScoped<CustomerBoxes>();
        services.AddScoped<PortalPositions>();
        services.AddScoped<ExportService>();
        services.AddScoped<GeofenceService>();
        services.AddSingleton<ExportFiles>();
        services.AddSingleton<ExportSignal>();
        services.AddSingleton<GeofenceSignal>();
        services.AddSingleton<IIngestStage, GeofenceStage>();
        services.AddHostedService<ExportWorker>();
        services.AddSingleton<GeofenceMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<GeofenceMailer>());
        return services;
    }

    public static IEndpointRouteBuilder MapTelematicsPortal(this IEndpointRouteBuilder endpoints)
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
        using var stream = typeof(PortalModule).Assembly.GetManifestResourceStream($"Glasklar.Telematics.Assets.{name}")
            ?? throw new InvalidOperationException($"Eingebettete Datei {name} fehlt.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
