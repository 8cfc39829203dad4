using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Glasklar.Telematics.Map;

/// <summary>One drivable OSM way with its limits per direction. Oneway: 1 forward only, -1 backward only, 0 both.</summary>
internal sealed record Road(string Highway, sbyte Oneway, SpeedLimit Forward, SpeedLimit Backward, double[] Latitudes, double[] Longitudes);

/// <summary>The road a position was matched to, and the limit in the direction of travel (C4).</summary>
internal sealed record RoadMatch(string RoadType, SpeedLimit Limit, double DistanceMeters);

/// <summary>
/// In-memory road index (STR-tree of way segments). A position matches the nearest segment within the
/// tolerance whose direction agrees with the course (when the vehicle moves): a oneway road only in its
/// direction, a two-way road in the direction that fits, with that direction's limit.
/// </summary>
internal sealed class RoadIndex
{
    public const double ToleranceMeters = 30;
    private const double MetersPerDegree = 111_320;
    private const double MaxCourseDifference = 60;
    private readonly STRtree<(Road Road, int Segment)> _tree = new();

    public RoadIndex(IReadOnlyCollection<Road> roads)
    {
        foreach (var road in roads)
        {
            for (var i = 0; i + 1 < road.Latitudes.Length; i++)
            {
                var envelope = new Envelope(road.Longitudes[i], road.Longitudes[i + 1], road.Latitudes[i], road.Latitudes[i + 1]);
                _tree.Insert(envelope, (road, i));
            }
        }

        _tree.Build();
        Count = roads.Count;
    }

    public int Count { get; }

    /// <summary>The roads with a segment inside the box (for drawing the portal's own map).</summary>
    public IReadOnlyList<Road> Within(double minLatitude, double minLongitude, double maxLatitude, double maxLongitude) =>
        _tree.Query(new Envelope(minLongitude, maxLongitude, minLatitude, maxLatitude)).Select(r => r.Road).Distinct().ToList();

    public RoadMatch? Match(double latitude, double longitude, double? course, double speedKmh)
    {
        var cos = Math.Cos(double.DegreesToRadians(latitude));
        var dLat = ToleranceMeters / MetersPerDegree;
        var dLon = ToleranceMeters / (MetersPerDegree * Math.Max(cos, 0.01));
        var candidates = _tree.Query(new Envelope(longitude - dLon, longitude + dLon, latitude - dLat, latitude + dLat));
        var useCourse = course is not null && speedKmh >= 5;
        RoadMatch? best = null;
        foreach (var (road, i) in candidates)
        {
            // Local metric plane around the position (equirectangular; exact enough within 30 m).
            var ax = (road.Longitudes[i] - longitude) * MetersPerDegree * cos;
            var ay = (road.Latitudes[i] - latitude) * MetersPerDegree;
            var bx = (road.Longitudes[i + 1] - longitude) * MetersPerDegree * cos;
            var by = (road.Latitudes[i + 1] - latitude) * MetersPerDegree;
            var distance = DistanceToSegment(ax, ay, bx, by);
            if (distance > ToleranceMeters || (best is not null && distance >= best.DistanceMeters))
            {
                continue;
            }

            var forward = true;
            if (useCourse)
            {
                var bearing = (double.RadiansToDegrees(Math.Atan2(bx - ax, by - ay)) + 360) % 360;
                var alongForward = Difference(bearing, course!.Value) <= MaxCourseDifference;
                var alongBackward = Difference((bearing + 180) % 360, course.Value) <= MaxCourseDifference;
                if (alongForward && road.Oneway >= 0)
                {
                    forward = true;
                }
                else if (alongBackward && road.Oneway <= 0)
                {
                    forward = false;
                }
                else
                {
                    continue; // the other carriageway, or a crossing road
                }
            }
            else if (road.Oneway < 0)
            {
                forward = false;
            }

            best = new RoadMatch(road.Highway, forward ? road.Forward : road.Backward, distance);
        }

        return best;
    }

    private static double Difference(double a, double b)
    {
        var d = Math.Abs(a - b) % 360;
        return d > 180 ? 360 - d : d;
    }

    private static double DistanceToSegment(double ax, double ay, double bx, double by)
    {
        var dx = bx - ax;
        var dy = by - ay;
        var lengthSquared = (dx * dx) + (dy * dy);
        var t = lengthSquared == 0 ? 0 : Math.Clamp(-((ax * dx) + (ay * dy)) / lengthSquared, 0, 1);
        var px = ax + (t * dx);
        var py = ay + (t * dy);
        return Math.Sqrt((px * px) + (py * py));
    }
}
