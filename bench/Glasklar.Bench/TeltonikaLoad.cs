using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using Glasklar.Telematics.Demo;
using Glasklar.Telematics.Protocols.Teltonika;

namespace Glasklar.Bench;

/// <summary>Figures of one load run (latencies ascending, in milliseconds; only packets sent in the measured window).</summary>
internal sealed record TeltonikaLoadResult(long Acknowledged, TimeSpan Elapsed, double[] Latencies, int Failures, TimeSpan CpuTime);

/// <summary>
/// The load generator of the ingestion benchmark: one TCP connection per box, IMEI handshake, then Codec 8E
/// packets. It is kept cheap because it shares the cores with the server: every connection encodes its packet
/// once and afterwards only rewrites the record timestamps and the CRC in place (each packet has new GPS times,
/// so nothing is skipped as a duplicate).
/// </summary>
internal sealed class TeltonikaLoad(int port, int recordsPerPacket, DateTimeOffset firstRecord)
{
    /// <summary>Paced when <paramref name="interval"/> is set (one packet per connection per interval), else closed loop.</summary>
    public async Task<TeltonikaLoadResult> RunAsync(IReadOnlyList<string> imeis, TimeSpan? interval, TimeSpan warmup, TimeSpan measured, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var windowStart = warmup;
        var windowEnd = warmup + measured;
        long acknowledged = 0;
        var failures = 0;
        var samples = new List<double>[imeis.Count];
        var cpuAtStart = TimeSpan.Zero;
        var window = Task.Run(async () =>
        {
            await Task.Delay(warmup, cancellationToken);
            cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        }, cancellationToken);
        await Task.WhenAll(imeis.Select(async (imei, index) =>
        {
            var local = samples[index] = new List<double>(1024);
            try
            {
                using var client = new TcpClient { NoDelay = true };
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                var stream = client.GetStream();
                await stream.WriteAsync(TeltonikaEncoder.Imei(imei), cancellationToken);
                var answer = new byte[4];
                await stream.ReadExactlyAsync(answer.AsMemory(0, 1), cancellationToken);
                if (answer[0] != 1)
                {
                    throw new IOException("IMEI refused");
                }

                var packet = new PacketTemplate(recordsPerPacket, index);
                var offset = interval is { } i ? i * index / imeis.Count : TimeSpan.Zero;
                for (long n = 0; !cancellationToken.IsCancellationRequested; n++)
                {
                    var due = interval is { } every ? offset + (every * n) : clock.Elapsed;
                    if (due >= windowEnd)
                    {
                        break;
                    }

                    var wait = due - clock.Elapsed;
                    if (wait > TimeSpan.FromMilliseconds(1))
                    {
                        await Task.Delay(wait, cancellationToken);
                    }

                    var bytes = packet.Next(firstRecord.AddSeconds(n * recordsPerPacket).ToUnixTimeMilliseconds());
                    var sent = clock.Elapsed;
                    await stream.WriteAsync(bytes, cancellationToken);
                    await stream.ReadExactlyAsync(answer, cancellationToken);
                    var acked = clock.Elapsed;
                    if (BinaryPrimitives.ReadInt32BigEndian(answer) != recordsPerPacket)
                    {
                        throw new IOException("wrong acknowledgement");
                    }

                    var start = interval is null ? sent : due;
                    if (start >= windowStart)
                    {
                        local.Add((acked - start).TotalMilliseconds);
                        Interlocked.Add(ref acknowledged, recordsPerPacket);
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                Interlocked.Increment(ref failures);
            }
        }));
        var elapsed = clock.Elapsed - windowStart;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await window;
        var all = samples.SelectMany(s => s).Order().ToArray();
        return new TeltonikaLoadResult(acknowledged, elapsed, all, failures, cpu - cpuAtStart);
    }

    /// <summary>One connection's packet: encoded once, then only timestamps (one second apart) and CRC rewritten.</summary>
    private sealed class PacketTemplate
    {
        private const int FirstRecord = 10; // preamble 4, length 4, codec 1, count 1
        private static readonly IReadOnlyList<(double Lat, double Lon, int Kmh)> Route = DemoMap.Route();
        private readonly byte[] _bytes;
        private readonly int _recordSize;
        private readonly int _records;

        public PacketTemplate(int records, int seed)
        {
            var route = Route;
            var baseTime = DateTimeOffset.UnixEpoch;
            var list = Enumerable.Range(0, records).Select(i =>
            {
                var (lat, lon, kmh) = route[(seed + i) % route.Count];
                return DeviceSimulator.Record(baseTime.AddSeconds(i), lat, lon, (ushort)kmh, 90, true);
            }).ToList();
            _bytes = TeltonikaEncoder.Packet(AvlPacket.Codec8Extended, list);
            var dataLength = BinaryPrimitives.ReadInt32BigEndian(_bytes.AsSpan(4));
            _records = records;
            _recordSize = (dataLength - 3) / records;
        }

        public byte[] Next(long firstMs)
        {
            for (var i = 0; i < _records; i++)
            {
                BinaryPrimitives.WriteInt64BigEndian(_bytes.AsSpan(FirstRecord + (i * _recordSize)), firstMs + (i * 1000L));
            }

            var dataLength = _bytes.Length - 12;
            BinaryPrimitives.WriteUInt32BigEndian(_bytes.AsSpan(8 + dataLength), Crc16Ibm.Compute(_bytes.AsSpan(8, dataLength)));
            return _bytes;
        }
    }
}
