using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Ingestion;
using Glasklar.Telematics.Positions;
using Glasklar.Telematics.Protocols.Teltonika;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Glasklar.Telematics.Listeners;

/// <summary>
/// Teltonika TCP listener (default port 5027). Handshake: IMEI frame, answered 0x01 only for a known,
/// active box, else 0x00 and closed. Then each AVL packet is framed (CRC-16/IBM), decoded, handed to the
/// pipeline and acknowledged with its record count only once it is durably stored. A bad CRC, a
/// malformed or oversized packet, an idle or too slow connection: no acknowledgement, connection closed,
/// nothing stored. Log lines never carry the IMEI or the address of the device.
/// </summary>
internal sealed class TeltonikaServer(
    TelematicsOptions options,
    TelematicsEndpoints endpoints,
    BoxDirectory boxes,
    IngestionPipeline pipeline,
    TimeProvider clock,
    ILogger<TeltonikaServer> logger) : BackgroundService
{
    private const int ReadChunk = 4096;

    /// <summary>Receipt-to-acknowledgement times of this listener (the benchmark prints them).</summary>
    public AckLatency AckLatency { get; } = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Teltonika.Enabled)
        {
            return;
        }

        var listener = new TcpListener(IPAddress.Parse(options.ListenAddress), options.Teltonika.Port);
        try
        {
            listener.Start(backlog: 4096);
        }
        catch (SocketException e)
        {
            logger.LogError("Telematik: Teltonika-Port {Port} kann nicht geöffnet werden ({Error})", options.Teltonika.Port, e.SocketErrorCode);
            return;
        }

        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        endpoints.SetTeltonika(port);
        logger.LogInformation("Telematik: Teltonika-Empfang auf Port {Port}", port);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stoppingToken);
                _ = Task.Run(() => HandleAsync(client, stoppingToken), CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            listener.Stop();
        }
    }

    internal async Task HandleAsync(TcpClient client, CancellationToken stoppingToken)
    {
        using var _ = client;
        client.NoDelay = true;
        var stream = client.GetStream();
        var buffer = ArrayPool<byte>.Shared.Rent(options.MaxFrameBytes + 12 + ReadChunk);
        try
        {
            var filled = 0;
            Frame frame;

            // IMEI handshake.
            while (true)
            {
                frame = TeltonikaFrameDecoder.ReadImei(buffer.AsSpan(0, filled));
                if (frame.Status != FrameStatus.Incomplete)
                {
                    break;
                }

                var read = await ReadAsync(stream, buffer, filled, options.FrameTimeout, stoppingToken);
                if (read <= 0)
                {
                    return;
                }

                filled += read;
            }

            if (frame.Status != FrameStatus.Complete)
            {
                return;
            }

            var imei = Encoding.ASCII.GetString(buffer, frame.PayloadOffset, frame.PayloadLength);
            var box = await boxes.FindAsync(imei, stoppingToken);
            if (box is not { Accepts: true })
            {
                await stream.WriteAsync(TeltonikaEncoder.ImeiRefused, stoppingToken);
                return;
            }

            await stream.WriteAsync(TeltonikaEncoder.ImeiAccepted, stoppingToken);
            filled = Shift(buffer, frame.Length, filled);

            // AVL packets. A packet counts as received when the read that completed it returned.
            var receivedAt = Stopwatch.GetTimestamp();
            while (!stoppingToken.IsCancellationRequested)
            {
                frame = TeltonikaFrameDecoder.ReadAvl(buffer.AsSpan(0, filled), options.MaxFrameBytes);
                if (frame.Status == FrameStatus.Incomplete)
                {
                    var timeout = filled == 0 ? options.IdleTimeout : options.FrameTimeout;
                    var read = await ReadAsync(stream, buffer, filled, timeout, stoppingToken);
                    if (read <= 0)
                    {
                        return;
                    }

                    receivedAt = Stopwatch.GetTimestamp();
                    filled += read;
                    continue;
                }

                if (frame.Status != FrameStatus.Complete)
                {
                    logger.LogWarning("Telematik: Teltonika-Verbindung getrennt: {Reason}", frame.Status == FrameStatus.TooLarge ? "Paket zu groß" : "ungültiges Paket (Präambel oder CRC)");
                    return;
                }

                var packet = TeltonikaDecoder.Decode(buffer.AsSpan(frame.PayloadOffset, frame.PayloadLength), out var error);
                var positions = packet is null ? null : ToPositions(packet);
                if (positions is null)
                {
                    logger.LogWarning("Telematik: Teltonika-Verbindung getrennt: fehlerhaftes AVL-Paket ({Reason})", error?.Reason ?? "unplausible GPS-Zeit");
                    return;
                }

                var status = await pipeline.SubmitAsync(box, positions, stoppingToken);
                if (status != IngestStatus.Stored)
                {
                    return; // refused (revoked meanwhile) or not stored: no acknowledgement
                }

                await stream.WriteAsync(TeltonikaEncoder.Ack(positions.Count), stoppingToken);
                AckLatency.Record(receivedAt);
                filled = Shift(buffer, frame.Length, filled);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Connection gone or cut by a timeout: nothing was acknowledged that is not stored.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private List<PositionRecord>? ToPositions(AvlPacket packet)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var positions = new List<PositionRecord>(packet.Records.Count);
        foreach (var record in packet.Records)
        {
            var position = TeltonikaIo.ToPosition(record);
            if (!PositionRecord.IsPlausibleTime(position.GpsTimeUtc, now))
            {
                return null;
            }

            positions.Add(position);
        }

        return positions;
    }

    private static int Shift(byte[] buffer, int consumed, int filled)
    {
        var rest = filled - consumed;
        if (rest > 0)
        {
            Buffer.BlockCopy(buffer, consumed, buffer, 0, rest);
        }

        return rest;
    }

    private static async Task<int> ReadAsync(NetworkStream stream, byte[] buffer, int offset, TimeSpan timeout, CancellationToken stoppingToken)
    {
        if (offset + ReadChunk > buffer.Length)
        {
            return -1; // cannot happen while frames are capped; be safe anyway
        }

        using var cut = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        cut.CancelAfter(timeout);
        return await stream.ReadAsync(buffer.AsMemory(offset, Math.Min(ReadChunk, buffer.Length - offset)), cut.Token);
    }
}
