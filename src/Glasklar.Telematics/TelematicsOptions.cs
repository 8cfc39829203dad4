using Microsoft.Extensions.Configuration;

namespace Glasklar.Telematics;

/// <summary>Section "Telematics". Every operator-specific figure has a default here and can be configured.</summary>
internal sealed class TelematicsOptions
{
    /// <summary>Address the device listeners bind to. Loopback by default: devices reach it through a TLS-terminating L4 proxy (ADR 0020).</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    public ListenerOptions Teltonika { get; set; } = new() { Port = 5027 };

    public ListenerOptions OsmAnd { get; set; } = new() { Port = 5055 };

    /// <summary>Largest AVL data field accepted (Teltonika devices send at most 1280 bytes per packet; some models more).</summary>
    public int MaxFrameBytes { get; set; } = 16 * 1024;

    /// <summary>A connection that sends nothing for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A frame that has started must be complete within this time (slow-sender protection).</summary>
    public TimeSpan FrameTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Worker partitions of the pipeline (one device always on the same one). 0: one on SQLite, which has a single
    /// writer anyway, so one worker commits everything queued in one transaction instead of two workers taking
    /// turns with twice the commits (ADR 0021); the processor count on PostgreSQL, which writes in parallel.
    /// </summary>
    public int Partitions { get; set; }

    /// <summary>Most records written in one transaction.</summary>
    public int MaxBatchRecords { get; set; } = 20_000;

    /// <summary>Standstill longer than this ends a trip (C2: more than one minute).</summary>
    public TimeSpan TripEndStandstill { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Speed from which a valid fix counts as movement.</summary>
    public double MovingSpeedKmh { get; set; } = 6;

    /// <summary>Trips shorter than this are GPS drift while parked and are discarded.</summary>
    public double MinTripDistanceMeters { get; set; } = 200;

    /// <summary>The road index built by <c>glasklar import-map</c>; empty: {DataDirectory}/telematics/roads.idx.</summary>
    public string MapFile { get; set; } = "";

    /// <summary>Positions and trips are kept this long while the contract runs (C16).</summary>
    public TimeSpan KeepPositionsFor { get; set; } = TimeSpan.FromDays(730);

    /// <summary>Everything of a contract is deleted this long after its end (C16).</summary>
    public TimeSpan DeleteAfterContractEnd { get; set; } = TimeSpan.FromDays(14);

    public static TelematicsOptions From(IConfiguration configuration)
    {
        var options = new TelematicsOptions();
        configuration.GetSection("Telematics").Bind(options);
        return options;
    }
}

internal sealed class ListenerOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>TCP port; 0 picks a free one (tests).</summary>
    public int Port { get; set; }
}

/// <summary>The ports the listeners actually bound (differs from the configuration when it says 0).</summary>
internal sealed class TelematicsEndpoints
{
    private readonly TaskCompletionSource<int> _teltonika = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _osmAnd = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<int> TeltonikaPort => _teltonika.Task;

    public Task<int> OsmAndPort => _osmAnd.Task;

    public void SetTeltonika(int port) => _teltonika.TrySetResult(port);

    public void SetOsmAnd(int port) => _osmAnd.TrySetResult(port);
}
