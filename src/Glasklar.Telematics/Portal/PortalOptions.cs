using Microsoft.Extensions.Configuration;

namespace Glasklar.Telematics.Portal;

/// <summary>Section "Telematics:Portal": the customer portal's figures, each with a default.</summary>
internal sealed class PortalOptions
{
    /// <summary>Exports of a window up to this many days are streamed at once; longer ones run as a background job.</summary>
    public int DirectExportMaxDays { get; set; } = 7;

    /// <summary>A finished export file is deleted after this time even if it was never downloaded (C16).</summary>
    public TimeSpan ExportKeepFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the export worker and the alert mailer look for work (they are also woken directly).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A running export whose heartbeat (renewed twice a second) is older than this has lost its worker, e.g. to
    /// a restart, and goes back to the queue.
    /// </summary>
    public TimeSpan ExportLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Most positions in a PDF export (it is built in memory); CSV and GPX have no limit.</summary>
    public int PdfMaxPositions { get; set; } = 10_000;

    /// <summary>A fix must lie this far outside a zone to raise an alert (GPS inaccuracy at the border).</summary>
    public double GeofenceMarginMeters { get; set; } = 25;

    /// <summary>Last contact longer ago than this shows the box as "keine Verbindung".</summary>
    public TimeSpan ConnectedWithin { get; set; } = TimeSpan.FromMinutes(10);

    public static PortalOptions From(IConfiguration configuration)
    {
        var options = new PortalOptions();
        configuration.GetSection("Telematics:Portal").Bind(options);
        return options;
    }
}
