namespace Glasklar.Telematics.Positions;

/// <summary>
/// One position as every protocol delivers it to the pipeline. <see cref="Valid"/> is false for a fix
/// without enough satellites or with poor HDOP: such a record is stored (and flagged) but not used for
/// trips or speed evaluation.
/// </summary>
internal sealed record PositionRecord(
    DateTime GpsTimeUtc,
    double Latitude,
    double Longitude,
    double? Altitude,
    double? Course,
    int? Satellites,
    double SpeedKmh,
    double? Hdop,
    bool Valid,
    IReadOnlyDictionary<string, object> Attributes)
{
    /// <summary>Fix quality limits: at least this many satellites, HDOP at most this value.</summary>
    public const int MinSatellites = 3;
    public const double MaxHdop = 5.0;

    /// <summary>Earliest GPS time accepted; earlier stamps come from devices without a time fix.</summary>
    public static readonly DateTime EarliestTime = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static bool IsPlausibleTime(DateTime gpsTimeUtc, DateTime nowUtc) =>
        gpsTimeUtc >= EarliestTime && gpsTimeUtc <= nowUtc.AddDays(1);

    public bool? Ignition => Attributes.TryGetValue("ignition", out var v) && v is bool b ? b : null;

    public double? BatteryVoltage => Attributes.TryGetValue("batteryVoltage", out var v) && v is double d ? d : null;

    public double? ExternalVoltage => Attributes.TryGetValue("externalVoltage", out var v) && v is double d ? d : null;
}
