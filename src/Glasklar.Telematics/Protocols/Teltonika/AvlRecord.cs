namespace Glasklar.Telematics.Protocols.Teltonika;

/// <summary>One IO element of an AVL record: a numeric value, or raw bytes for variable-length (NX) elements of Codec 8 Extended.</summary>
internal readonly record struct IoElement(ushort Id, byte Size, long Value, byte[]? Bytes = null);

/// <summary>One AVL record as the device sent it (GPS element + IO elements), before normalisation.</summary>
internal sealed record AvlRecord(
    DateTimeOffset Time,
    byte Priority,
    double Longitude,
    double Latitude,
    short Altitude,
    ushort Angle,
    byte Satellites,
    ushort SpeedKmh,
    ushort EventIoId,
    IoElement[] Io);

/// <summary>A decoded AVL data packet.</summary>
internal sealed record AvlPacket(byte CodecId, IReadOnlyList<AvlRecord> Records)
{
    public const byte Codec8 = 0x08;
    public const byte Codec8Extended = 0x8E;

    public string CodecName => CodecId == Codec8Extended ? "8E" : "8";
}
