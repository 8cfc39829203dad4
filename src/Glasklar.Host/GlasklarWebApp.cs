using Glasklar.Claims;
using Glasklar.Host.Web;
using Glasklar.Platform;
using Glasklar.Platform.AccessLog;
using Glasklar.Platform.Configuration;
using Glasklar.Platform.Logging;
using Glasklar.Platform.Navigation;
using Glasklar.Platform.Web;
using Glasklar.Privacy;
using Glasklar.Referrals;
using Glasklar.Telematics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Glasklar.Host;

/// <summary>Composition root: every module is added and mapped here, and nowhere else.</summary>
internal static class GlasklarWebApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args)
    {
        var options = new WebApplicationOptions
        {
            Args = args,

            // appsettings.json sits beside the program, wherever it is started from.
            ContentRootPath = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
                ? null
                : AppContext.BaseDirectory,
        };
        var builder = WebApplication.CreateBuilder(options);
        builder.Logging.AddGlasklarLogging();

        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"])
            && string.IsNullOrWhiteSpace(builder.Configuration["Kestrel:Endpoints:Http:Url"])
            && string.IsNullOrWhiteSpace(builder.Configuration["Kestrel:Endpoints:Https:Url"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);

        // Receive straight into a buffer instead of first waiting for data with a zero-byte read: that halves the
        // receive calls of an upload (a claim's three receipts are 3 MB in 4 KB reads); idle connections hold one
        // 4 KB block each in exchange (ADR 0032).
        builder.WebHost.UseSockets(sockets => sockets.WaitForDataBeforeAllocatingBuffer = false);

        var services = builder.Services;
        services.AddPlatform(builder.Configuration);
        services.AddPrivacy(builder.Configuration);
        services.AddReferrals(builder.Configuration);
        services.AddTelematics(builder.Configuration);
        services.AddClaims(builder.Configuration);
        services.AddGlasklarWeb();
        services.AddNavigationItem(new NavigationItem("Start", "/", 0));

        var app = builder.Build();
        Configure(app);
        return app;
    }

    private static void Configure(WebApplication app)
    {
        var glasklar = app.Services.GetRequiredService<IOptions<GlasklarOptions>>().Value;

        // Every asset is embedded in the program and served by it; nothing comes from elsewhere (B12).
        app.Environment.WebRootFileProvider = new EmbeddedFileProvider(typeof(GlasklarWebApp).Assembly, "Glasklar.Host.wwwroot");

        app.UseGlasklarForwardedHeaders(glasklar);
        app.UseGlasklarAccessLog();
        app.UseGlasklarSecurityHeaders();
        app.UseGlasklarErrorHandling();
        if (HasCertificate(app.Configuration))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseGlasklarStaticFiles();
        app.UseGlasklarLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapPlatform();
        app.MapPrivacy();
        app.MapReferrals();
        app.MapTelematics();
        app.MapClaims();
        app.MapGlasklarApi();
        app.MapRazorPages();

        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app));
    }

    public static bool HasCertificate(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Kestrel:Certificates:Default:Path"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any(e => e.GetSection("Certificate").Exists());

    /// <summary>Checked before the server binds: plain HTTP only on loopback unless TLS is handled (B9).</summary>
    public static ListenCheck CheckListenAddresses(WebApplication app)
    {
        var glasklar = app.Services.GetRequiredService<IOptions<GlasklarOptions>>().Value;
        var urls = (app.Configuration["urls"] ?? DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        urls.AddRange(app.Configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(e => e["Url"]).OfType<string>());
        return ListenPolicy.Check(urls, HasCertificate(app.Configuration), glasklar.BehindTlsProxy);
    }

    private static void PrintBanner(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
        {
            return; // test server
        }

        var migrator = app.Services.GetRequiredService<Glasklar.Platform.Persistence.DatabaseMigrator>();
        var database = app.Services.GetRequiredService<Glasklar.Platform.Persistence.DatabaseOptions>();
        Console.Out.WriteLine();
        Console.Out.WriteLine($"  Glasklar {Cli.GlasklarCli.Version} läuft: {string.Join(", ", addresses)}");
        Console.Out.WriteLine($"  Datenbank: {database.Provider}" + (migrator.DemoEnabled ? ", mit Demo-Daten" : ""));
        if (migrator.DemoEnabled)
        {
            Console.Out.WriteLine("  Demo-Zugänge: README.md (Abschnitt „Demo-Zugänge“) oder `glasklar demo-users`");
        }

        Console.Out.WriteLine("  Beenden mit Strg+C.");
        Console.Out.WriteLine();
    }
}
