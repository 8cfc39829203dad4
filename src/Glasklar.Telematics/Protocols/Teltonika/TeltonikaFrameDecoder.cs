using System.Buffers.Binary;

namespace Glasklar.Telematics.Protocols.Teltonika;

internal enum FrameStatus
{
    /// <summary>Not enough bytes yet.</summary>
    Incomplete,

    /// <summary>A whole frame lies at the start of the buffer.</summary>
    Complete,

    /// <summary>The bytes cannot be a frame (wrong preamble, bad CRC, bad IMEI).</summary>
    Invalid,

    /// <summary>The announced length exceeds the configured maximum.</summary>
    TooLarge,
}

/// <summary>Result of framing: status, bytes consumed, and the payload (IMEI digits or AVL data field).</summary>
internal readonly record struct Frame(FrameStatus Status, int Length, int PayloadOffset, int PayloadLength);

/// <summary>
/// Splits the TCP byte stream into frames. A connection starts with the IMEI frame (2-byte length + ASCII
/// digits); after that each AVL data packet is 4 zero bytes, a 4-byte data length, the data field and a
/// 4-byte CRC-16/IBM of the data field (upper two bytes zero).
/// </summary>
internal static class TeltonikaFrameDecoder
{
    public const int MaxImeiLength = 17;

    public static Frame ReadImei(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < 2)
        {
            return new Frame(FrameStatus.Incomplete, 0, 0, 0);
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(buffer);
        if (length is < 1 or > MaxImeiLength)
        {
            return new Frame(FrameStatus.Invalid, 0, 0, 0);
        }

        // Digits are checked as they arrive, so garbage is cut before the announced length is there.
        foreach (var b in buffer.Slice(2, Math.Min(length, buffer.Length - 2)))
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return new Frame(FrameStatus.Invalid, 0, 0, 0);
            }
        }

        if (buffer.Length < 2 + length)
        {
            return new Frame(FrameStatus.Incomplete, 0, 0, 0);
        }

        return new Frame(FrameStatus.Complete, 2 + length, 2, length);
    }

    public static Frame ReadAvl(ReadOnlySpan<byte> buffer, int maxDataLength)
    {
        // Check the preamble as soon as its bytes are there, so garbage is cut at once.
        var preamble = Math.Min(4, buffer.Length);
        for (var i = 0; i < preamble; i++)
        {
            if (buffer[i] != 0)
            {
                return new Frame(FrameStatus.Invalid, 0, 0, 0);
            }
        }

        if (buffer.Length < 8)
        {
            return new Frame(FrameStatus.Incomplete, 0, 0, 0);
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]);
        if (length > (uint)maxDataLength)
        {
            return new Frame(FrameStatus.TooLarge, 0, 0, 0);
        }

        if (length < 3)
        {
            return new Frame(FrameStatus.Invalid, 0, 0, 0);
        }

        var total = 8 + (int)length + 4;
        if (buffer.Length < total)
        {
            return new Frame(FrameStatus.Incomplete, 0, 0, 0);
        }

        var data = buffer.Slice(8, (int)length);
        var crc = BinaryPrimitives.ReadUInt32BigEndian(buffer.Slice(8 + (int)length, 4));
        if (crc > ushort.MaxValue || crc != Crc16Ibm.Compute(data))
        {
            return new Frame(FrameStatus.Invalid, 0, 0, 0);
        }

        return new Frame(FrameStatus.Complete, total, 8, (int)length);
    }
}
