namespace Glasklar.Privacy.Tests.Images;

/// <summary>
/// A minimal baseline JPEG encoder (greyscale, DC-only blocks, so each 8×8 block is one flat grey level forming a
/// gradient) plus helpers to assemble files with arbitrary extra segments. Decodes with libjpeg.
/// </summary>
internal static class TestJpeg
{
    // ITU T.81 Annex K.3 luminance DC table: code-length counts and symbols (categories 0..11).
    private static readonly byte[] DcCounts = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
    private static readonly byte[] DcSymbols = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

    internal sealed record Parts(byte[] Tables, byte[] Scan)
    {
        /// <summary>SOI + segments + tables + scan (SOS..EOI).</summary>
        internal byte[] With(params byte[][] segmentsBeforeTables) =>
            ByteBuilder.Concat([[0xFF, 0xD8], .. segmentsBeforeTables, Tables, Scan]);
    }

    internal static Parts Encode(int width = 32, int height = 16, int sofMarker = 0xC0)
    {
        var bw = (width + 7) / 8;
        var bh = (height + 7) / 8;
        var tables = new ByteBuilder()
            .Bytes(Segment(0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]))
            .Bytes(Segment(sofMarker, new ByteBuilder().Bytes(8).U16BE(height).U16BE(width).Bytes(1, 1, 0x11, 0).ToArray()))
            .Bytes(Segment(0xC4, [0x00, .. DcCounts, .. DcSymbols]))
            .Bytes(Segment(0xC4, [0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00])) // AC: only EOB, code "0"
            .ToArray();

        var codes = CanonicalCodes(DcCounts);
        var bits = new BitWriter();
        var previous = 0;
        for (var by = 0; by < bh; by++)
        {
            for (var bx = 0; bx < bw; bx++)
            {
                var level = 40 + ((bx * 170 / Math.Max(1, bw - 1) + (by * 40 / Math.Max(1, bh - 1))) % 200);
                var dc = (level - 128) * 8; // quantiser 1, DC = 8 × (mean − 128)
                var diff = dc - previous;
                previous = dc;
                var category = diff == 0 ? 0 : 32 - int.LeadingZeroCount(Math.Abs(diff));
                var (code, length) = codes[category];
                bits.Write(code, length);
                if (category > 0)
                {
                    bits.Write(diff >= 0 ? diff : diff + (1 << category) - 1, category);
                }

                bits.Write(0, 1); // EOB
            }
        }

        var scan = new ByteBuilder()
            .Bytes(Segment(0xDA, [1, 1, 0x00, 0, 63, 0]))
            .Bytes(bits.Finish())
            .Bytes(0xFF, 0xD9)
            .ToArray();
        return new Parts(tables, scan);
    }

    internal static byte[] Segment(int marker, byte[] payload) =>
        new ByteBuilder().Bytes(0xFF, (byte)marker).U16BE(payload.Length + 2).Bytes(payload).ToArray();

    internal static byte[] Jfif(int thumbWidth = 0, int thumbHeight = 0) =>
        Segment(0xE0, new ByteBuilder().Ascii("JFIF\0").Bytes(1, 2, 1).U16BE(72).U16BE(72)
            .Bytes((byte)thumbWidth, (byte)thumbHeight).Bytes(new byte[3 * thumbWidth * thumbHeight]).ToArray());

    internal static byte[] Adobe() => Segment(0xEE, new ByteBuilder().Ascii("Adobe").U16BE(100).U16BE(0).U16BE(0).Bytes(1).ToArray());

    private static (int Code, int Length)[] CanonicalCodes(byte[] counts)
    {
        var result = new (int, int)[DcSymbols.Length];
        int code = 0, k = 0;
        for (var length = 1; length <= 16; length++)
        {
            for (var i = 0; i < counts[length - 1]; i++)
            {
                result[DcSymbols[k++]] = (code++, length);
            }

            code <<= 1;
        }

        return result;
    }

    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _accumulator;
        private int _count;

        internal void Write(int value, int length)
        {
            for (var i = length - 1; i >= 0; i--)
            {
                _accumulator = (_accumulator << 1) | ((value >> i) & 1);
                if (++_count == 8)
                {
                    Flush();
                }
            }
        }

        internal byte[] Finish()
        {
            while (_count != 0)
            {
                Write(1, 1); // pad with 1-bits
            }

            return [.. _bytes];
        }

        private void Flush()
        {
            _bytes.Add((byte)_accumulator);
            if (_accumulator == 0xFF)
            {
                _bytes.Add(0x00); // byte stuffing
            }

            _accumulator = 0;
            _count = 0;
        }
    }
}
