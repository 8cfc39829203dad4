using Glasklar.Platform.Tenancy;

namespace Glasklar.Telematics.Trips;

/// <summary>A finished trip (Fahrt): from the first movement after a stop to a standstill of more than the configured time (C2).</summary>
internal sealed class Trip : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid BoxId { get; set; }

    public DateTime StartUtc { get; set; }

    public DateTime EndUtc { get; set; }

    public double StartLatitude { get; set; }

    public double StartLongitude { get; set; }

    public double EndLatitude { get; set; }

    public double EndLongitude { get; set; }

    public double DistanceMeters { get; set; }

    public double MaxSpeedKmh { get; set; }

    public TimeSpan Duration => EndUtc - StartUtc;
}

/// <summary>
/// The checkpointed state of a box's trip detector, written in the same transaction as the positions it
/// has seen, so a restart resumes exactly where the last acknowledged batch left off.
/// </summary>
internal sealed class TripState
{
    public Guid BoxId { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary>GPS time of the latest valid fix the detector has used (older fixes are late and skipped).</summary>
    public DateTime? LastFixUtc { get; set; }

    public double LastLatitude { get; set; }

    public double LastLongitude { get; set; }

    public double LastSpeedKmh { get; set; }

    public bool Driving { get; set; }

    public DateTime? TripStartUtc { get; set; }

    public double TripStartLatitude { get; set; }

    public double TripStartLongitude { get; set; }

    public DateTime? LastMovingUtc { get; set; }

    /// <summary>When the current standstill began (first fix below the movement speed), if standing.</summary>
    public DateTime? StopSinceUtc { get; set; }

    public double StopLatitude { get; set; }

    public double StopLongitude { get; set; }

    public double DistanceMeters { get; set; }

    public double MaxSpeedKmh { get; set; }

    public TripState Clone() => (TripState)MemberwiseClone();
}
