using System.Globalization;

namespace Glasklar.Telematics.Map;

/// <summary>
/// A road segment's speed limit: a number in km/h, or no limit (German motorways) with an advisory speed
/// (Richtgeschwindigkeit 130). Walking pace (living streets) is 7 km/h.
/// </summary>
internal readonly record struct SpeedLimit(int? Kmh, bool Unlimited, int? AdvisoryKmh)
{
    public const int WalkingPaceKmh = 7;
    public const int GermanAdvisoryKmh = 130;

    public static readonly SpeedLimit None = new(null, true, GermanAdvisoryKmh);

    public static SpeedLimit Of(int kmh) => new(kmh, false, null);

    /// <summary>The speed the driver is measured against: the limit, else the advisory speed.</summary>
    public int? Reference => Kmh ?? AdvisoryKmh;

    public override string ToString() => Unlimited ? $"kein Limit, Richtgeschwindigkeit {AdvisoryKmh}" : $"{Kmh} km/h";

    /// <summary>Parses an OSM <c>maxspeed</c> value: "50", "30 mph", "none", "walk", "DE:urban", "DE:zone30", …</summary>
    public static SpeedLimit? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var v = value.Trim();
        var semicolon = v.IndexOf(';', StringComparison.Ordinal);
        if (semicolon > 0)
        {
            v = v[..semicolon].Trim(); // per-lane lists: the first lane
        }

        if (v.EndsWith("mph", StringComparison.OrdinalIgnoreCase)
            && double.TryParse(v[..^3].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var mph))
        {
            return Of((int)Math.Round(mph * 1.609344));
        }

        if (v.EndsWith("km/h", StringComparison.OrdinalIgnoreCase))
        {
            v = v[..^4].Trim();
        }

        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var kmh) && kmh is > 0 and < 400)
        {
            return Of((int)Math.Round(kmh));
        }

        return v.ToUpperInvariant() switch
        {
            "NONE" or "DE:MOTORWAY" => None,
            "WALK" or "DE:LIVING_STREET" => Of(WalkingPaceKmh),
            "DE:URBAN" => Of(50),
            "DE:RURAL" => Of(100),
            "DE:BICYCLE_ROAD" => Of(30),
            "DE:TRUNK" => Of(100),
            _ when v.StartsWith("DE:zone", StringComparison.OrdinalIgnoreCase) => ParseZone(v),
            _ => null,
        };
    }

    private static SpeedLimit? ParseZone(string v)
    {
        var digits = new string([.. v.Where(char.IsAsciiDigit)]);
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var zone) && zone > 0 ? Of(zone) : null;
    }

    /// <summary>What applies on an untagged road of this OSM highway type in Germany.</summary>
    public static SpeedLimit DefaultFor(string highway) => highway switch
    {
        "motorway" or "motorway_link" => None,
        "trunk" or "trunk_link" or "primary" or "primary_link" or "secondary" or "secondary_link"
            or "tertiary" or "tertiary_link" or "unclassified" => Of(100),
        "living_street" => Of(WalkingPaceKmh),
        "service" or "track" => Of(30),
        _ => Of(50), // residential, road and other streets inside towns
    };

    /// <summary>
    /// The limit of a way in one direction from its tags: <c>maxspeed:forward/backward</c>, then
    /// <c>maxspeed</c>, then the implicit German value of <c>maxspeed:type</c>, <c>source:maxspeed</c> or
    /// <c>zone:maxspeed</c>, then the default of the road type.
    /// </summary>
    public static SpeedLimit ForDirection(IReadOnlyDictionary<string, string> tags, string highway, bool forward)
    {
        string? Tag(string key) => tags.TryGetValue(key, out var t) ? t : null;
        return Parse(Tag(forward ? "maxspeed:forward" : "maxspeed:backward"))
            ?? Parse(Tag("maxspeed"))
            ?? Parse(Tag("maxspeed:type"))
            ?? Parse(Tag("source:maxspeed"))
            ?? Parse(Tag("zone:maxspeed"))
            ?? DefaultFor(highway);
    }
}
