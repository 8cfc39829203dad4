using Glasklar.Platform.Tenancy;

namespace Glasklar.Telematics.Portal;

internal enum GeofenceShape
{
    /// <summary>Kreis: centre and radius.</summary>
    Circle = 0,

    /// <summary>Vieleck: corners by coordinates.</summary>
    Polygon = 1,
}

/// <summary>
/// A theft-alert zone (Diebstahlwarnung, C15) the customer defined for a box. While armed, the first valid
/// fix outside it raises one alert; the next alert needs a new arming (one alert per arming episode).
/// </summary>
internal sealed class Geofence : ITenantOwned
{
    public const int NameMaxLength = 100;
    public const int PolygonMaxLength = 4000;

    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid BoxId { get; set; }

    public string Name { get; set; } = "";

    public GeofenceShape Shape { get; set; }

    public double CenterLatitude { get; set; }

    public double CenterLongitude { get; set; }

    public double RadiusMeters { get; set; }

    /// <summary>Corners as "lat,lon;lat,lon;…" (invariant culture) for a polygon; empty for a circle.</summary>
    public string Polygon { get; set; } = "";

    public bool Armed { get; set; }

    /// <summary>Start of the current arming episode: only fixes from then on count.</summary>
    public DateTime? ArmedUtc { get; set; }

    /// <summary>Set when this episode's alert was raised; cleared on the next arming.</summary>
    public DateTime? AlertedUtc { get; set; }

    public DateTime CreatedUtc { get; set; }
}

/// <summary>An alert raised by a zone: shown in the portal; the mail only says that one is waiting (B7).</summary>
internal sealed class GeofenceAlert : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid BoxId { get; set; }

    public Guid GeofenceId { get; set; }

    public DateTime RaisedUtc { get; set; }

    /// <summary>GPS time of the fix that left the zone.</summary>
    public DateTime PositionUtc { get; set; }

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    /// <summary>Outbox flag: the notification mail has been handed to the mail sender.</summary>
    public DateTime? MailSentUtc { get; set; }

    public DateTime? AcknowledgedUtc { get; set; }
}

internal enum ExportFormat
{
    Csv = 0,
    Pdf = 1,
    Gpx = 2,
}

internal enum ExportStatus
{
    Queued = 0,
    Running = 1,
    Done = 2,
    Failed = 3,
}

/// <summary>
/// A background export of all positions of a time window (C15). Owned by the customer's account only;
/// the file is deleted after its download or when it expires (C16).
/// </summary>
internal sealed class ExportJob
{
    public Guid Id { get; set; }

    public Guid CustomerUserId { get; set; }

    public ExportFormat Format { get; set; }

    public DateTime FromUtc { get; set; }

    public DateTime ToUtc { get; set; }

    public ExportStatus Status { get; set; }

    public long TotalPositions { get; set; }

    public long DonePositions { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? FinishedUtc { get; set; }

    /// <summary>Renewed by the worker while the job runs; a running job whose heartbeat is too old has lost its worker.</summary>
    public DateTime? HeartbeatUtc { get; set; }

    /// <summary>The file (and the job) are deleted from then on, downloaded or not.</summary>
    public DateTime ExpiresUtc { get; set; }

    public int Percent => Status == ExportStatus.Done ? 100 : TotalPositions <= 0 ? 0 : (int)Math.Min(99, DonePositions * 100 / TotalPositions);
}
