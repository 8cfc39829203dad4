using Glasklar.Telematics.Ingestion;
using Glasklar.Telematics.Positions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Glasklar.Telematics.Api;

/// <summary>One position in an integrator's batch.</summary>
internal sealed record BatchPosition(
    string? Imei,
    DateTimeOffset? Time,
    double? Latitude,
    double? Longitude,
    double? SpeedKmh,
    double? Course,
    double? Altitude,
    int? Satellites,
    double? Hdop,
    Dictionary<string, string>? Attributes);

internal sealed record PositionBatch(List<BatchPosition>? Positions);

internal sealed record BatchStored(int Stored);

/// <summary>
/// POST /api/v1/telematics/positions: a JSON batch for integrators. Devices authenticate by an IMEI bound
/// to an active box (ARCHITECTURE.md §3). The whole batch is validated first; a bad field is named and
/// nothing is stored. 200 only once every position is durably stored.
/// </summary>
internal static class PositionBatchEndpoint
{
    public const int MaxPositions = 1_000;

    public static IEndpointRouteBuilder MapPositionBatch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/telematics/positions", StoreAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithName("StoreTelematicsPositions")
            .WithTags("Telematik")
            .WithSummary("Nimmt Positionen aktiver Telematik-Boxen als JSON-Stapel an.");
        return endpoints;
    }

    private static async Task<Results<Ok<BatchStored>, ValidationProblem, ProblemHttpResult>> StoreAsync(PositionBatch? batch, PositionIntake intake, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (batch?.Positions is not { Count: > 0 } list)
        {
            return Invalid(new() { ["positions"] = ["Bitte senden Sie mindestens eine Position."] });
        }

        if (list.Count > MaxPositions)
        {
            return Invalid(new() { ["positions"] = [$"Ein Stapel darf höchstens {MaxPositions} Positionen enthalten."] });
        }

        var byDevice = new Dictionary<string, List<PositionRecord>>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var p = list[i];
            var at = $"positions[{i}]";
            if (string.IsNullOrWhiteSpace(p.Imei))
            {
                errors[$"{at}.imei"] = ["Bitte geben Sie die IMEI an."];
            }

            if (p.Time is null)
            {
                errors[$"{at}.time"] = ["Bitte geben Sie die GPS-Zeit (ISO 8601) an."];
            }

            if (p.Latitude is not (>= -90 and <= 90))
            {
                errors[$"{at}.latitude"] = ["Der Breitengrad muss zwischen -90 und 90 liegen."];
            }

            if (p.Longitude is not (>= -180 and <= 180))
            {
                errors[$"{at}.longitude"] = ["Der Längengrad muss zwischen -180 und 180 liegen."];
            }

            if (p.SpeedKmh is < 0 or > 500)
            {
                errors[$"{at}.speedKmh"] = ["Die Geschwindigkeit muss zwischen 0 und 500 km/h liegen."];
            }

            if (errors.Count > 0)
            {
                continue;
            }

            var valid = (p.Satellites is null || p.Satellites >= PositionRecord.MinSatellites) && (p.Hdop is null || p.Hdop <= PositionRecord.MaxHdop);
            var attributes = (p.Attributes ?? []).Take(50).ToDictionary(a => a.Key, a => (object)a.Value, StringComparer.Ordinal);
            var record = new PositionRecord(p.Time!.Value.UtcDateTime, p.Latitude!.Value, p.Longitude!.Value, p.Altitude, p.Course, p.Satellites, p.SpeedKmh ?? 0, p.Hdop, valid, attributes);
            if (!byDevice.TryGetValue(p.Imei!, out var records))
            {
                byDevice[p.Imei!] = records = [];
            }

            records.Add(record);
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        // Everything is checked before anything is stored: an unknown or inactive device fails the whole batch.
        foreach (var imei in byDevice.Keys)
        {
            if (!await intake.AcceptsAsync(imei, cancellationToken))
            {
                var index = list.FindIndex(p => p.Imei == imei);
                return Invalid(new() { [$"positions[{index}].imei"] = [PositionIntake.Problem(IntakeOutcome.UnknownOrInactive)] });
            }
        }

        var stored = 0;
        foreach (var (imei, records) in byDevice)
        {
            var outcome = await intake.SubmitAsync(imei, [.. records.OrderBy(r => r.GpsTimeUtc)], cancellationToken);
            if (outcome != IntakeOutcome.Stored)
            {
                var index = list.FindIndex(p => p.Imei == imei);
                return outcome == IntakeOutcome.Failed
                    ? TypedResults.Problem(PositionIntake.Problem(outcome), statusCode: 503, title: "Vorübergehend nicht gespeichert.")
                    : Invalid(new() { [$"positions[{index}].imei"] = [PositionIntake.Problem(outcome)] }, stored);
            }

            stored += records.Count;
        }

        return TypedResults.Ok(new BatchStored(stored));
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors, int stored = 0) =>
        TypedResults.ValidationProblem(errors, title: "Die Anfrage ist ungültig.",
            detail: stored > 0 ? $"{stored} Positionen anderer Geräte dieses Stapels wurden bereits gespeichert." : null);
}
