using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Glasklar.Privacy.Pseudonyms;

internal static class PseudonymServiceCollectionExtensions
{
    public static IServiceCollection AddPseudonyms(this IServiceCollection services, IConfiguration configuration)
    {
        // Data Protection itself (application name, key ring in the data directory) is set up by the platform.
        services.AddDataProtection();
        services.TryAddSingleton<PseudonymService>();
        services.TryAddSingleton<IPseudonymService>(sp => sp.GetRequiredService<PseudonymService>());
        services.TryAddSingleton<IPseudonymTrustee>(sp => sp.GetRequiredService<PseudonymService>());
        services.AddOptions<PrivacyExportOptions>()
            .Bind(configuration.GetSection(PrivacyExportOptions.Section))
            .Validate(o => o.KAnonymity >= 2, "Glasklar:Privacy:KAnonymity muss mindestens 2 sein.");
        services.TryAddSingleton<IKAnonymityCheck, KAnonymityCheck>();
        return services;
    }
}
