using System.Buffers.Binary;

namespace Glasklar.Privacy.Images;

/// <summary>
/// WebP (RIFF): keeps VP8X (flags rewritten), ICCP, ANIM, ANMF, ALPH, VP8 and VP8L byte-identical; drops EXIF, XMP and
/// unknown chunks and anything after the RIFF end; rewrites the RIFF size. Orientation is re-added as a minimal EXIF
/// chunk at the end (where the container spec puts it); a simple VP8/VP8L file is converted to the extended layout only
/// in that case, with the canvas taken from the bitstream.
/// </summary>
internal static class WebPSanitizer
{
    private const byte IccFlag = 0x20;
    private const byte AlphaFlag = 0x10;
    private const byte ExifFlag = 0x08;
    private const byte XmpFlag = 0x04;
    private const byte AnimationFlag = 0x02;

    internal static ImageSanitizeResult Sanitize(ReadOnlySpan<byte> input, Func<int, byte[]> allocate)
    {
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(input[4..]);
        if (riffSize < 4 + 8 || 8L + riffSize > input.Length)
        {
            return Rejections.Corrupt($"WebP: RIFF size {riffSize} does not match file length {input.Length}");
        }

        var end = 8 + (int)riffSize;
        var plan = new OutputPlan();
        var removed = new List<string>();
        int? orientation = null;
        int canvasW = 0, canvasH = 0, vp8xAt = -1;
        bool extended = false, hasIcc = false, hasImage = false, alphaInBitstream = false;
        byte flags = 0;
        var pos = 12;

        while (pos < end)
        {
            if (pos + 8 > end)
            {
                return Rejections.Corrupt("WebP: truncated chunk header");
            }

            var fourCc = input.Slice(pos, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(input[(pos + 4)..]);
            var padded = size + (size & 1);
            if (pos + 8L + padded > end)
            {
                return Rejections.Corrupt($"WebP: chunk at offset {pos} runs past the RIFF end");
            }

            var payload = input.Slice(pos + 8, (int)size);
            var chunkEnd = pos + 8 + (int)padded;
            var name = System.Text.Encoding.ASCII.GetString(fourCc);
            var isFirst = pos == 12;
            var isImageData = name is "VP8 " or "VP8L" or "ALPH" or "ANMF";
            if (!isImageData && ForeignContent.Find(payload) is { } foreign)
            {
                return Rejections.Polyglot($"WebP chunk {name}: {foreign}");
            }

            if (isFirst && name is not ("VP8 " or "VP8L" or "VP8X"))
            {
                return Rejections.Corrupt("WebP: first chunk is not VP8, VP8L or VP8X");
            }

            switch (name)
            {
                case "VP8X" when isFirst:
                    if (size < 10)
                    {
                        return Rejections.Corrupt("WebP: VP8X too short");
                    }

                    extended = true;
                    flags = payload[0];
                    canvasW = 1 + (int)ReadU24(payload[4..]);
                    canvasH = 1 + (int)ReadU24(payload[7..]);
                    if (canvasW > Rejections.MaxSide || canvasH > Rejections.MaxSide)
                    {
                        return Rejections.Dimensions(canvasW, canvasH);
                    }

                    vp8xAt = plan.Seal(); // the rewritten VP8X is inserted here once the flags are known
                    break;
                case "VP8 " or "VP8L":
                    if (hasImage && !extended)
                    {
                        return Rejections.Corrupt("WebP: second bitstream in a simple file");
                    }

                    var dims = name == "VP8L" ? Vp8LDimensions(payload, out alphaInBitstream) : Vp8Dimensions(payload);
                    if (dims is not var (w, h))
                    {
                        return Rejections.Corrupt($"WebP: invalid {name.Trim()} frame header");
                    }

                    if (w > Rejections.MaxSide || h > Rejections.MaxSide)
                    {
                        return Rejections.Dimensions(w, h);
                    }

                    if (!extended)
                    {
                        (canvasW, canvasH) = (w, h);
                    }

                    hasImage = true;
                    plan.Copy(pos, chunkEnd - pos);
                    break;
                case "ANMF" or "ANIM" or "ALPH" when extended:
                    hasImage |= name == "ANMF";
                    plan.Copy(pos, chunkEnd - pos);
                    break;
                case "ICCP" when extended:
                    hasIcc = true;
                    plan.Copy(pos, chunkEnd - pos);
                    break;
                case "EXIF":
                    orientation ??= MinimalExif.ReadOrientation(payload);
                    removed.Add("WebP/EXIF");
                    break;
                case "XMP ":
                    removed.Add("WebP/XMP");
                    break;
                default:
                    removed.Add("WebP/unknown");
                    break;
            }

            pos = chunkEnd;
        }

        if (!hasImage)
        {
            return Rejections.Corrupt("WebP without image data");
        }

        if (end < input.Length)
        {
            if (ForeignContent.FindInTrailer(input[end..]) is { } foreign)
            {
                return Rejections.Polyglot("after WebP RIFF end: " + foreign);
            }

            removed.Add("trailer");
        }

        var o = orientation ?? 1;
        if (o != 1)
        {
            plan.Add(ExifChunk(o));
        }

        if (extended || o != 1)
        {
            // Only bits that describe the kept content survive; XMP and reserved bits are cleared.
            var newFlags = (byte)(flags & (AlphaFlag | AnimationFlag));
            newFlags |= (byte)(hasIcc ? IccFlag : 0);
            newFlags |= (byte)(o != 1 ? ExifFlag : 0);
            newFlags |= (byte)(!extended && alphaInBitstream ? AlphaFlag : 0);
            plan.InsertAt(extended ? vp8xAt : 0, Vp8X(newFlags, canvasW, canvasH));
        }

        var header = new byte[12];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)(plan.Length + 4));
        "WEBP"u8.CopyTo(header.AsSpan(8));
        plan.Prepend(header);
        return ImageSanitizeResult.Success(plan.Build(input, allocate), ImageKind.WebP, canvasW, canvasH, o, removed);
    }

    // Lossy keyframe: 3-byte frame tag (bit 0 clear = key frame), start code 9D 01 2A, then 14-bit width and height.
    private static (int, int)? Vp8Dimensions(ReadOnlySpan<byte> p)
    {
        if (p.Length < 10 || (p[0] & 1) != 0 || p[3] != 0x9D || p[4] != 0x01 || p[5] != 0x2A)
        {
            return null;
        }

        var w = BinaryPrimitives.ReadUInt16LittleEndian(p[6..]) & 0x3FFF;
        var h = BinaryPrimitives.ReadUInt16LittleEndian(p[8..]) & 0x3FFF;
        return w == 0 || h == 0 ? null : (w, h);
    }

    // Lossless: signature 0x2F, then 14 bits width-1, 14 bits height-1, 1 bit alpha hint, 3 bits version (0).
    private static (int, int)? Vp8LDimensions(ReadOnlySpan<byte> p, out bool alpha)
    {
        alpha = false;
        if (p.Length < 5 || p[0] != 0x2F)
        {
            return null;
        }

        var bits = BinaryPrimitives.ReadUInt32LittleEndian(p[1..]);
        if (bits >> 29 != 0)
        {
            return null;
        }

        alpha = ((bits >> 28) & 1) != 0;
        return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
    }

    private static byte[] Vp8X(byte flags, int width, int height)
    {
        var chunk = new byte[18];
        "VP8X"u8.CopyTo(chunk);
        chunk[4] = 10;
        chunk[8] = flags;
        WriteU24(chunk.AsSpan(12), (uint)(width - 1));
        WriteU24(chunk.AsSpan(15), (uint)(height - 1));
        return chunk;
    }

    private static byte[] ExifChunk(int orientation)
    {
        var chunk = new byte[8 + MinimalExif.TiffLength]; // 26 bytes: even, no padding needed
        "EXIF"u8.CopyTo(chunk);
        chunk[4] = MinimalExif.TiffLength;
        MinimalExif.WriteTiff(chunk.AsSpan(8), orientation);
        return chunk;
    }

    private static uint ReadU24(ReadOnlySpan<byte> b) => (uint)(b[0] | (b[1] << 8) | (b[2] << 16));

    private static void WriteU24(Span<byte> b, uint v)
    {
        b[0] = (byte)v;
        b[1] = (byte)(v >> 8);
        b[2] = (byte)(v >> 16);
    }
}
