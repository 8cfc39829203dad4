using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Glasklar.Platform.AccessLog;

/// <summary>
/// Records IP address, time, browser, path without query string and status of each request (A11).
/// Health probes and static assets are left out: they say nothing about faults or abuse.
/// </summary>
public static class AccessLogMiddleware
{
    public static IApplicationBuilder UseGlasklarAccessLog(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            finally
            {
                if (ShouldRecord(context.Request.Path))
                {
                    var queue = context.RequestServices.GetService(typeof(AccessLogQueue)) as AccessLogQueue;
                    var clock = context.RequestServices.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
                    queue?.Enqueue(new AccessLogEntry(
                        clock.GetUtcNow().UtcDateTime,
                        context.ClientIp(),
                        context.Request.Headers.UserAgent.ToString(),
                        context.Request.Path.Value ?? "/",
                        context.Response.StatusCode));
                }
            }
        });

    internal static bool ShouldRecord(PathString path) =>
        !path.StartsWithSegments("/health") && !path.StartsWithSegments("/css") && !path.StartsWithSegments("/js")
        && !path.StartsWithSegments("/img") && !path.StartsWithSegments("/favicon.svg");
}
