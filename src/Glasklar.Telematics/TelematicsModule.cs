using Glasklar.Platform.Demo;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Glasklar.Privacy.DataSubjects;
using Glasklar.Telematics.Api;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Demo;
using Glasklar.Telematics.Ingestion;
using Glasklar.Telematics.Listeners;
using Glasklar.Telematics.Map;
using Glasklar.Telematics.Persistence;
using Glasklar.Telematics.Privacy;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Glasklar.Telematics;

/// <summary>Public surface of the telematics module: services and endpoints. Everything else is internal.</summary>
public static class TelematicsModule
{
    public static IServiceCollection AddTelematics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(TelematicsOptions.From(configuration));
        services.AddModuleDbContext<TelematicsDbContext>(TelematicsDbContext.Module);
        services.AddSingleton<TelematicsEndpoints>();
        services.AddSingleton<BoxDirectory>();
        services.AddScoped<ContractService>();
        services.AddSingleton<TelematicsProtector>();
        services.AddSingleton<RoadMap>();
        services.AddSingleton<PositionWriter>();
        services.AddSingleton<IngestConnections>();
        services.AddSingleton<IngestionPipeline>();
        services.AddSingleton<PositionIntake>();
        services.AddHostedService<RoadMapLoader>();
        services.AddScoped<IDemoDataSeeder, TelematicsDemo>();
        services.AddScoped<TelematicsData>();
        services.AddScoped<IRetentionRule, TelematicsRetention>();
        services.AddScoped<IPersonalDataSource, TelematicsPersonalData>();
        services.AddSingleton<IDemoAccountSource, TelematicsDemo>();
        services.AddSingleton<TeltonikaServer>();
        services.AddHostedService(sp => sp.GetRequiredService<TeltonikaServer>());
        services.AddSingleton<OsmAndServer>();
        services.AddHostedService(sp => sp.GetRequiredService<OsmAndServer>());
        return services;
    }

    public static IEndpointRouteBuilder MapTelematics(this IEndpointRouteBuilder endpoints) => endpoints.MapPositionBatch();
}
