using System.Globalization;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Localization;
using HeaderNames = Microsoft.Net.Http.Headers.HeaderNames;

namespace Glasklar.Host.Web;

internal static class WebSetup
{
    public static readonly CultureInfo German = new("de-DE");
    public static readonly CultureInfo English = new("en");

    /// <summary>The language choice lives in a session cookie only (A12): no Expires, gone with the browser.</summary>
    public const string LanguageCookie = "glasklar-lang";

    public static IServiceCollection AddGlasklarWeb(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorPages().AddViewLocalization().AddDataAnnotationsLocalization();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "glasklar-af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.FormFieldName = "__af";
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = GermanProblemDetails.Customize);
        services.AddOpenApi("v1");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(German);
            o.SupportedCultures = [German, English];
            o.SupportedUICultures = [German, English];

            // German unless the user chose otherwise; the browser's Accept-Language is deliberately ignored.
            o.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = LanguageCookie }];
        });
        return services;
    }

    public static IApplicationBuilder UseGlasklarLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();

    public static IApplicationBuilder UseGlasklarStaticFiles(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx =>
            {
                // Fingerprinted URLs (asp-append-version) never change; assets carry no personal data.
                ctx.Context.Response.Headers[HeaderNames.CacheControl] = ctx.Context.Request.Query.ContainsKey("v")
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        });

    /// <summary>Friendly German error pages for people; RFC 9457 problem details for the API.</summary>
    public static IApplicationBuilder UseGlasklarErrorHandling(this IApplicationBuilder app)
    {
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(ctx => !IsApi(ctx), pages =>
        {
            pages.UseExceptionHandler("/fehler/500");
            pages.UseStatusCodePagesWithReExecute("/fehler/{0}");
        });
        return app;
    }

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    public static IEndpointRouteBuilder MapGlasklarApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        var api = endpoints.MapGroup("/api/v1").WithTags("Glasklar");
        api.MapGet("/version", () => TypedResults.Ok(new VersionInfo("glasklar", Cli.GlasklarCli.Version)))
            .WithName("GetVersion")
            .WithSummary("Version des laufenden Glasklar-Programms");
        return endpoints;
    }

    public sealed record VersionInfo(string Name, string Version);

    /// <summary>Writes the language cookie (session-only) for the chosen culture.</summary>
    public static void SetLanguage(HttpResponse response, bool secure, CultureInfo culture) =>
        response.Cookies.Append(LanguageCookie,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = secure,
                IsEssential = true,
                Path = "/",
            });
}
