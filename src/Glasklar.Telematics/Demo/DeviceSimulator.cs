using System.Net.Sockets;
using Glasklar.Telematics.Protocols.Teltonika;

namespace Glasklar.Telematics.Demo;

/// <summary>
/// A simulated Teltonika box: connects over real TCP, does the IMEI handshake, sends AVL packets
/// (Codec 8 Extended) and waits for each acknowledgement, as a device would. Records what was acknowledged,
/// so tests can compare it with what is stored.
/// </summary>
internal sealed class DeviceSimulator(string host, int port, string imei) : IAsyncDisposable
{
    private TcpClient? _client;
    private NetworkStream? _stream;

    /// <summary>GPS times of every record the server acknowledged.</summary>
    public List<DateTimeOffset> Acknowledged { get; } = [];

    public async Task<bool> ConnectAsync(CancellationToken cancellationToken)
    {
        _client = new TcpClient { NoDelay = true };
        await _client.ConnectAsync(host, port, cancellationToken);
        _stream = _client.GetStream();
        await _stream.WriteAsync(TeltonikaEncoder.Imei(imei), cancellationToken);
        var answer = new byte[1];
        await _stream.ReadExactlyAsync(answer, cancellationToken);
        return answer[0] == 1;
    }

    /// <summary>Sends one packet; true when it was acknowledged with its record count.</summary>
    public async Task<bool> SendAsync(IReadOnlyList<AvlRecord> records, CancellationToken cancellationToken)
    {
        var stream = _stream ?? throw new InvalidOperationException("Nicht verbunden.");
        await stream.WriteAsync(TeltonikaEncoder.Packet(AvlPacket.Codec8Extended, records), cancellationToken);
        var ack = new byte[4];
        await stream.ReadExactlyAsync(ack, cancellationToken);
        if (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(ack) != records.Count)
        {
            return false;
        }

        Acknowledged.AddRange(records.Select(r => r.Time));
        return true;
    }

    /// <summary>One demo trip on the demo map, then a standstill of 70 s that ends it; one record per second.</summary>
    public static List<AvlRecord> DemoTrip(DateTimeOffset start)
    {
        var records = new List<AvlRecord>();
        var route = DemoMap.Route();
        var time = start;
        for (var i = 0; i < route.Count; i++)
        {
            var (lat, lon, kmh) = route[i];
            var next = route[Math.Min(i + 1, route.Count - 1)];
            var course = (ushort)((Math.Round(double.RadiansToDegrees(Math.Atan2((next.Lon - lon) * Math.Cos(double.DegreesToRadians(lat)), next.Lat - lat))) + 360) % 360);
            records.Add(Record(time, lat, lon, (ushort)kmh, course, ignition: true));
            time = time.AddSeconds(1);
        }

        var (endLat, endLon, _) = route[^1];
        for (var s = 0; s < 70; s++)
        {
            records.Add(Record(time, endLat, endLon, 0, 0, ignition: s < 5));
            time = time.AddSeconds(1);
        }

        return records;
    }

    public static AvlRecord Record(DateTimeOffset time, double lat, double lon, ushort kmh, ushort course, bool ignition) =>
        new(time, 0, lon, lat, 300, course, 11, kmh, 0,
        [
            new(TeltonikaIo.Ignition, 1, ignition ? 1 : 0), new(TeltonikaIo.Movement, 1, kmh > 0 ? 1 : 0),
            new(TeltonikaIo.GnssStatus, 1, 1), new(TeltonikaIo.Hdop, 2, 8), new(TeltonikaIo.Pdop, 2, 12),
            new(TeltonikaIo.ExternalVoltage, 2, ignition ? 13_900 : 12_400), new(TeltonikaIo.BatteryVoltage, 2, 4_050),
        ]);

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }

        _client?.Dispose();
    }
}

/// <summary><c>glasklar simulate</c>: drives demo trips with a demo box over real TCP against a running Glasklar.</summary>
public static class SimulatorCli
{
    public static async Task<int> RunAsync(string imei, string host, int port, int trips, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        await using var device = new DeviceSimulator(host, port, imei);
        try
        {
            if (!await device.ConnectAsync(cancellationToken))
            {
                error.WriteLine("Die Box wurde abgewiesen: IMEI unbekannt oder nicht aktiv.");
                return 2;
            }

            var start = DateTimeOffset.UtcNow.AddSeconds(-(trips * 800)).AddMilliseconds(-DateTimeOffset.UtcNow.Millisecond);
            for (var t = 0; t < trips; t++)
            {
                var records = DeviceSimulator.DemoTrip(start);
                foreach (var chunk in records.Chunk(25))
                {
                    if (!await device.SendAsync(chunk, cancellationToken))
                    {
                        error.WriteLine("Ein Paket wurde nicht bestätigt.");
                        return 1;
                    }
                }

                start = records[^1].Time.AddSeconds(1);
                output.WriteLine($"Fahrt {t + 1}: {records.Count} Positionen gesendet und bestätigt.");
            }

            return 0;
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            error.WriteLine($"Verbindung zu {host}:{port} fehlgeschlagen oder abgebrochen ({e.GetType().Name}).");
            return 1;
        }
    }
}
