using System.Text.Json;
using Glasklar.Telematics.Protocols.Teltonika;

namespace Glasklar.Telematics.Tests.Protocols;

/// <summary>
/// Codec 8 / 8 Extended on the example packets of Teltonika's public protocol documentation (recorded
/// from devices) and on packets encoded here.
/// </summary>
[Trait("Promise", "C2")]
public sealed class TeltonikaCodecTests
{
    // Teltonika documentation, Codec 8 example 1: one record, IO 21=3, 1=1, 66=24079, 241=24602, 78=0.
    public const string Codec8One = "000000000000003608010000016B40D8EA30010000000000000000000000000000000105021503010101425E0F01F10000601A014E0000000000000000010000C7CF";

    // Codec 8 example 3: two records.
    public const string Codec8Two = "000000000000004308020000016B40D57B480100000000000000000000000000000001010101000000000000016B40D5C198010000000000000000000000000000000101010101000000020000252C";

    // Codec 8 Extended example: two-byte ids and counts, IO 1=1, 17=0x1D, 16=0x015E2C88, 11 and 14 (8 bytes), no NX.
    public const string Codec8E = "000000000000004A8E010000016B412CEE000100000000000000000000000000000000010005000100010100010011001D00010010015E2C880002000B000000003544C87A000E000000001DD7E06A00000100002994";

    private static AvlPacket DecodeHex(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        var frame = TeltonikaFrameDecoder.ReadAvl(bytes, 4096);
        frame.Status.ShouldBe(FrameStatus.Complete);
        frame.Length.ShouldBe(bytes.Length);
        var packet = TeltonikaDecoder.Decode(bytes.AsSpan(frame.PayloadOffset, frame.PayloadLength), out var error);
        error.ShouldBeNull();
        return packet!;
    }

    [Fact]
    public void Crc16_ibm_matches_the_check_value_of_the_standard()
    {
        Crc16Ibm.Compute("123456789"u8).ShouldBe((ushort)0xBB3D);
    }

    [Fact]
    public void Codec8_documentation_packet_decodes_to_its_values()
    {
        var packet = DecodeHex(Codec8One);

        packet.CodecId.ShouldBe(AvlPacket.Codec8);
        var record = packet.Records.ShouldHaveSingleItem();
        record.Time.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(0x16B40D8EA30));
        record.Time.UtcDateTime.ShouldBe(new DateTime(2019, 6, 10, 10, 4, 46, DateTimeKind.Utc));
        record.Priority.ShouldBe((byte)1);
        record.EventIoId.ShouldBe((ushort)1);
        record.Io.Select(e => (e.Id, e.Value)).ShouldBe([(21, 3L), (1, 1L), (66, 0x5E0FL), (241, 0x601AL), (78, 0L)]);

