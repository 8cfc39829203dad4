using System.Diagnostics;
using Glasklar.Telematics.Demo;
using Glasklar.Telematics.Protocols.Teltonika;

namespace Glasklar.Bench;

/// <summary>
/// Teltonika decoder alone (framing with CRC-16 + Codec 8 Extended decoding + IO mapping), one thread.
/// Usage: <c>dotnet run -c Release --project bench/Glasklar.Bench -- teltonika-decode [seconds]</c>.
/// </summary>
internal sealed class TeltonikaDecodeBenchmark : IBenchmark
{
    public string Name => "teltonika-decode";

    public string Description => "Teltonika Codec 8E frame + decode: records/s on one core (target >= 2 million)";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var records = Enumerable.Range(0, 25).Select(i => DeviceSimulator.Record(start.AddSeconds(i), 50 + (i * 1e-4), 10, 80, 90, true)).ToList();
        var packet = TeltonikaEncoder.Packet(AvlPacket.Codec8Extended, records);
        foreach (var mapIo in new[] { false, true })
        {
            long decoded = 0;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed.TotalSeconds < seconds && !cancellationToken.IsCancellationRequested)
            {
                for (var i = 0; i < 1000; i++)
                {
                    var frame = TeltonikaFrameDecoder.ReadAvl(packet, 16_384);
                    var result = TeltonikaDecoder.Decode(packet.AsSpan(frame.PayloadOffset, frame.PayloadLength), out _)!;
                    if (mapIo)
                    {
                        foreach (var r in result.Records)
                        {
                            _ = TeltonikaIo.ToPosition(r);
                        }
                    }

                    decoded += result.Records.Count;
                }
            }

            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"{(mapIo ? "decode + IO mapping to positions" : "frame + decode"),-36} {decoded / watch.Elapsed.TotalSeconds,14:N0} records/s wall, {decoded / cpuSeconds,14:N0} records per CPU second ({packet.Length} bytes, 25 records, 7 IO each)");
        }

        return Task.FromResult(0);
    }
}
