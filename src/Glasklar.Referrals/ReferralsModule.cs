using Glasklar.Platform;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Demo;
using Glasklar.Platform.Navigation;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Glasklar.Privacy.DataSubjects;
using Glasklar.Referrals.Api;
using Glasklar.Referrals.Assets;
using Glasklar.Referrals.Commission;
using Glasklar.Referrals.Persistence;
using Glasklar.Referrals.Photos;
using Glasklar.Referrals.Postkorb;
using Glasklar.Referrals.Privacy;
using Glasklar.Referrals.Submission;
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
        services.AddOptions<ReferralsOptions>().Bind(configuration.GetSection(ReferralsOptions.Section));
        services.AddModuleDbContext<ReferralsDbContext>(ReferralsDbContext.Module);
        services.AddSingleton<FreeTextProtection>();
        services.AddScoped<CallerResolver>();
        services.AddSingleton<SqliteGroupCommit>();
        services.AddScoped<ReferralService>();
        services.AddScoped<PhotoService>();
        services.AddScoped<PostkorbService>();
        services.AddScoped<CommissionReport>();
        services.AddScoped<ReferralEraser>();
        services.AddScoped<IPersonalDataSource, ReferralPersonalData>();
        services.AddScoped<IRetentionRule, ReferralRetention>();
        services.AddScoped<IDemoDataSeeder, DemoReferrals>();
        services.AddNavigationItem(new NavigationItem("Vermittlung", "/vermittlung", 20, Roles.Agent, Roles.AgencyAdmin));
        services.AddNavigationItem(new NavigationItem("Eingang Werkstattnetz", "/vermittlung/eingang", 21, Roles.RepairNetworkClerk));
        services.AddNavigationItem(new NavigationItem("Provision", "/vermittlung/provision", 22, Roles.AgencyAdmin));
        return services;
    }

    public static IEndpointRouteBuilder MapReferrals(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReferralApi();
        endpoints.MapReferralAssets();
        endpoints.MapCommissionCsv();
        return endpoints;
    }
}