        var attributes = TeltonikaIo.Attributes(record);
        attributes["externalVoltage"].ShouldBe(24.079);
        attributes["io241"].ShouldBe(24602L);
        attributes["io21"].ShouldBe(3L);
    }

    [Fact]
    public void Codec8_packet_with_two_records_decodes_both_in_order()
    {
        var packet = DecodeHex(Codec8Two);

        packet.Records.Count.ShouldBe(2);
        packet.Records[0].Time.ShouldBeLessThan(packet.Records[1].Time);
        packet.Records[1].Io.ShouldHaveSingleItem().ShouldBe(new IoElement(1, 1, 1));
    }

    [Fact]
    public void Codec8_extended_documentation_packet_decodes_two_byte_ids()
    {
        var packet = DecodeHex(Codec8E);

        packet.CodecId.ShouldBe(AvlPacket.Codec8Extended);
        var record = packet.Records.ShouldHaveSingleItem();
        record.Time.UtcDateTime.ShouldBe(new DateTime(2019, 6, 10, 11, 36, 32, DateTimeKind.Utc));
        record.Io.Select(e => (e.Id, e.Value)).ShouldBe([(1, 1L), (17, 0x1DL), (16, 0x015E2C88L), (11, 0x3544C87AL), (14, 0x1DD7E06AL)]);
        TeltonikaIo.Attributes(record)["axisX"].ShouldBe(29L);
    }

    [Theory]
    [InlineData(AvlPacket.Codec8)]
    [InlineData(AvlPacket.Codec8Extended)]
    public void Encoded_packets_decode_to_the_same_gps_and_io_values(byte codec)
    {
        var time = new DateTimeOffset(2026, 5, 4, 7, 30, 15, TimeSpan.Zero);
        IoElement[] io =
        [
            new(TeltonikaIo.Ignition, 1, 1), new(TeltonikaIo.Movement, 1, 1), new(TeltonikaIo.GnssStatus, 1, 1),
            new(TeltonikaIo.Pdop, 2, 12), new(TeltonikaIo.Hdop, 2, 8), new(TeltonikaIo.ExternalVoltage, 2, 12_870),
            new(TeltonikaIo.BatteryVoltage, 2, 4_010), new(TeltonikaIo.AxisZ, 2, 0x10000 - 981),
        ];
        var record = new AvlRecord(time, 0, 11.5793127, 49.9810354, 412, 353, 11, 97, 0, io);
        var bytes = TeltonikaEncoder.Packet(codec, [record, record with { Time = time.AddSeconds(1) }]);

        var packet = DecodeHex(Convert.ToHexString(bytes));

        packet.Records.Count.ShouldBe(2);
        var decoded = packet.Records[0];
        decoded.Latitude.ShouldBe(49.9810354, 1e-9);
        decoded.Longitude.ShouldBe(11.5793127, 1e-9);
        decoded.Altitude.ShouldBe((short)412);
        decoded.Angle.ShouldBe((ushort)353);
        decoded.SpeedKmh.ShouldBe((ushort)97);
        var position = TeltonikaIo.ToPosition(decoded);
        position.Valid.ShouldBeTrue();
        position.Hdop.ShouldBe(0.8);
        position.Attributes["ignition"].ShouldBe(true);
        position.Attributes["batteryVoltage"].ShouldBe(4.01);
        position.Attributes["axisZ"].ShouldBe(-981L);
        position.Attributes["pdop"].ShouldBe(1.2);
    }

    [Fact]
    public void Codec8_extended_variable_length_elements_are_kept_as_hex()
    {
        var record = new AvlRecord(DateTimeOffset.UnixEpoch.AddYears(50), 1, 13.4, 51.18, 200, 90, 9, 30, 385, [new(385, 0, 0, [0xAB, 0xCD, 0x01])]);
        var packet = DecodeHex(Convert.ToHexString(TeltonikaEncoder.Packet(AvlPacket.Codec8Extended, [record])));

        TeltonikaIo.Attributes(packet.Records[0])["io385"].ShouldBe("ABCD01");
    }

    [Fact]
    public void A_fix_without_satellites_or_with_poor_hdop_is_invalid()
    {
        var noSatellites = new AvlRecord(DateTimeOffset.UtcNow, 0, 13.4, 51.18, 200, 90, 0, 0, 0, []);
        var poorHdop = noSatellites with { Satellites = 8, Io = [new(TeltonikaIo.Hdop, 2, 90)] };

        TeltonikaIo.ToPosition(noSatellites).Valid.ShouldBeFalse();
        TeltonikaIo.ToPosition(poorHdop).Valid.ShouldBeFalse();
        TeltonikaIo.ToPosition(poorHdop with { Io = [new(TeltonikaIo.Hdop, 2, 9)] }).Valid.ShouldBeTrue();
    }

    [Fact]
    public void A_wrong_crc_a_wrong_preamble_and_an_oversized_length_are_refused()
    {
        var bytes = Convert.FromHexString(Codec8One);
        var badCrc = (byte[])bytes.Clone();
        badCrc[^1] ^= 0x01;
        var badData = (byte[])bytes.Clone();
        badData[20] ^= 0x40;
        var badPreamble = (byte[])bytes.Clone();
        badPreamble[1] = 0x07;

        TeltonikaFrameDecoder.ReadAvl(badCrc, 4096).Status.ShouldBe(FrameStatus.Invalid);
        TeltonikaFrameDecoder.ReadAvl(badData, 4096).Status.ShouldBe(FrameStatus.Invalid);
        TeltonikaFrameDecoder.ReadAvl(badPreamble, 4096).Status.ShouldBe(FrameStatus.Invalid);
        TeltonikaFrameDecoder.ReadAvl(bytes, 16).Status.ShouldBe(FrameStatus.TooLarge);
        TeltonikaFrameDecoder.ReadAvl(bytes.AsSpan(0, bytes.Length - 1), 4096).Status.ShouldBe(FrameStatus.Incomplete);
    }

    [Fact]
    public void A_frame_with_valid_crc_but_inconsistent_counts_is_malformed()
    {
        var record = new AvlRecord(DateTimeOffset.UnixEpoch.AddYears(50), 1, 13.4, 51.18, 200, 90, 9, 30, 0, []);
        var bytes = TeltonikaEncoder.Packet(AvlPacket.Codec8, [record]);
        var data = bytes.AsSpan(8, bytes.Length - 12).ToArray();
        data[^1] = 2; // second record count differs from the first

        TeltonikaDecoder.Decode(data, out var error).ShouldBeNull();
        error.ShouldNotBeNull();
        TeltonikaDecoder.Decode(data.AsSpan(0, data.Length - 3), out _).ShouldBeNull();
        TeltonikaDecoder.Decode([0x0C, 0x01], out _).ShouldBeNull();
    }

    [Fact]
    public void Imei_frame_is_read_and_garbage_refused()
    {
        var bytes = Convert.FromHexString("000F333536333037303432343431303133");
        var frame = TeltonikaFrameDecoder.ReadImei(bytes);

        frame.Status.ShouldBe(FrameStatus.Complete);
        System.Text.Encoding.ASCII.GetString(bytes, frame.PayloadOffset, frame.PayloadLength).ShouldBe("356307042441013");
        TeltonikaEncoder.Imei("356307042441013").ShouldBe(bytes);
        TeltonikaFrameDecoder.ReadImei(Convert.FromHexString("000F41")).Status.ShouldBe(FrameStatus.Invalid);
        TeltonikaFrameDecoder.ReadImei(Convert.FromHexString("FFFF")).Status.ShouldBe(FrameStatus.Invalid);
        TeltonikaEncoder.Ack(2).ShouldBe(new byte[] { 0, 0, 0, 2 });
    }

    [Fact]
    public void Decode_cli_prints_iso_time_position_speed_and_io_as_json()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        TeltonikaDecodeCli.Run(Codec8E, output, error).ShouldBe(0, error.ToString());

        using var json = JsonDocument.Parse(output.ToString());
        json.RootElement.GetProperty("codec").GetString().ShouldBe("8E");
        var record = json.RootElement.GetProperty("records")[0];
        record.GetProperty("time").GetString().ShouldBe("2019-06-10T11:36:32.000Z");
        record.GetProperty("speedKmh").GetInt32().ShouldBe(0);
        record.GetProperty("io").GetProperty("io16").GetInt64().ShouldBe(0x015E2C88);
    }

    [Fact]
    public void Decode_cli_explains_a_bad_packet_in_german()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        TeltonikaDecodeCli.Run(Codec8One[..^2] + "00", output, error).ShouldBe(2);
        error.ToString().ShouldContain("CRC");
        TeltonikaDecodeCli.Run("xyz", output, error).ShouldBe(2);
        error.ToString().ShouldContain("Hex");
    }
}
