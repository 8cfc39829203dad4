using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Telematics;

/// <summary>Public surface of the telematics module: services and endpoints. Everything else is internal.</summary>
public static class TelematicsModule
{
    public static IServiceCollection AddTelematics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapTelematics(this IEndpointRouteBuilder endpoints) => endpoints;
}
