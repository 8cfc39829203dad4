using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Glasklar.Telematics.Map;

/// <summary>
/// Reads drivable roads from OpenStreetMap XML (<c>.osm</c> or <c>.osm.gz</c>), streaming: nodes first,
/// then ways with a motor-vehicle <c>highway</c> tag, with limits per direction resolved from their tags.
/// </summary>
internal static class OsmImporter
{
    private static readonly HashSet<string> Drivable = new(StringComparer.Ordinal)
    {
        "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link", "secondary", "secondary_link",
        "tertiary", "tertiary_link", "unclassified", "residential", "living_street", "service", "road",
    };

    public static List<Road> Read(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        return Read(stream);
    }

    public static List<Road> Read(Stream stream)
    {
        var nodes = new Dictionary<long, (double Lat, double Lon)>();
        var roads = new List<Road>();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true });
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.Name == "node")
            {
                var id = long.Parse(reader.GetAttribute("id")!, CultureInfo.InvariantCulture);
                var lat = double.Parse(reader.GetAttribute("lat")!, CultureInfo.InvariantCulture);
                var lon = double.Parse(reader.GetAttribute("lon")!, CultureInfo.InvariantCulture);
                nodes[id] = (lat, lon);
            }
            else if (reader.Name == "way" && !reader.IsEmptyElement)
            {
                var road = ReadWay(reader.ReadSubtree(), nodes);
                if (road is not null)
                {
                    roads.Add(road);
                }
            }
        }

        return roads;
    }

    private static Road? ReadWay(XmlReader way, Dictionary<long, (double Lat, double Lon)> nodes)
    {
        var refs = new List<long>();
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        using (way)
        {
            while (way.Read())
            {
                if (way.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (way.Name == "nd")
                {
                    refs.Add(long.Parse(way.GetAttribute("ref")!, CultureInfo.InvariantCulture));
                }
                else if (way.Name == "tag")
                {
                    tags[way.GetAttribute("k")!] = way.GetAttribute("v") ?? "";
                }
            }
        }

        if (!tags.TryGetValue("highway", out var highway) || !Drivable.Contains(highway) || tags.GetValueOrDefault("area") == "yes")
        {
            return null;
        }

        var points = refs.Where(nodes.ContainsKey).Select(r => nodes[r]).ToList();
        if (points.Count < 2)
        {
            return null;
        }

        return new Road(
            highway,
            Oneway(tags, highway),
            SpeedLimit.ForDirection(tags, highway, forward: true),
            SpeedLimit.ForDirection(tags, highway, forward: false),
            [.. points.Select(p => p.Lat)],
            [.. points.Select(p => p.Lon)]);
    }

    private static sbyte Oneway(Dictionary<string, string> tags, string highway) => tags.GetValueOrDefault("oneway") switch
    {
        "yes" or "true" or "1" => 1,
        "-1" or "reverse" => -1,
        "no" or "false" or "0" => 0,
        _ => highway is "motorway" or "motorway_link" || tags.GetValueOrDefault("junction") is "roundabout" or "circular" ? (sbyte)1 : (sbyte)0,
    };
}
