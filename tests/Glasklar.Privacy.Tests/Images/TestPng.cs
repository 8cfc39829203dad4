using System.IO.Compression;

namespace Glasklar.Privacy.Tests.Images;

/// <summary>Builds RGB PNGs (gradient, filter 0, zlib via ZLibStream, IDAT split in two) with its own bitwise CRC-32.</summary>
internal static class TestPng
{
    internal static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    internal sealed record Parts(byte[] Ihdr, byte[][] Idats, byte[] Iend)
    {
        internal byte[] IdatBytes => ByteBuilder.Concat(Idats);

        internal byte[] With(byte[][]? beforeIdat = null, byte[][]? afterIdat = null, byte[]? trailer = null) =>
            ByteBuilder.Concat([Signature, Ihdr, .. beforeIdat ?? [], .. Idats, .. afterIdat ?? [], Iend, trailer ?? []]);
    }

    internal static Parts Encode(int width = 8, int height = 6, uint? ihdrWidthOverride = null)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++)
            {
                raw.Write([(byte)(x * 255 / Math.Max(1, width - 1)), (byte)(y * 255 / Math.Max(1, height - 1)), 128]);
            }
        }

        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw.ToArray());
        }

        var data = compressed.ToArray();
        var half = data.Length / 2;
        var ihdr = new ByteBuilder().U32BE(ihdrWidthOverride ?? (uint)width).U32BE((uint)height).Bytes(8, 2, 0, 0, 0).ToArray();
        return new Parts(
            Chunk("IHDR", ihdr),
            [Chunk("IDAT", data[..half]), Chunk("IDAT", data[half..])],
            Chunk("IEND", []));
    }

    internal static byte[] Chunk(string type, byte[] data)
    {
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        return new ByteBuilder().U32BE((uint)data.Length).Bytes(typeBytes).Bytes(data)
            .U32BE(Crc(ByteBuilder.Concat(typeBytes, data))).ToArray();
    }

    internal static byte[] Text(string keyword, string text) => Chunk("tEXt", new ByteBuilder().Ascii(keyword + "\0").Ascii(text).ToArray());

    internal static byte[] ZText(string keyword, string text) =>
        Chunk("zTXt", new ByteBuilder().Ascii(keyword + "\0").Bytes(0).Bytes(Zlib(System.Text.Encoding.ASCII.GetBytes(text))).ToArray());

    internal static byte[] IText(string keyword, string text) =>
        Chunk("iTXt", new ByteBuilder().Ascii(keyword + "\0").Bytes(0, 0).Ascii("de\0").Ascii("\0").Utf8(text).ToArray());

    internal static byte[] Time() => Chunk("tIME", new ByteBuilder().U16BE(2024).Bytes(5, 17, 14, 23, 5).ToArray());

    internal static byte[] Iccp(byte[] profile) => Chunk("iCCP", new ByteBuilder().Ascii("ICC\0").Bytes(0).Bytes(Zlib(profile)).ToArray());

    internal static byte[] Zlib(byte[] data)
    {
        var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Plain bitwise CRC-32 (independent of the production slicing-by-8 implementation).</summary>
    internal static uint Crc(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
