using System.Net;
using System.Text.Json;
using Glasklar.Telematics.Ingestion;
using Glasklar.Telematics.Protocols.OsmAnd;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Glasklar.Telematics.Listeners;

/// <summary>
/// The OsmAnd HTTP listener (default port 5055) as its own small Kestrel server, apart from the portals:
/// devices speak to it, no cookies, no pages. GET or POST (form or JSON) on any path; 200 when stored,
/// 400 with a German reason otherwise.
/// </summary>
internal sealed class OsmAndServer(TelematicsOptions options, TelematicsEndpoints endpoints, PositionIntake intake, ILogger<OsmAndServer> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.OsmAnd.Enabled)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 64 * 1024;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            k.Listen(IPAddress.Parse(options.ListenAddress), options.OsmAnd.Port);
        });
        var app = builder.Build();
        app.Map("/{**path}", (Delegate)HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            logger.LogError("Telematik: OsmAnd-Port {Port} kann nicht geöffnet werden ({Error})", options.OsmAnd.Port, e.GetType().Name);
            await app.DisposeAsync();
            return;
        }

        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        endpoints.SetOsmAnd(new Uri(address).Port);
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        OsmAndMessage message;
        if (HttpMethods.IsPost(request.Method) && request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
                message = OsmAndDecoder.FromJson(json.RootElement);
            }
            catch (JsonException)
            {
                return Results.Text("Der JSON-Körper ist kein gültiges JSON.", statusCode: 400);
            }
        }
        else if (HttpMethods.IsGet(request.Method) || HttpMethods.IsPost(request.Method))
        {
            var fields = request.Query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString())).ToList();
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(context.RequestAborted);
                fields.AddRange(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value.ToString())));
            }

            message = OsmAndDecoder.FromFields(fields);
        }
        else
        {
            return Results.StatusCode(405);
        }

        if (message.Position is null)
        {
            return Results.Text($"{message.Field}: {message.Problem}", statusCode: 400);
        }

        var outcome = await intake.SubmitAsync(message.DeviceId!, [message.Position], context.RequestAborted);
        return outcome == IntakeOutcome.Stored
            ? Results.Ok()
            : Results.Text(PositionIntake.Problem(outcome), statusCode: outcome == IntakeOutcome.Failed ? 503 : 400);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
