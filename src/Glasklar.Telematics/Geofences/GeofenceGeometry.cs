using System.Globalization;
using Glasklar.Telematics.Portal;
using Glasklar.Telematics.Trips;
using NetTopologySuite.Geometries;

namespace Glasklar.Telematics.Geofences;

/// <summary>Zone geometry: parsing corners and how far a fix lies outside a zone (0 inside).</summary>
internal static class GeofenceGeometry
{
    private const double MetersPerDegree = 111_320;
    private static readonly GeometryFactory Factory = new();

    public static IReadOnlyList<(double Latitude, double Longitude)> Corners(string polygon)
    {
        var corners = new List<(double, double)>();
        foreach (var pair in polygon.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length == 2
                && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
            {
                corners.Add((lat, lon));
            }
            else
            {
                return [];
            }
        }

        return corners;
    }

    public static string Format(IEnumerable<(double Latitude, double Longitude)> corners) =>
        string.Join(';', corners.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Latitude:0.######},{c.Longitude:0.######}")));

    /// <summary>Metres from the zone's border to the fix if it is outside, else 0.</summary>
    public static double DistanceOutside(Geofence zone, double latitude, double longitude)
    {
        if (zone.Shape == GeofenceShape.Circle)
        {
            return Math.Max(0, Geo.DistanceMeters(zone.CenterLatitude, zone.CenterLongitude, latitude, longitude) - zone.RadiusMeters);
        }

        var corners = Corners(zone.Polygon);
        if (corners.Count < 3)
        {
            return 0;
        }

        // Local metric plane around the fix: enough for zones of a few kilometres.
        var cos = Math.Cos(double.DegreesToRadians(latitude));
        var ring = corners.Append(corners[0])
            .Select(c => new Coordinate((c.Longitude - longitude) * MetersPerDegree * cos, (c.Latitude - latitude) * MetersPerDegree))
            .ToArray();
        var shape = Factory.CreatePolygon(ring);
        var point = Factory.CreatePoint(new Coordinate(0, 0));
        return shape.IsValid ? shape.Distance(point) : shape.Buffer(0).Distance(point);
    }
}
