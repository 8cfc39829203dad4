using Glasklar.Claims.Drafts;
using Glasklar.Claims.Marketing;
using Glasklar.Claims.Profile;
using Glasklar.Claims.Terms;
using Glasklar.Platform;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Navigation;
using Glasklar.Privacy.DataSubjects;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Claims.SelfService;

/// <summary>Services of the portal's self-service part: terms (B8), marketing (B4), rights (B14), drafts and the profile.</summary>
internal static class SelfServiceRegistration
{
    public static IServiceCollection AddClaimsSelfService(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TermsOptions>().Bind(configuration.GetSection(TermsOptions.Section))
            .Validate(o => !o.Published || System.Text.RegularExpressions.Regex.IsMatch(o.Version!.Trim(), "^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$"),
                "Glasklar:Claims:Terms:Version: nur Buchstaben, Ziffern, Punkt, Bindestrich und Unterstrich (höchstens 50 Zeichen).")
            .ValidateOnStart();
        services.AddOptions<OfferOptions>().Bind(configuration.GetSection(OfferOptions.Section));
        services.AddScoped<TermsService>();
        services.AddScoped<TermsGatePageFilter>();
        services.Configure<MvcOptions>(o => o.Filters.AddService<TermsGatePageFilter>());
        services.AddScoped<MarketingObjection>();
        services.AddScoped<OfferService>();
        services.AddScoped<OfferMailing>();
        services.AddScoped<CustomerProfileService>();
        services.AddScoped<DraftService>();
        services.AddScoped<AccountClosing>();
        services.AddScoped<IPersonalDataSource, CustomerProfileDataSource>();
        services.AddNavigationItem(new NavigationItem("Angebote", "/kunde/angebote", 32, Roles.Customer));
        services.AddNavigationItem(new NavigationItem("Einstellungen", "/kunde/einstellungen", 33, Roles.Customer));
        return services;
    }
}
