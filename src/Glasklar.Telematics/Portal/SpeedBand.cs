namespace Glasklar.Telematics.Portal;

/// <summary>How fast a fix was relative to the road's limit (C4): the colour of the track on the trip map.</summary>
internal enum SpeedBand
{
    /// <summary>At or below the limit (or on a road without a limit).</summary>
    Within,

    /// <summary>Up to 10 % above the limit.</summary>
    Slightly,

    /// <summary>More than 10 % above the limit.</summary>
    Over,

    /// <summary>No limit known (no road matched, or an invalid fix).</summary>
    Unknown,
}

internal static class SpeedBands
{
    public static readonly SpeedBand[] All = [SpeedBand.Within, SpeedBand.Slightly, SpeedBand.Over, SpeedBand.Unknown];

    public static SpeedBand Of(PortalPosition p)
    {
        if (!p.Valid)
        {
            return SpeedBand.Unknown;
        }

        if (p.Unlimited)
        {
            return SpeedBand.Within; // "no limit": the advisory 130 is advice, not a limit
        }

        if (p.LimitKmh is not { } limit || limit <= 0)
        {
            return SpeedBand.Unknown;
        }

        return p.SpeedKmh <= limit ? SpeedBand.Within : p.SpeedKmh <= limit * 1.1 ? SpeedBand.Slightly : SpeedBand.Over;
    }

    public static string Colour(SpeedBand band) => band switch
    {
        SpeedBand.Within => "#1a7f37",
        SpeedBand.Slightly => "#b35c00",
        SpeedBand.Over => "#c62828",
        _ => "#8a8a8a",
    };

    public static string Label(SpeedBand band) => band switch
    {
        SpeedBand.Within => "im Tempolimit",
        SpeedBand.Slightly => "bis 10 % darüber",
        SpeedBand.Over => "mehr als 10 % darüber",
        _ => "Tempolimit unbekannt",
    };

    public static string Key(SpeedBand band) => band switch
    {
        SpeedBand.Within => "ok",
        SpeedBand.Slightly => "knapp",
        SpeedBand.Over => "zu-schnell",
        _ => "unbekannt",
    };
}
