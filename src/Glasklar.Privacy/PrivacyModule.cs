using Glasklar.Platform.Persistence;
using Glasklar.Privacy.Consent;
using Glasklar.Privacy.Images;
using Glasklar.Privacy.Persistence;
using Glasklar.Privacy.Pseudonyms;
using Glasklar.Privacy.TextGuard;
using Glasklar.Privacy.TextGuard.Api;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Privacy;

/// <summary>The privacy core (X): what every portal module calls instead of re-inventing it.</summary>
public static class PrivacyModule
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddImageSanitizer();
        services.AddModuleDbContext<PrivacyDbContext>(PrivacyDbContext.Module);
        services.AddScoped<IConsentLedger, ConsentLedger>();
        services.AddPseudonyms(configuration);

        // Lexicons load once and are immutable afterwards: one shared guard.
        services.AddSingleton<ITextGuard>(_ => GermanTextGuard.Default);
        return services;
    }

    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder endpoints) => endpoints.MapTextCheck();
}
