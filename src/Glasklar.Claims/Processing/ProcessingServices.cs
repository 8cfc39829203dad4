using Glasklar.Claims.DataSubjects;
using Glasklar.Claims.Documents;
using Glasklar.Claims.Messages;
using Glasklar.Claims.Pdf;
using Glasklar.Claims.Timeline;
using Glasklar.Privacy.DataSubjects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Claims.Processing;

/// <summary>Services of claim processing: queue, timeline, document tasks with reminders, messages, PDFs.</summary>
internal static class ProcessingServices
{
    public static IServiceCollection AddClaimsProcessing(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DocumentReminderOptions>(configuration.GetSection(DocumentReminderOptions.Section));
        services.AddScoped<ClaimAccess>();
        services.AddScoped<ClerkQueue>();
        services.AddScoped<ReceiptFiles>();
        services.AddScoped<ClaimTimeline>();
        services.AddScoped<PortalNotices>();
        services.AddScoped<DocumentRequestService>();
        services.AddScoped<ClaimMessageService>();
        services.AddScoped<ClaimPdf>();
        services.AddSingleton<DocumentReminderRunner>();
        services.AddHostedService<DocumentReminderJob>();

        // Before the claims source, so messages and tasks of an erased claim are gone before the claim.
        services.AddScoped<IPersonalDataSource, ClaimCorrespondenceSource>();
        return services;
    }
}
