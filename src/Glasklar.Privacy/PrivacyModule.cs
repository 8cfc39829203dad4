using Glasklar.Platform;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Navigation;
using Glasklar.Platform.Persistence;
using Glasklar.Privacy.Consent;
using Glasklar.Privacy.DataSubjects;
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
        services.AddDataSubjectRequests(configuration);
        services.AddNavigationItem(new NavigationItem("Meine Daten", "/konto/daten", 80, [.. Roles.All]));
        services.AddNavigationItem(new NavigationItem("Betroffenenanfragen", "/datenschutz/anfragen", 81, Roles.DataProtectionOfficer));
        services.AddNavigationItem(new NavigationItem("Anfrage erfassen", "/datenschutz/anfragen/neu", 82, Roles.CustomerServiceAgent));

        // Lexicons load once and are immutable afterwards: one shared guard.
        services.AddSingleton<ITextGuard>(_ => GermanTextGuard.Default);
        return services;
    }

    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder endpoints) => endpoints.MapTextCheck().MapAccessReports();
}
