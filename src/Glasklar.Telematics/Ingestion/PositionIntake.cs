using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Positions;

namespace Glasklar.Telematics.Ingestion;

internal enum IntakeOutcome
{
    Stored,
    UnknownOrInactive,
    ImplausibleTime,
    Failed,
}

/// <summary>The HTTP protocols' way into the pipeline: device by IMEI, plausibility, durable store.</summary>
internal sealed class PositionIntake(BoxDirectory boxes, IngestionPipeline pipeline, TimeProvider clock)
{
    public async Task<IntakeOutcome> SubmitAsync(string deviceId, IReadOnlyList<PositionRecord> positions, CancellationToken cancellationToken)
    {
        var box = await boxes.FindAsync(deviceId, cancellationToken);
        if (box is not { Accepts: true })
        {
            return IntakeOutcome.UnknownOrInactive;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (positions.Any(p => !PositionRecord.IsPlausibleTime(p.GpsTimeUtc, now)))
        {
            return IntakeOutcome.ImplausibleTime;
        }

        return await pipeline.SubmitAsync(box, positions, cancellationToken) switch
        {
            IngestStatus.Stored => IntakeOutcome.Stored,
            IngestStatus.Refused => IntakeOutcome.UnknownOrInactive,
            _ => IntakeOutcome.Failed,
        };
    }

    public async Task<bool> AcceptsAsync(string deviceId, CancellationToken cancellationToken) =>
        await boxes.FindAsync(deviceId, cancellationToken) is { Accepts: true };

    public static string Problem(IntakeOutcome outcome) => outcome switch
    {
        IntakeOutcome.UnknownOrInactive => "Das Gerät ist unbekannt oder nicht aktiv; die Daten werden nicht angenommen.",
        IntakeOutcome.ImplausibleTime => "Der Zeitstempel liegt vor 2000 oder mehr als einen Tag in der Zukunft.",
        IntakeOutcome.Failed => "Die Daten konnten nicht gespeichert werden. Bitte senden Sie sie erneut.",
        _ => "",
    };
}
