namespace Glasklar.Privacy.Tests.Images;

/// <summary>
/// WebP test files. VP8L: a complete lossless bitstream of a solid colour (no transforms, no colour cache, five
/// "simple" prefix codes with one symbol each, so pixels need zero bits). VP8: a keyframe header with a filler payload,
/// enough for container and header checks.
/// </summary>
internal static class TestWebP
{
    internal static byte[] Vp8LBitstream(int width, int height, bool alpha = false, byte r = 200, byte g = 120, byte b = 40, byte a = 255)
    {
        var bits = new LsbBitWriter();
        bits.Write(0x2F, 8);
        bits.Write(width - 1, 14);
        bits.Write(height - 1, 14);
        bits.Write(alpha ? 1 : 0, 1);
        bits.Write(0, 3); // version
        bits.Write(0, 1); // no transform
        bits.Write(0, 1); // no colour cache
        bits.Write(0, 1); // no meta prefix codes
        foreach (var symbol in new[] { g, r, b, a })
        {
            bits.Write(1, 1); // simple code
            bits.Write(0, 1); // one symbol
            bits.Write(1, 1); // 8-bit symbol
            bits.Write(symbol, 8);
        }

        bits.Write(1, 1); // distance code: simple, one 1-bit symbol 0
        bits.Write(0, 1);
        bits.Write(0, 1);
        bits.Write(0, 1);
        return bits.ToArray();
    }

    internal static byte[] Vp8Keyframe(int width, int height, int payloadLength = 64)
    {
        var firstPartition = payloadLength;
        var tag = 0 | (0 << 1) | (1 << 4) | (firstPartition << 5); // key frame, version 0, shown
        var filler = Enumerable.Range(0, payloadLength).Select(i => (byte)((i * 37) + 11)).ToArray();
        return new ByteBuilder().Bytes((byte)tag, (byte)(tag >> 8), (byte)(tag >> 16)).Bytes(0x9D, 0x01, 0x2A)
            .U16LE(width).U16LE(height).Bytes(filler).ToArray();
    }

    internal static byte[] Chunk(string fourCc, byte[] payload)
    {
        var b = new ByteBuilder().Ascii(fourCc).U32LE((uint)payload.Length).Bytes(payload);
        if (payload.Length % 2 == 1)
        {
            b.Bytes(0);
        }

        return b.ToArray();
    }

    internal static byte[] Vp8X(byte flags, int canvasWidth, int canvasHeight) =>
        Chunk("VP8X", new ByteBuilder().Bytes(flags, 0, 0, 0)
            .Bytes((byte)(canvasWidth - 1), (byte)((canvasWidth - 1) >> 8), (byte)((canvasWidth - 1) >> 16))
            .Bytes((byte)(canvasHeight - 1), (byte)((canvasHeight - 1) >> 8), (byte)((canvasHeight - 1) >> 16)).ToArray());

    internal static byte[] Riff(params byte[][] chunks)
    {
        var body = ByteBuilder.Concat(chunks);
        return new ByteBuilder().Ascii("RIFF").U32LE((uint)(body.Length + 4)).Ascii("WEBP").Bytes(body).ToArray();
    }

    private sealed class LsbBitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _bitCount;

        internal void Write(int value, int count)
        {
            for (var i = 0; i < count; i++)
            {
                if (_bitCount % 8 == 0)
                {
                    _bytes.Add(0);
                }

                if (((value >> i) & 1) != 0)
                {
                    _bytes[^1] |= (byte)(1 << (_bitCount % 8));
                }

                _bitCount++;
            }
        }

        internal byte[] ToArray() => [.. _bytes];
    }
}
