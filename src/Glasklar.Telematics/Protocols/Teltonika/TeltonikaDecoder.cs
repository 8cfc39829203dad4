using System.Buffers.Binary;

namespace Glasklar.Telematics.Protocols.Teltonika;

/// <summary>A decoding failure: where and why, for diagnostics (no packet content in it).</summary>
internal sealed record DecodeError(int Offset, string Reason);

/// <summary>
/// Decodes the data field of a Codec 8 / Codec 8 Extended AVL packet (codec id, record count, records,
/// record count again). Every length is checked against the bytes present: a malformed packet yields an
/// error, never an exception and never a partial result.
/// </summary>
internal static class TeltonikaDecoder
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    public static AvlPacket? Decode(ReadOnlySpan<byte> data, out DecodeError? error)
    {
        var reader = new Reader(data);
        error = null;
        if (!reader.TryByte(out var codec))
        {
            error = new DecodeError(0, "leer");
            return null;
        }

        if (codec is not (AvlPacket.Codec8 or AvlPacket.Codec8Extended))
        {
            error = new DecodeError(0, $"Codec 0x{codec:X2} wird nicht unterstützt");
            return null;
        }

        var extended = codec == AvlPacket.Codec8Extended;
        if (!reader.TryByte(out var count) || count == 0)
        {
            error = new DecodeError(reader.Offset, "keine Datensätze");
            return null;
        }

        var records = new AvlRecord[count];
        for (var i = 0; i < count; i++)
        {
            var record = ReadRecord(ref reader, extended);
            if (record is null)
            {
                error = new DecodeError(reader.Offset, $"Datensatz {i + 1} unvollständig oder fehlerhaft");
                return null;
            }

            records[i] = record;
        }

        if (!reader.TryByte(out var count2) || count2 != count)
        {
            error = new DecodeError(reader.Offset, "zweite Anzahl der Datensätze fehlt oder weicht ab");
            return null;
        }

        if (reader.Remaining != 0)
        {
            error = new DecodeError(reader.Offset, "überzählige Bytes nach den Datensätzen");
            return null;
        }

        return new AvlPacket(codec, records);
    }

    private static AvlRecord? ReadRecord(ref Reader reader, bool extended)
    {
        if (reader.Remaining < 8 + 1 + 15)
        {
            return null;
        }

        var millis = reader.Int64();
        var priority = reader.Byte();
        var longitude = reader.Int32() / 1e7;
        var latitude = reader.Int32() / 1e7;
        var altitude = reader.Int16();
        var angle = reader.UInt16();
        var satellites = reader.Byte();
        var speed = reader.UInt16();
        if (millis < 0 || millis > 253402300799999L || Math.Abs(latitude) > 90 || Math.Abs(longitude) > 180 || angle > 360)
        {
            return null;
        }

        if (!reader.TryCount(extended, out var eventId) || !reader.TryCount(extended, out var total))
        {
            return null;
        }

        var io = total == 0 ? [] : new IoElement[total];
        var index = 0;
        foreach (var size in (ReadOnlySpan<byte>)[1, 2, 4, 8])
        {
            if (!reader.TryCount(extended, out var n) || index + n > total)
            {
                return null;
            }

            for (var k = 0; k < n; k++)
            {
                if (!reader.TryCount(extended, out var id) || reader.Remaining < size)
                {
                    return null;
                }

                long value = size switch
                {
                    1 => reader.Byte(),
                    2 => reader.UInt16(),
                    4 => reader.UInt32(),
                    _ => reader.Int64(),
                };
                io[index++] = new IoElement(id, size, value);
            }
        }

        if (extended)
        {
            if (!reader.TryCount(true, out var nx) || index + nx > total)
            {
                return null;
            }

            for (var k = 0; k < nx; k++)
            {
                if (!reader.TryCount(true, out var id) || !reader.TryCount(true, out var length) || reader.Remaining < length)
                {
                    return null;
                }

                io[index++] = new IoElement(id, 0, 0, reader.Bytes(length));
            }
        }

        if (index != total)
        {
            return null;
        }

        return new AvlRecord(Epoch.AddMilliseconds(millis), priority, longitude, latitude, altitude, angle, satellites, speed, eventId, io);
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public int Offset { get; private set; }

        public readonly int Remaining => _data.Length - Offset;

        public bool TryByte(out byte value)
        {
            if (Remaining < 1)
            {
                value = 0;
                return false;
            }

            value = Byte();
            return true;
        }

        /// <summary>An IO id or count: 1 byte in Codec 8, 2 bytes in Codec 8 Extended.</summary>
        public bool TryCount(bool extended, out ushort value)
        {
            if (Remaining < (extended ? 2 : 1))
            {
                value = 0;
                return false;
            }

            value = extended ? UInt16() : Byte();
            return true;
        }

        public byte Byte() => _data[Offset++];

        public ushort UInt16()
        {
            var v = BinaryPrimitives.ReadUInt16BigEndian(_data[Offset..]);
            Offset += 2;
            return v;
        }

        public short Int16()
        {
            var v = BinaryPrimitives.ReadInt16BigEndian(_data[Offset..]);
            Offset += 2;
            return v;
        }

        public uint UInt32()
        {
            var v = BinaryPrimitives.ReadUInt32BigEndian(_data[Offset..]);
            Offset += 4;
            return v;
        }

        public int Int32()
        {
            var v = BinaryPrimitives.ReadInt32BigEndian(_data[Offset..]);
            Offset += 4;
            return v;
        }

        public long Int64()
        {
            var v = BinaryPrimitives.ReadInt64BigEndian(_data[Offset..]);
            Offset += 8;
            return v;
        }

        public byte[] Bytes(int length)
        {
            var v = _data.Slice(Offset, length).ToArray();
            Offset += length;
            return v;
        }
    }
}
