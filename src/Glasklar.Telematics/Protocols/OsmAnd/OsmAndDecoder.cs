using System.Globalization;
using System.Text.Json;
using Glasklar.Telematics.Positions;

namespace Glasklar.Telematics.Protocols.OsmAnd;

/// <summary>A decoded OsmAnd request: the device id and its position, or the bad field named in German.</summary>
internal sealed record OsmAndMessage(string? DeviceId, PositionRecord? Position, string? Field = null, string? Problem = null);

/// <summary>
/// The OsmAnd protocol as the Traccar Client apps send it: query or form fields (<c>id</c>, <c>timestamp</c>
/// in seconds, milliseconds or ISO 8601, <c>lat</c>/<c>lon</c> or <c>location</c>, <c>speed</c> in knots,
/// <c>bearing</c>, <c>altitude</c>, <c>accuracy</c>, <c>hdop</c>, <c>batt</c>, <c>charge</c>; other keys
/// kept as attributes), or the JSON body of newer app versions (speed in m/s there).
/// </summary>
internal static class OsmAndDecoder
{
    public const double KnotsToKmh = 1.852;
    public const double MaxAccuracyMeters = 50;

    public static OsmAndMessage FromFields(IEnumerable<KeyValuePair<string, string>> fields)
    {
        string? id = null;
        DateTime? time = null;
        double? lat = null, lon = null, speedKnots = null, course = null, altitude = null, accuracy = null, hdop = null;
        var valid = true;
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            switch (key)
            {
                case "id" or "deviceid": id = value; break;
                case "timestamp":
                    time = ParseTime(value);
                    if (time is null)
                    {
                        return Bad("timestamp", "Der Zeitstempel ist weder Sekunden, Millisekunden noch ISO 8601.");
                    }

                    break;
                case "lat": lat = Number(value); break;
                case "lon": lon = Number(value); break;
                case "location":
                    var parts = value.Split(',');
                    if (parts.Length == 2)
                    {
                        lat = Number(parts[0]);
                        lon = Number(parts[1]);
                    }

                    break;
                case "speed": speedKnots = Number(value); break;
                case "bearing" or "heading": course = Number(value); break;
                case "altitude": altitude = Number(value); break;
                case "accuracy": accuracy = Number(value); break;
                case "hdop": hdop = Number(value); break;
                case "valid": valid = !value.Equals("false", StringComparison.OrdinalIgnoreCase) && value != "0"; break;
                case "batt": if (Number(value) is { } battery) { attributes["batteryLevel"] = battery; } break;
                case "charge": attributes["charge"] = value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1"; break;
                default: if (key.Length <= 40 && value.Length <= 200 && attributes.Count < 50) { attributes[key] = value; } break;
            }
        }

        return Build(id, time, lat, lon, speedKnots * KnotsToKmh, course, altitude, accuracy, hdop, valid, attributes);
    }

    public static OsmAndMessage FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("location", out var location) || location.ValueKind != JsonValueKind.Object)
        {
            return Bad("location", "Der JSON-Körper braucht ein Objekt \"location\".");
        }

        var id = root.TryGetProperty("device_id", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        DateTime? time = location.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.String ? ParseTime(t.GetString()!) : null;
        if (time is null)
        {
            return Bad("location.timestamp", "Der Zeitstempel fehlt oder ist nicht ISO 8601.");
        }

        if (!location.TryGetProperty("coords", out var coords) || coords.ValueKind != JsonValueKind.Object)
        {
            return Bad("location.coords", "Die Koordinaten fehlen.");
        }

        double? Get(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        if (location.TryGetProperty("battery", out var battery) && battery.ValueKind == JsonValueKind.Object)
        {
            if (Get(battery, "level") is { } level)
            {
                attributes["batteryLevel"] = Math.Round(level * 100);
            }

            if (battery.TryGetProperty("is_charging", out var charging) && charging.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                attributes["charge"] = charging.GetBoolean();
            }
        }

        if (location.TryGetProperty("is_moving", out var moving) && moving.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            attributes["motion"] = moving.GetBoolean();
        }

        var speedMps = Get(coords, "speed");
        return Build(id, time, Get(coords, "latitude"), Get(coords, "longitude"), speedMps is { } s && s >= 0 ? s * 3.6 : 0,
            Get(coords, "heading") is { } h && h >= 0 ? h : null, Get(coords, "altitude"), Get(coords, "accuracy"), null, true, attributes);
    }

    private static OsmAndMessage Build(string? id, DateTime? time, double? lat, double? lon, double? speedKmh, double? course, double? altitude, double? accuracy, double? hdop, bool valid, Dictionary<string, object> attributes)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return Bad("id", "Die Gerätekennung (id) fehlt.");
        }

        if (time is null)
        {
            return Bad("timestamp", "Der Zeitstempel fehlt.");
        }

        if (lat is not (>= -90 and <= 90) || lon is not (>= -180 and <= 180))
        {
            return Bad("lat", "Breiten- und Längengrad fehlen oder liegen außerhalb des gültigen Bereichs.");
        }

        if (accuracy is { } a)
        {
            attributes["accuracy"] = a;
        }

        var good = valid && (accuracy is null || accuracy <= MaxAccuracyMeters) && (hdop is null || hdop <= PositionRecord.MaxHdop);
        var position = new PositionRecord(time.Value, lat.Value, lon.Value, altitude, course, null, Math.Max(0, speedKmh ?? 0), hdop, good, attributes);
        return new OsmAndMessage(id, position);
    }

    private static OsmAndMessage Bad(string field, string problem) => new(null, null, field, problem);

    private static double? Number(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    /// <summary>Seconds or milliseconds since 1970 (told apart by size), or ISO 8601.</summary>
    internal static DateTime? ParseTime(string value)
    {
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number > 100_000_000_000L
                ? DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(number, 253402300799999L)).UtcDateTime
                : DateTimeOffset.FromUnixTimeSeconds(Math.Min(number, 253402300799L)).UtcDateTime;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var fractional) && fractional is > 0 and < 253402300799)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(fractional * 1000)).UtcDateTime;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso) ? iso.UtcDateTime : null;
    }
}
