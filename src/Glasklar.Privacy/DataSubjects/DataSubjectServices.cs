using Glasklar.Platform.Retention;
using Glasklar.Privacy.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Glasklar.Privacy.DataSubjects;

/// <summary>Registration of the retention engine's hold register and the data-subject request core.</summary>
internal static class DataSubjectServices
{
    public static IServiceCollection AddDataSubjectRequests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PrivacyRetentionOptions>().Bind(configuration.GetSection(PrivacyRetentionOptions.Section));

        // The register replaces the platform's "no holds" default: every rule and erasure asks it.
        services.AddScoped<LegalHoldRegister>();
        services.AddScoped<ILegalHoldRegister>(sp => sp.GetRequiredService<LegalHoldRegister>());
        services.Replace(ServiceDescriptor.Scoped<ILegalHolds>(sp => sp.GetRequiredService<LegalHoldRegister>()));
        services.AddScoped<IRetentionRule, SubjectRequestRetention>();
        services.AddScoped<IRetentionRule, EndedHoldRetention>();

        services.AddScoped<IProcessingRestrictions, ProcessingRestrictions>();
        services.AddScoped<ISubjectRequests, SubjectRequestService>();
        services.AddScoped<IAccessReports, AccessReportCollector>();

        // The platform's own data and the privacy core's: contributed like every module's.
        services.AddScoped<IPersonalDataSource, PlatformAccountSource>();
        services.AddScoped<IPersonalDataSource, ConsentDataSource>();
        services.AddScoped<IPersonalDataSource, SubjectRequestDataSource>();
        return services;
    }
}
