using Glasklar.Platform.AccessLog;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Authorization;
using Glasklar.Platform.Configuration;
using Glasklar.Platform.Demo;
using Glasklar.Platform.Health;
using Glasklar.Platform.Mail;
using Glasklar.Platform.Navigation;
using Glasklar.Platform.Organisations;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Glasklar.Platform.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glasklar.Platform;

public static class PlatformModule
{
    private const string AutoScheme = "glasklar";

    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GlasklarOptions>().Bind(configuration.GetSection(GlasklarOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddPersistence();
        services.AddModuleDbContext<PlatformDbContext>(PlatformDbContext.Module);
        services.AddHostedService<DatabaseStartup>();
        services.AddScoped<IDemoDataSeeder, DemoOrganisations>();
        services.AddScoped<IDemoDataSeeder, DemoUsers>();
        services.AddSingleton<IDemoAccountSource, DemoAccountSource>();

        // Sessions and authentication (A12, B5): server-side sessions behind a session-only cookie.
        services.AddOptions<LoginSessionOptions>().Bind(configuration.GetSection(LoginSessionOptions.Section));
        services.AddScoped<SessionService>();
        services.AddSingleton<ApiKeyCache>();
        // Browsers: the session cookie. Machine clients: "Authorization: ApiKey …". The header decides.
        services.AddAuthentication(AutoScheme)
            .AddPolicyScheme(AutoScheme, AutoScheme, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : SessionAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddRouting();
        services.AddGlasklarPolicies();
        services.AddHttpContextAccessor();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<PendingLoginCookie>();
        services.AddScoped<AccountService>();
        services.AddScoped<LoginCompletion>();
        services.AddScoped<RecoveryCodeService>();
        services.AddScoped<AuditLog>();

        // Account flows: single-use mailed links, re-authentication, own-account changes, viewers.
        services.AddScoped<AccountTokenService>();
        services.AddScoped<PortalLinks>();
        services.AddScoped<IEmailVerification, EmailVerification>();
        services.AddScoped<PasswordResetService>();
        services.AddScoped<Reauthentication>();
        services.AddScoped<AccountSettingsService>();
        services.AddScoped<AuditQuery>();
        services.AddScoped<ApiKeyAdministration>();
        services.AddNavigationItem(new NavigationItem("Audit-Protokoll", "/verwaltung/protokoll", 900, [.. Policies.RoleGroups[Policies.AuditReaders]]));
        services.AddNavigationItem(new NavigationItem("API-Schlüssel", "/organisation/api-schluessel", 910, [.. Policies.RoleGroups[Policies.ApiKeyAdmins]]));

        // Mail: SMTP when a host is configured, otherwise .eml files in <data>/mail (demo, tests).
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<PickupDirectoryMailSender>();
        services.AddSingleton<SmtpMailSender>();
        services.AddSingleton<IMailSender>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<MailOptions>>().Value.SmtpHost)
            ? sp.GetRequiredService<PickupDirectoryMailSender>()
            : sp.GetRequiredService<SmtpMailSender>());

        // Access log (A11) and anonymous usage statistics (B10); retention rules (X6).
        services.AddOptions<AccessLogOptions>().Bind(configuration.GetSection(AccessLogOptions.Section));
        services.AddSingleton<AccessLogQueue>();
        services.AddHostedService<AccessLogWriter>();
        services.AddScoped<IRetentionRule, AccessLogRetention>();
        services.AddOptions<AccountRetentionOptions>().Bind(configuration.GetSection(AccountRetentionOptions.Section));
        services.AddScoped<IRetentionRule, UnverifiedAccountRetention>();
        services.AddScoped<TotpEnrolment>();
        services.TryAddScoped<ILegalHolds, NoLegalHolds>();
        services.AddSingleton<RetentionRunner>();
        services.AddScoped<JobLeases>();
        services.AddHostedService<DailyRetentionJob>();
        services.AddDataProtection().SetApplicationName("glasklar");

        // Keys live in the data directory, outside any web root, so encrypted data survives restarts.
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<GlasklarOptions>, ILoggerFactory>((keys, glasklar, logs) =>
                keys.XmlRepository = new FileSystemXmlRepository(
                    Directory.CreateDirectory(Path.Combine(glasklar.Value.FullDataDirectory, "keys")), logs));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    public static IServiceCollection AddNavigationItem(this IServiceCollection services, NavigationItem item) =>
        services.AddSingleton(item);

    public static IEndpointRouteBuilder MapPlatform(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = 200,
                [HealthStatus.Degraded] = 200,
                [HealthStatus.Unhealthy] = 503,
            },
        });
        return endpoints;
    }
}
