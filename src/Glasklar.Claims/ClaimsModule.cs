using Glasklar.Claims.Contracts;
using Glasklar.Claims.DataSubjects;
using Glasklar.Claims.Demo;
using Glasklar.Claims.Persistence;
using Glasklar.Claims.Processing;
using Glasklar.Claims.Receipts;
using Glasklar.Claims.Registration;
using Glasklar.Claims.SelfService;
using Glasklar.Claims.Submission;
using Glasklar.Platform;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Demo;
using Glasklar.Platform.Navigation;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Glasklar.Privacy.DataSubjects;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Claims;

/// <summary>Public surface of the customer portal (B): services and endpoints. Everything else is internal.</summary>
public static class ClaimsModule
{
    public static IServiceCollection AddClaims(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<ClaimsOptions>(configuration.GetSection(ClaimsOptions.Section));
        services.AddDataProtection();
        services.AddModuleDbContext<ClaimsDbContext>(ClaimsDbContext.Module);
        services.AddSingleton<ClaimsProtector>();
        services.AddScoped<ContractService>();
        services.AddScoped<ReceiptIntake>();
        services.AddScoped<ReceiptStore>();
        services.AddScoped<ClaimSubmissionService>();
        services.AddScoped<ClaimViews>();
        services.AddScoped<ClaimDecisionService>();
        services.AddClaimsProcessing(configuration);
        services.AddScoped<IPersonalDataSource, ClaimsPersonalDataSource>();
        services.AddScoped<IRetentionRule, DraftRetention>();
        services.AddScoped<IRetentionRule, SettledClaimRetention>();
        services.AddScoped<IRetentionRule, OrphanReceiptFileRetention>();
        services.AddScoped<IDemoDataSeeder, DemoContracts>();
        services.AddNavigationItem(new NavigationItem("Meine Anträge", "/kunde/antraege", 30, Roles.Customer));

        // Registration (B6) and contract linking with a limit on failed attempts (issue 6 §1, §2).
        services.Configure<RegistrationOptions>(configuration.GetSection(RegistrationOptions.Section));
        services.AddSingleton<RegistrationCookie>();
        services.AddScoped<RegistrationService>();
        services.AddScoped<ContractLinking>();
        services.AddSingleton<LinkAddressLimit>();
        services.AddScoped<IRetentionRule, SecurityAnswerRetention>();
        services.AddScoped<IRetentionRule, LinkAttemptRetention>();
        services.AddScoped<IPersonalDataSource, RegistrationPersonalData>();
        services.AddNavigationItem(new NavigationItem("Meine Verträge", "/kunde/vertraege", 29, Roles.Customer));
        services.AddNavigationItem(new NavigationItem("Leistungseingang", "/leistung/eingang", 31, Roles.InsurerClerk));
        services.AddClaimsSelfService(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapClaims(this IEndpointRouteBuilder endpoints) => endpoints.MapClaimsApi().MapClaimsSelfServiceApi().MapClaimsProcessing();
}
