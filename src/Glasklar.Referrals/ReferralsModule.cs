using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Referrals;

/// <summary>Public surface of the referrals module: services and endpoints. Everything else is internal.</summary>
public static class ReferralsModule
{
    public static IServiceCollection AddReferrals(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapReferrals(this IEndpointRouteBuilder endpoints) => endpoints;
}
