using Glasklar.Platform.Web;
using Glasklar.Telematics.Exports;
using Glasklar.Telematics.Geofences;
using Glasklar.Telematics.Ingestion;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Telematics.Portal;

/// <summary>The customer portal part of the module: pages' services, export worker, theft-alert stage and mailer, own script.</summary>
internal static class PortalModule
{
    public const string ScriptPath = "/telematik/assets/telematik.js";
    public const string StylePath = "/telematik/assets/telematik.css";

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
        var assembly = typeof(PortalModule).Assembly;
        return endpoints
            .MapEmbeddedAsset(ScriptPath, assembly, "Glasklar.Telematics.Assets.telematik.js", "text/javascript; charset=utf-8")
            .MapEmbeddedAsset(StylePath, assembly, "Glasklar.Telematics.Assets.telematik.css", "text/css; charset=utf-8");
    }
}
