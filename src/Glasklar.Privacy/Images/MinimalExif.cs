using System.Buffers.Binary;

namespace Glasklar.Privacy.Images;

/// <summary>
/// Reads the Orientation tag (0x0112) from an Exif TIFF structure and writes the smallest Exif that carries only it.
/// Nothing else from the original Exif survives.
/// </summary>
internal static class MinimalExif
{
    internal const int TiffLength = 26;

    private const ushort OrientationTag = 0x0112;

    /// <summary>Orientation 1..8 from IFD0, or 1 when absent or malformed (malformed Exif is dropped anyway).</summary>
    internal static int ReadOrientation(ReadOnlySpan<byte> tiff)
    {
        // WebP and PNG writers sometimes keep the JPEG "Exif\0\0" prefix in front of the TIFF header.
        if (tiff.StartsWith("Exif\0\0"u8))
        {
            tiff = tiff[6..];
        }

        if (tiff.Length < 8)
        {
            return 1;
        }

        bool little;
        if (tiff.StartsWith("II*\0"u8))
        {
            little = true;
        }
        else if (tiff.StartsWith("MM\0*"u8))
        {
            little = false;
        }
        else
        {
            return 1;
        }

        var ifd = U32(tiff[4..], little);
        if (ifd < 8 || ifd > (uint)tiff.Length - 2)
        {
            return 1;
        }

        var count = U16(tiff[(int)ifd..], little);
        var entries = (int)ifd + 2;
        for (var i = 0; i < count; i++)
        {
            var e = entries + (i * 12);
            if (e + 12 > tiff.Length)
            {
                return 1;
            }

            if (U16(tiff[e..], little) != OrientationTag)
            {
                continue;
            }

            var type = U16(tiff[(e + 2)..], little);
            int value = type switch
            {
                3 => U16(tiff[(e + 8)..], little),
                4 => (int)Math.Min(U32(tiff[(e + 8)..], little), int.MaxValue),
                _ => 1,
            };
            return value is >= 1 and <= 8 ? value : 1;
        }

        return 1;
    }

    /// <summary>Big-endian TIFF: header, IFD0 with the single entry Orientation (SHORT, 1), no next IFD.</summary>
    internal static void WriteTiff(Span<byte> destination, int orientation)
    {
        destination = destination[..TiffLength];
        destination.Clear();
        "MM\0*"u8.CopyTo(destination);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], 8);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], OrientationTag);
        BinaryPrimitives.WriteUInt16BigEndian(destination[12..], 3);
        BinaryPrimitives.WriteUInt32BigEndian(destination[14..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(destination[18..], (ushort)orientation);

        // bytes 20..21 pad the value field, 22..25 are the zero "next IFD" offset.
    }

    private static ushort U16(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);

    private static uint U32(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
}
