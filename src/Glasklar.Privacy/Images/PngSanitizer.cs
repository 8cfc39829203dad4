using System.Buffers.Binary;

namespace Glasklar.Privacy.Images;

/// <summary>
/// PNG: validates signature, chunk lengths, every CRC, IHDR first and IEND present, and keeps only chunks that affect
/// rendering: IHDR, PLTE, IDAT, IEND, tRNS, gAMA, cHRM, sRGB, iCCP, sBIT, cICP and the APNG chunks acTL/fcTL/fdAT.
/// All text (tEXt/zTXt/iTXt), eXIf, tIME, pHYs, bKGD, hIST, sPLT and private chunks go, as does anything after IEND.
/// Orientation survives as a minimal eXIf placed right after IHDR (before IDAT, as the spec requires).
/// </summary>
internal static class PngSanitizer
{
    private const int SignatureLength = 8;

    internal static ImageSanitizeResult Sanitize(ReadOnlySpan<byte> input, Func<int, byte[]> allocate)
    {
        var plan = new OutputPlan();
        var removed = new List<string>();
        int width = 0, height = 0, colourType = 0;
        int? orientation = null;
        bool sawPalette = false, sawIdat = false, idatClosed = false, sawEnd = false;
        var pos = SignatureLength;
        var afterIhdr = 0;

        plan.Copy(0, SignatureLength);
        while (!sawEnd)
        {
            if (pos + 12 > input.Length)
            {
                return Rejections.Corrupt("PNG ends before IEND");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(input[pos..]);
            if (length > int.MaxValue || pos + 12 + (long)length > input.Length)
            {
                return Rejections.Corrupt($"PNG chunk length {length} at offset {pos} outside the file");
            }

            var type = input.Slice(pos + 4, 4);
            var data = input.Slice(pos + 8, (int)length);
            var chunkEnd = pos + 12 + (int)length;
            if (!IsChunkType(type))
            {
                return Rejections.Corrupt($"PNG: invalid chunk type at offset {pos}");
            }

            var expected = BinaryPrimitives.ReadUInt32BigEndian(input[(chunkEnd - 4)..]);
            if (Crc32.Compute(input.Slice(pos + 4, 4 + (int)length)) != expected)
            {
                return Rejections.Corrupt($"PNG: CRC mismatch in chunk {Name(type)} at offset {pos}");
            }

            var isFirst = pos == SignatureLength;
            var isIhdr = type.SequenceEqual("IHDR"u8);
            if (isFirst != isIhdr)
            {
                return Rejections.Corrupt("PNG: IHDR must be the first chunk, exactly once");
            }

            var isIdat = type.SequenceEqual("IDAT"u8);
            if (isIdat && idatClosed)
            {
                return Rejections.Corrupt("PNG: IDAT chunks are not consecutive");
            }

            if (sawIdat && !isIdat)
            {
                idatClosed = true;
            }

            // Compressed image data is not inspected for signatures; every other chunk is.
            if (!isIdat && !type.SequenceEqual("fdAT"u8) && ForeignContent.Find(data) is { } foreign)
            {
                return Rejections.Polyglot($"PNG chunk {Name(type)}: {foreign}");
            }

            if (isIdat)
            {
                sawIdat = true;
                plan.Copy(pos, chunkEnd - pos);
                pos = chunkEnd;
                continue;
            }

            switch (Name(type))
            {
                case "IHDR":
                    if (length != 13)
                    {
                        return Rejections.Corrupt("PNG: IHDR length is not 13");
                    }

                    var w = BinaryPrimitives.ReadUInt32BigEndian(data);
                    var h = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                    if (w == 0 || h == 0 || w > int.MaxValue || h > int.MaxValue)
                    {
                        return Rejections.Corrupt("PNG: invalid dimensions");
                    }

                    if (w > Rejections.MaxSide || h > Rejections.MaxSide)
                    {
                        return Rejections.Dimensions((int)Math.Min(w, int.MaxValue), (int)Math.Min(h, int.MaxValue));
                    }

                    (width, height, colourType) = ((int)w, (int)h, data[9]);
                    if (!ValidDepth(data[8], colourType) || data[10] != 0 || data[11] != 0 || data[12] > 1)
                    {
                        return Rejections.Corrupt("PNG: invalid IHDR fields");
                    }

                    plan.Copy(pos, chunkEnd - pos);
                    afterIhdr = plan.Seal();
                    break;
                case "PLTE":
                    sawPalette = true;
                    plan.Copy(pos, chunkEnd - pos);
                    break;
                case "IEND":
                    sawEnd = true;
                    plan.Copy(pos, chunkEnd - pos);
                    break;
                case "tRNS" or "gAMA" or "cHRM" or "sRGB" or "iCCP" or "sBIT" or "cICP" or "acTL" or "fcTL" or "fdAT":
                    plan.Copy(pos, chunkEnd - pos);
                    break;
                case "eXIf":
                    orientation ??= MinimalExif.ReadOrientation(data);
                    removed.Add("PNG/eXIf");
                    break;
                case "tEXt" or "zTXt" or "iTXt" or "tIME" or "pHYs" or "bKGD" or "hIST" or "sPLT" or "oFFs" or "pCAL" or "sCAL" or "dSIG":
                    removed.Add("PNG/" + Name(type));
                    break;
                default:
                    if ((type[0] & 0x20) == 0)
                    {
                        // Critical chunks we do not know (e.g. Apple's CgBI) change how pixels decode.
                        return Rejections.Variant($"PNG critical chunk {Name(type)}");
                    }

                    removed.Add("PNG/ancillary");
                    break;
            }

            pos = chunkEnd;
        }

        if (!sawIdat)
        {
            return Rejections.Corrupt("PNG without IDAT");
        }

        if (colourType == 3 && !sawPalette)
        {
            return Rejections.Corrupt("PNG: palette image without PLTE");
        }

        if (pos < input.Length)
        {
            if (ForeignContent.FindInTrailer(input[pos..]) is { } foreign)
            {
                return Rejections.Polyglot("after PNG IEND: " + foreign);
            }

            removed.Add("trailer");
        }

        var o = orientation ?? 1;
        if (o != 1)
        {
            plan.InsertAt(afterIhdr, ExifChunk(o));
        }

        return ImageSanitizeResult.Success(plan.Build(input, allocate), ImageKind.Png, width, height, o, removed);
    }

    private static byte[] ExifChunk(int orientation)
    {
        var chunk = new byte[12 + MinimalExif.TiffLength];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, MinimalExif.TiffLength);
        "eXIf"u8.CopyTo(chunk.AsSpan(4));
        MinimalExif.WriteTiff(chunk.AsSpan(8), orientation);
        var crc = Crc32.Compute(chunk.AsSpan(4, 4 + MinimalExif.TiffLength));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + MinimalExif.TiffLength), crc);
        return chunk;
    }

    private static bool IsChunkType(ReadOnlySpan<byte> type)
    {
        foreach (var c in type)
        {
            if (c is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z')))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ValidDepth(byte depth, int colourType) => colourType switch
    {
        0 => depth is 1 or 2 or 4 or 8 or 16,
        3 => depth is 1 or 2 or 4 or 8,
        2 or 4 or 6 => depth is 8 or 16,
        _ => false,
    };

    private static string Name(ReadOnlySpan<byte> type) => System.Text.Encoding.ASCII.GetString(type);
}
