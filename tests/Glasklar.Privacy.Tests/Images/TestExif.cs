using System.Buffers.Binary;

namespace Glasklar.Privacy.Tests.Images;

/// <summary>
/// Builds a camera-like Exif TIFF: IFD0 (Make, Model, Orientation, DateTime, Artist) with pointers to an Exif IFD
/// (DateTimeOriginal, BodySerialNumber) and a GPS IFD (latitude/longitude of a German address).
/// </summary>
internal static class TestExif
{
    internal const string Make = "Canon";
    internal const string Model = "EOS 5D Mark IV";
    internal const string DateTime = "2024:05:17 14:23:05";
    internal const string Artist = "Max Mustermann";
    internal const string Serial = "SN-0047112";

    private record struct Entry(ushort Tag, ushort Type, uint Count, byte[] Value);

    internal static byte[] Tiff(int? orientation, bool littleEndian = true)
    {
        var ifd0 = new List<Entry>
        {
            Ascii(0x010F, Make),
            Ascii(0x0110, Model),
            Ascii(0x0132, DateTime),
            Ascii(0x013B, Artist),
        };
        if (orientation is { } o)
        {
            ifd0.Add(new Entry(0x0112, 3, 1, U16(o, littleEndian)));
        }

        var exif = new List<Entry> { Ascii(0x9003, DateTime), Ascii(0x9004, DateTime), Ascii(0xA431, Serial) };
        var gps = new List<Entry>
        {
            Ascii(0x0001, "N"),
            new(0x0002, 5, 3, Rationals(littleEndian, (52, 1), (31, 1), (1234, 100))),
            Ascii(0x0003, "E"),
            new(0x0004, 5, 3, Rationals(littleEndian, (13, 1), (24, 1), (5678, 100))),
        };

        // Pointers are LONG entries whose values are filled once the layout is known.
        ifd0.Add(new Entry(0x8769, 4, 1, new byte[4]));
        ifd0.Add(new Entry(0x8825, 4, 1, new byte[4]));
        ifd0.Sort((a, b) => a.Tag.CompareTo(b.Tag));

        var ifd0At = 8;
        var exifAt = ifd0At + Size(ifd0);
        var gpsAt = exifAt + Size(exif);
        ifd0[ifd0.FindIndex(e => e.Tag == 0x8769)] = new Entry(0x8769, 4, 1, U32((uint)exifAt, littleEndian));
        ifd0[ifd0.FindIndex(e => e.Tag == 0x8825)] = new Entry(0x8825, 4, 1, U32((uint)gpsAt, littleEndian));

        var output = new List<byte>();
        output.AddRange(littleEndian ? "II*\0"u8.ToArray() : "MM\0*"u8.ToArray());
        output.AddRange(U32(8, littleEndian));
        Write(output, ifd0, ifd0At, littleEndian);
        Write(output, exif, exifAt, littleEndian);
        Write(output, gps, gpsAt, littleEndian);
        return [.. output];
    }

    /// <summary>JPEG APP1 payload: "Exif\0\0" + TIFF.</summary>
    internal static byte[] App1Payload(int? orientation, bool littleEndian = true) =>
        ByteBuilder.Concat("Exif\0\0"u8.ToArray(), Tiff(orientation, littleEndian));

    private static int Size(List<Entry> entries) =>
        2 + (12 * entries.Count) + 4 + entries.Where(e => e.Value.Length > 4).Sum(e => Even(e.Value.Length));

    private static void Write(List<byte> output, List<Entry> entries, int at, bool le)
    {
        var data = at + 2 + (12 * entries.Count) + 4;
        var tail = new List<byte>();
        output.AddRange(U16(entries.Count, le));
        foreach (var e in entries)
        {
            output.AddRange(U16(e.Tag, le));
            output.AddRange(U16(e.Type, le));
            output.AddRange(U32(e.Count, le));
            if (e.Value.Length <= 4)
            {
                output.AddRange(e.Value);
                output.AddRange(new byte[4 - e.Value.Length]);
            }
            else
            {
                output.AddRange(U32((uint)(data + tail.Count), le));
                tail.AddRange(e.Value);
                if (e.Value.Length % 2 == 1)
                {
                    tail.Add(0);
                }
            }
        }

        output.AddRange(U32(0, le));
        output.AddRange(tail);
    }

    private static Entry Ascii(ushort tag, string text)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(text + "\0");
        return new Entry(tag, 2, (uint)bytes.Length, bytes);
    }

    private static byte[] Rationals(bool le, params (uint Num, uint Den)[] values) =>
        values.SelectMany(v => U32(v.Num, le).Concat(U32(v.Den, le))).ToArray();

    private static int Even(int n) => n + (n & 1);

    private static byte[] U16(int v, bool le)
    {
        var b = new byte[2];
        if (le)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v);
        }

        return b;
    }

    private static byte[] U32(uint v, bool le)
    {
        var b = new byte[4];
        if (le)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, v);
        }

        return b;
    }
}
