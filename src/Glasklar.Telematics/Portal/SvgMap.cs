using System.Globalization;
using System.Net;
using System.Text;
using Glasklar.Telematics.Map;
using Glasklar.Telematics.Trips;

namespace Glasklar.Telematics.Portal;

/// <summary>Something to draw on the map: a track coloured by speed band, a marker, or a zone.</summary>
internal sealed class MapScene
{
    public List<PortalPosition> Track { get; } = [];

    public List<(double Latitude, double Longitude, string Label)> Markers { get; } = [];

    public List<Geofence> Zones { get; } = [];

    /// <summary>Smallest width and height of the drawn area, so a single point still shows its streets.</summary>
    public double MinExtentMeters { get; set; } = 400;
}

/// <summary>Distance of a track per speed band, for the legend and the text summary.</summary>
internal sealed record TrackSummary(IReadOnlyDictionary<SpeedBand, double> Meters)
{
    public double Total => Meters.Values.Sum();

    public int Percent(SpeedBand band) => Total <= 0 ? 0 : (int)Math.Round(Meters.GetValueOrDefault(band) * 100 / Total);
}

/// <summary>
/// Draws the portal's own map as inline SVG on the server: streets from the road index (when one is
/// imported), the track, markers and zones. No tiles, no third party (B12). Equirectangular projection
/// around the drawn area, which is exact enough for a city or a trip.
/// </summary>
internal static class SvgMap
{
    private const double MetersPerDegree = 111_320;
    private const double MaxWidth = 800;
    private const double MaxHeight = 560;

    /// <summary>A gap longer than this between two fixes is not drawn as a line.</summary>
    private const long MaxGapMs = 5 * 60 * 1000;

    public static TrackSummary Summarise(IReadOnlyList<PortalPosition> track)
    {
        var meters = SpeedBands.All.ToDictionary(b => b, _ => 0.0);
        for (var i = 1; i < track.Count; i++)
        {
            if (track[i].GpsTimeMs - track[i - 1].GpsTimeMs <= MaxGapMs)
            {
                meters[SpeedBands.Of(track[i])] += Geo.DistanceMeters(track[i - 1].Latitude, track[i - 1].Longitude, track[i].Latitude, track[i].Longitude);
            }
        }

        return new TrackSummary(meters);
    }

    public static string Render(MapScene scene, RoadIndex? roads, string title, string description, string id)
    {
        var points = scene.Track.Select(p => (p.Latitude, p.Longitude))
            .Concat(scene.Markers.Select(m => (m.Latitude, m.Longitude)))
            .Concat(scene.Zones.SelectMany(ZoneExtent))
            .ToList();
        if (points.Count == 0)
        {
            return "";
        }

        var (minLat, maxLat) = (points.Min(p => p.Item1), points.Max(p => p.Item1));
        var (minLon, maxLon) = (points.Min(p => p.Item2), points.Max(p => p.Item2));
        var midLat = (minLat + maxLat) / 2;
        var cos = Math.Max(0.01, Math.Cos(double.DegreesToRadians(midLat)));
        var spanY = Math.Max(scene.MinExtentMeters, (maxLat - minLat) * MetersPerDegree * 1.15);
        var spanX = Math.Max(scene.MinExtentMeters, (maxLon - minLon) * MetersPerDegree * cos * 1.15);
        var midLon = (minLon + maxLon) / 2;
        (minLat, maxLat) = (midLat - (spanY / 2 / MetersPerDegree), midLat + (spanY / 2 / MetersPerDegree));
        (minLon, maxLon) = (midLon - (spanX / 2 / MetersPerDegree / cos), midLon + (spanX / 2 / MetersPerDegree / cos));
        var scale = Math.Min(MaxWidth / spanX, MaxHeight / spanY);
        var width = spanX * scale;
        var height = spanY * scale;
        string X(double lon) => F((lon - minLon) * MetersPerDegree * cos * scale);
        string Y(double lat) => F((maxLat - lat) * MetersPerDegree * scale);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tk-karte\" id=\"{id}\" viewBox=\"0 0 {F(width)} {F(height)}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" ")
            .Append(CultureInfo.InvariantCulture, $"data-bounds=\"{F6(minLat)},{F6(minLon)},{F6(maxLat)},{F6(maxLon)}\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-t\">{Encode(title)}</title><desc id=\"{id}-d\">{Encode(description)}</desc>")
            .Append(CultureInfo.InvariantCulture, $"<rect width=\"{F(width)}\" height=\"{F(height)}\" fill=\"#f4f1ea\"/>");
        if (roads is not null)
        {
            svg.Append("<g class=\"tk-strassen\" fill=\"none\" stroke=\"#ffffff\" stroke-linecap=\"round\" stroke-linejoin=\"round\">");
            foreach (var road in roads.Within(minLat, minLon, maxLat, maxLon))
            {
                var coords = string.Join(' ', road.Latitudes.Select((lat, i) => $"{X(road.Longitudes[i])},{Y(lat)}"));
                var widthPx = road.Highway is "motorway" or "trunk" ? 7 : road.Highway is "primary" or "secondary" ? 5 : 3;
                svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{coords}\" stroke=\"#c9c2b3\" stroke-width=\"{widthPx + 2}\"/><polyline points=\"{coords}\" stroke-width=\"{widthPx}\"/>");
            }

            svg.Append("</g>");
        }

