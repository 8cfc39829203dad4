using System.Text;

namespace Glasklar.Telematics.Map;

/// <summary>
/// The road index on disk, as written by <c>glasklar import-map</c> and loaded at start: a small binary
/// file of roads (type, direction, limits, points). Rebuilding the STR-tree from it takes milliseconds.
/// </summary>
internal static class RoadIndexFile
{
    private const string Magic = "GLASKLAR-ROADS-1";

    public static void Write(string path, IReadOnlyCollection<Road> roads)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(roads.Count);
            foreach (var road in roads)
            {
                writer.Write(road.Highway);
                writer.Write(road.Oneway);
                WriteLimit(writer, road.Forward);
                WriteLimit(writer, road.Backward);
                writer.Write(road.Latitudes.Length);
                for (var i = 0; i < road.Latitudes.Length; i++)
                {
                    writer.Write(road.Latitudes[i]);
                    writer.Write(road.Longitudes[i]);
                }
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static List<Road> Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        if (reader.ReadString() != Magic)
        {
            throw new InvalidDataException($"{path} ist keine Straßenindex-Datei von Glasklar.");
        }

        var count = reader.ReadInt32();
        var roads = new List<Road>(count);
        for (var r = 0; r < count; r++)
        {
            var highway = reader.ReadString();
            var oneway = reader.ReadSByte();
            var forward = ReadLimit(reader);
            var backward = ReadLimit(reader);
            var points = reader.ReadInt32();
            var lats = new double[points];
            var lons = new double[points];
            for (var i = 0; i < points; i++)
            {
                lats[i] = reader.ReadDouble();
                lons[i] = reader.ReadDouble();
            }

            roads.Add(new Road(highway, oneway, forward, backward, lats, lons));
        }

        return roads;
    }

    private static void WriteLimit(BinaryWriter writer, SpeedLimit limit)
    {
        writer.Write(limit.Kmh ?? -1);
        writer.Write(limit.Unlimited);
        writer.Write(limit.AdvisoryKmh ?? -1);
    }

    private static SpeedLimit ReadLimit(BinaryReader reader)
    {
        var kmh = reader.ReadInt32();
        var unlimited = reader.ReadBoolean();
        var advisory = reader.ReadInt32();
        return new SpeedLimit(kmh < 0 ? null : kmh, unlimited, advisory < 0 ? null : advisory);
    }
}

/// <summary>The current road index of the process (empty until a map is imported).</summary>
internal sealed class RoadMap
{
    private volatile RoadIndex? _index;

    public RoadIndex? Index => _index;

    public void Use(RoadIndex index) => _index = index;

    public RoadMatch? Match(double latitude, double longitude, double? course, double speedKmh) =>
        _index?.Match(latitude, longitude, course, speedKmh);

    public static string PathFor(TelematicsOptions options, string dataDirectory) =>
        string.IsNullOrWhiteSpace(options.MapFile) ? Path.Combine(dataDirectory, "telematics", "roads.idx") : options.MapFile;
}
