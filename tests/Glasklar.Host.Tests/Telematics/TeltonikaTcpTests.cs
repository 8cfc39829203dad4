using System.Net.Sockets;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Telematics.Protocols.Teltonika;

namespace Glasklar.Host.Tests.Telematics;

/// <summary>The Teltonika listener over real TCP on loopback, against the running application and its database.</summary>
public abstract class TeltonikaTcpTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    private static AvlRecord Record(DateTimeOffset time, double lat, ushort kmh) =>
        new(time, 0, 13.4201, lat, 210, 15, 10, kmh, 0, [new(TeltonikaIo.Ignition, 1, 1), new(TeltonikaIo.Hdop, 2, 7), new(TeltonikaIo.BatteryVoltage, 2, 4100)]);

    private static async Task<byte[]> ReadAsync(NetworkStream stream, int count, CancellationToken ct)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        return buffer;
    }

    /// <summary>True when the server closed the connection (read returns 0 or fails) without sending anything.</summary>
    private static async Task<bool> ClosedWithoutAnswerAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[4];
        try
        {
            var read = await stream.ReadAsync(buffer, ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
            return read == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    [Fact]
    [Trait("Promise", "C2")]
    [Trait("Promise", "C3")]
    public async Task An_active_box_is_accepted_and_its_packet_acknowledged_with_the_record_count_once_stored()
    {
        var imei = TelematicsTestData.NewImei();
        var (_, boxId) = await TelematicsTestData.ActiveBoxAsync(App, imei);
        using var client = await TelematicsTestData.ConnectTeltonikaAsync(App);
        var stream = client.GetStream();

        await stream.WriteAsync(TeltonikaEncoder.Imei(imei), Ct);
        (await ReadAsync(stream, 1, Ct)).ShouldBe(TeltonikaEncoder.ImeiAccepted);
        var time = new DateTimeOffset(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);
        var packet = TeltonikaEncoder.Packet(AvlPacket.Codec8Extended, [Record(time, 51.18, 40), Record(time.AddSeconds(1), 51.1801, 42), Record(time.AddSeconds(2), 51.1802, 44)]);

        // Sent in two pieces, as TCP may deliver it.
        await stream.WriteAsync(packet.AsMemory(0, 20), Ct);
        await Task.Delay(50, Ct);
        await stream.WriteAsync(packet.AsMemory(20), Ct);
        (await ReadAsync(stream, 4, Ct)).ShouldBe(TeltonikaEncoder.Ack(3));
        (await TelematicsTestData.PositionsAsync(App, boxId)).ShouldBe(3);

        // The documentation's Codec 8 packet (records of 2019, no fix) is stored and flagged invalid.
        await stream.WriteAsync(Convert.FromHexString("000000000000003608010000016B40D8EA30010000000000000000000000000000000105021503010101425E0F01F10000601A014E0000000000000000010000C7CF"), Ct);
        (await ReadAsync(stream, 4, Ct)).ShouldBe(TeltonikaEncoder.Ack(1));

        // Re-sent after a lost ack: acknowledged again, stored once.
        await stream.WriteAsync(packet, Ct);
        (await ReadAsync(stream, 4, Ct)).ShouldBe(TeltonikaEncoder.Ack(3));
        (await TelematicsTestData.PositionsAsync(App, boxId)).ShouldBe(4);
    }

    [Fact]
    [Trait("Promise", "C18")]
    public async Task An_unknown_or_not_activated_box_is_refused_with_zero_and_closed()
    {
        var registered = TelematicsTestData.NewImei();
        await TelematicsTestData.ActiveBoxAsync(App, registered, activate: false);
        foreach (var imei in new[] { TelematicsTestData.NewImei(), registered })
        {
            using var client = await TelematicsTestData.ConnectTeltonikaAsync(App);
            var stream = client.GetStream();
            await stream.WriteAsync(TeltonikaEncoder.Imei(imei), Ct);
            (await ReadAsync(stream, 1, Ct)).ShouldBe(TeltonikaEncoder.ImeiRefused);
            (await ClosedWithoutAnswerAsync(stream, Ct)).ShouldBeTrue();
        }
    }

    [Fact]
    [Trait("Promise", "C18")]
    public async Task After_revocation_the_connected_box_gets_no_ack_and_nothing_is_stored()
    {
        var imei = TelematicsTestData.NewImei();
        var (contractId, boxId) = await TelematicsTestData.ActiveBoxAsync(App, imei);
        using var client = await TelematicsTestData.ConnectTeltonikaAsync(App);
        var stream = client.GetStream();
        await stream.WriteAsync(TeltonikaEncoder.Imei(imei), Ct);
        (await ReadAsync(stream, 1, Ct)).ShouldBe(TeltonikaEncoder.ImeiAccepted);

        await TelematicsTestData.RevokeAsync(App, contractId);
        await stream.WriteAsync(TeltonikaEncoder.Packet(AvlPacket.Codec8, [Record(DateTimeOffset.UtcNow.AddMinutes(-1), 51.18, 30)]), Ct);

        (await ClosedWithoutAnswerAsync(stream, Ct)).ShouldBeTrue();
        (await TelematicsTestData.PositionsAsync(App, boxId)).ShouldBe(0);
        using var again = await TelematicsTestData.ConnectTeltonikaAsync(App);
        await again.GetStream().WriteAsync(TeltonikaEncoder.Imei(imei), Ct);
        (await ReadAsync(again.GetStream(), 1, Ct)).ShouldBe(TeltonikaEncoder.ImeiRefused);
    }

    [Theory]
    [InlineData("crc")]
    [InlineData("counts")]
    [InlineData("oversized")]
    [InlineData("garbage")]
    public async Task A_bad_packet_is_not_acknowledged_the_connection_is_cut_and_nothing_is_stored(string kind)
    {
        var imei = TelematicsTestData.NewImei();
        var (_, boxId) = await TelematicsTestData.ActiveBoxAsync(App, imei);
        using var client = await TelematicsTestData.ConnectTeltonikaAsync(App);
        var stream = client.GetStream();
        await stream.WriteAsync(TeltonikaEncoder.Imei(imei), Ct);
        (await ReadAsync(stream, 1, Ct)).ShouldBe(TeltonikaEncoder.ImeiAccepted);
        var packet = TeltonikaEncoder.Packet(AvlPacket.Codec8, [Record(DateTimeOffset.UtcNow.AddMinutes(-1), 51.18, 30)]);
        byte[] bad = kind switch
        {
            "crc" => [.. packet[..^1], (byte)(packet[^1] ^ 0xFF)],
            "counts" => Recrc(packet, data => data[^1] = 7),
            "oversized" => [0, 0, 0, 0, 0, 0x10, 0, 0, .. new byte[64]],
            _ => [.. System.Text.Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\n\r\n")],
        };

        await stream.WriteAsync(bad, Ct);

        (await ClosedWithoutAnswerAsync(stream, Ct)).ShouldBeTrue();
        (await TelematicsTestData.PositionsAsync(App, boxId)).ShouldBe(0);
    }

    /// <summary>Changes the data field and writes a matching CRC, so only the decoder can notice.</summary>
    private static byte[] Recrc(byte[] packet, Action<byte[]> change)
    {
        var data = packet[8..^4];
        change(data);
        var result = (byte[])packet.Clone();
        data.CopyTo(result, 8);
        var value = Crc16Ibm.Compute(data);
        result[^2] = (byte)(value >> 8);
        result[^1] = (byte)value;
        return result;
    }
}

public sealed class TeltonikaTcpTestsSqlite(SqliteApp app) : TeltonikaTcpTests<SqliteApp>(app);

public sealed class TeltonikaTcpTestsPostgres(PostgresApp app) : TeltonikaTcpTests<PostgresApp>(app);