        foreach (var zone in scene.Zones)
        {
            var stroke = zone.Armed ? "#6a1b9a" : "#7b7b7b";
            if (zone.Shape == GeofenceShape.Circle)
            {
                var r = F(zone.RadiusMeters * scale);
                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"tk-zone\" cx=\"{X(zone.CenterLongitude)}\" cy=\"{Y(zone.CenterLatitude)}\" r=\"{r}\" fill=\"{stroke}\" fill-opacity=\"0.08\" stroke=\"{stroke}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>");
            }
            else
            {
                var corners = string.Join(' ', Geofences.GeofenceGeometry.Corners(zone.Polygon).Select(c => $"{X(c.Longitude)},{Y(c.Latitude)}"));
                svg.Append(CultureInfo.InvariantCulture, $"<polygon class=\"tk-zone\" points=\"{corners}\" fill=\"{stroke}\" fill-opacity=\"0.08\" stroke=\"{stroke}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>");
            }
        }

        AppendTrack(svg, scene.Track, X, Y);
        foreach (var (lat, lon, label) in scene.Markers)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"tk-marker\"><circle cx=\"{X(lon)}\" cy=\"{Y(lat)}\" r=\"9\" fill=\"#0b57d0\" stroke=\"#ffffff\" stroke-width=\"3\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{X(lon)}\" y=\"{Y(lat)}\" dx=\"13\" dy=\"5\" font-size=\"15\" fill=\"#1b1b1b\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{Encode(label)}</text></g>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static void AppendTrack(StringBuilder svg, IReadOnlyList<PortalPosition> track, Func<double, string> x, Func<double, string> y)
    {
        if (track.Count < 2)
        {
            return;
        }

        svg.Append("<g class=\"tk-spur\" fill=\"none\" stroke-width=\"5\" stroke-linecap=\"round\" stroke-linejoin=\"round\">");
        var line = new StringBuilder();
        SpeedBand? current = null;
        void Flush()
        {
            if (current is { } band && line.Length > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<polyline data-band=\"{SpeedBands.Key(band)}\" stroke=\"{SpeedBands.Colour(band)}\" points=\"{line.ToString().Trim()}\"/>");
            }

            line.Clear();
        }

        for (var i = 1; i < track.Count; i++)
        {
            var (a, b) = (track[i - 1], track[i]);
            var band = SpeedBands.Of(b);
            if (b.GpsTimeMs - a.GpsTimeMs > MaxGapMs)
            {
                Flush();
                current = null;
                continue;
            }

            if (band != current)
            {
                Flush();
                current = band;
                line.Append(CultureInfo.InvariantCulture, $"{x(a.Longitude)},{y(a.Latitude)} ");
            }

            line.Append(CultureInfo.InvariantCulture, $"{x(b.Longitude)},{y(b.Latitude)} ");
        }

        Flush();
        svg.Append("</g>");
    }

    private static IEnumerable<(double, double)> ZoneExtent(Geofence zone)
    {
        if (zone.Shape == GeofenceShape.Polygon)
        {
            return Geofences.GeofenceGeometry.Corners(zone.Polygon).Select(c => (c.Latitude, c.Longitude));
        }

        var dLat = zone.RadiusMeters / MetersPerDegree;
        var dLon = zone.RadiusMeters / (MetersPerDegree * Math.Max(0.01, Math.Cos(double.DegreesToRadians(zone.CenterLatitude))));
        return [(zone.CenterLatitude - dLat, zone.CenterLongitude - dLon), (zone.CenterLatitude + dLat, zone.CenterLongitude + dLon)];
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string F6(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
