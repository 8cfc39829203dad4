using System.Buffers.Binary;

namespace Glasklar.Privacy.Images;

/// <summary>
/// JPEG: walks every marker segment up to EOI (metadata may follow the tables or sit between progressive scans),
/// keeps only what decoding needs and copies the entropy-coded data unchanged.
/// Kept: APP0 JFIF (rewritten without thumbnail), APP2 ICC_PROFILE, APP14 Adobe (colour transform, rewritten to 12 bytes),
/// DQT, DHT, DRI, DAC, DNL, SOF0/1/2, SOS + scan data, EOI. Everything else, and everything after EOI, is removed.
/// </summary>
internal static class JpegSanitizer
{
    private static ReadOnlySpan<byte> Exif => "Exif\0\0"u8;

    private static ReadOnlySpan<byte> Xmp => "http://ns.adobe.com/xap/1.0/\0"u8;

    private static ReadOnlySpan<byte> XmpExtended => "http://ns.adobe.com/xmp/extension/\0"u8;

    private static ReadOnlySpan<byte> Icc => "ICC_PROFILE\0"u8;

    internal static ImageSanitizeResult Sanitize(ReadOnlySpan<byte> input, Func<int, byte[]> allocate)
    {
        var plan = new OutputPlan();
        var removed = new List<string>();
        byte[]? jfif = null;
        int? orientation = null;
        int width = 0, height = 0;
        bool sawFrame = false, sawScan = false;
        var pos = 2;

        while (true)
        {
            if (pos >= input.Length || input[pos] != 0xFF)
            {
                return Rejections.Corrupt(pos >= input.Length ? "JPEG ends before EOI" : $"JPEG: no marker at offset {pos}");
            }

            while (pos < input.Length && input[pos] == 0xFF)
            {
                pos++; // fill bytes before a marker are legal and simply not copied
            }

            if (pos >= input.Length)
            {
                return Rejections.Corrupt("JPEG ends before EOI");
            }

            var marker = input[pos];
            var markerStart = pos - 1;
            pos++;

            if (marker == 0xD9)
            {
                if (!sawScan)
                {
                    return Rejections.Corrupt("JPEG: EOI before any scan");
                }

                plan.Copy(markerStart, 2);
                break;
            }

            if (marker is 0x00 or 0x01 or 0xD8 or (>= 0xD0 and <= 0xD7))
            {
                return Rejections.Corrupt($"JPEG: unexpected marker 0x{marker:X2}");
            }

            if (pos + 2 > input.Length)
            {
                return Rejections.Corrupt("JPEG: truncated segment length");
            }

            var segLen = BinaryPrimitives.ReadUInt16BigEndian(input[pos..]);
            if (segLen < 2 || pos + segLen > input.Length)
            {
                return Rejections.Corrupt($"JPEG: segment 0x{marker:X2} length {segLen} outside the file");
            }

            var payload = input.Slice(pos + 2, segLen - 2);
            var segEnd = pos + segLen;
            if (ForeignContent.Find(payload) is { } foreign)
            {
                return Rejections.Polyglot($"JPEG segment 0x{marker:X2}: {foreign}");
            }

            switch (marker)
            {
                case 0xE0 when jfif is null && payload.StartsWith("JFIF\0"u8) && payload.Length >= 14:
                    jfif = CanonicalJfif(payload);
                    if (payload.Length > 14 || payload[12] != 0 || payload[13] != 0)
                    {
                        removed.Add("APP0/JFIF-thumbnail");
                    }

                    break;
                case 0xE1 when payload.StartsWith(Exif):
                    orientation ??= MinimalExif.ReadOrientation(payload[Exif.Length..]);
                    removed.Add("APP1/Exif");
                    break;
                case 0xE1 when payload.StartsWith(Xmp):
                    removed.Add("APP1/XMP");
                    break;
                case 0xE1 when payload.StartsWith(XmpExtended):
                    removed.Add("APP1/XMP-extended");
                    break;
                case 0xE2 when payload.StartsWith(Icc):
                    plan.Copy(markerStart, segEnd - markerStart);
                    break;
                case 0xE2 when payload.StartsWith("MPF\0"u8):
                    removed.Add("APP2/MPF");
                    break;
                case 0xE2 when payload.StartsWith("FPXR\0"u8):
                    removed.Add("APP2/FPXR");
                    break;
                case 0xED when payload.StartsWith("Photoshop 3.0\0"u8):
                    removed.Add("APP13/Photoshop-IRB");
                    break;
                case 0xEE when payload.StartsWith("Adobe"u8) && payload.Length >= 12:
                    plan.Add(CanonicalAdobe(payload));
                    break;
                case >= 0xE0 and <= 0xEF:
                    removed.Add($"APP{marker - 0xE0}");
                    break;
                case 0xFE:
                    removed.Add("COM");
                    break;
                case 0xDB or 0xC4 or 0xDD or 0xCC or 0xDC:
                    plan.Copy(markerStart, segEnd - markerStart);
                    break;
                case 0xC0 or 0xC1 or 0xC2:
                    if (sawFrame)
                    {
                        return Rejections.Variant("JPEG with more than one frame header");
                    }

                    if (payload.Length < 6 || payload.Length < 6 + (3 * payload[5]) || payload[5] == 0)
                    {
                        return Rejections.Corrupt("JPEG: malformed SOF");
                    }

                    height = BinaryPrimitives.ReadUInt16BigEndian(payload[1..]);
                    width = BinaryPrimitives.ReadUInt16BigEndian(payload[3..]);
                    if (width == 0 || height == 0)
                    {
                        return Rejections.Variant("JPEG without dimensions in SOF (DNL)");
                    }

                    if (width > Rejections.MaxSide || height > Rejections.MaxSide)
                    {
                        return Rejections.Dimensions(width, height);
                    }

                    sawFrame = true;
                    plan.Copy(markerStart, segEnd - markerStart);
                    break;
                case 0xDA:
                    if (!sawFrame)
                    {
                        return Rejections.Corrupt("JPEG: SOS before SOF");
                    }

                    var scanEnd = FindScanEnd(input, segEnd);
                    if (scanEnd < 0)
                    {
                        return Rejections.Corrupt("JPEG: scan data runs to the end of the file (no EOI)");
                    }

                    sawScan = true;
                    plan.Copy(markerStart, scanEnd - markerStart);
                    segEnd = scanEnd;
                    break;
                case >= 0xC3 and <= 0xCF:
                    return Rejections.Variant($"JPEG coding SOF 0x{marker:X2} (lossless/hierarchical/arithmetic)");
                default:
                    return Rejections.Variant($"JPEG marker 0x{marker:X2}");
            }

            pos = segEnd;
        }

        var trailerStart = pos; // pos is just past EOI
        if (trailerStart < input.Length)
        {
            var trailer = input[trailerStart..];
            if (ForeignContent.FindInTrailer(trailer) is { } foreign)
            {
                return Rejections.Polyglot("after JPEG EOI: " + foreign);
            }

            removed.Add(Bytes.Starts(trailer, 0xFF, 0xD8) ? "trailer/embedded-JPEG" : "trailer");
        }

        var o = orientation ?? 1;
        if (o != 1)
        {
            plan.Prepend(ExifApp1(o));
        }

        if (jfif is not null)
        {
            plan.Prepend(jfif);
        }

        plan.Prepend([0xFF, 0xD8]);
        return ImageSanitizeResult.Success(plan.Build(input, allocate), ImageKind.Jpeg, width, height, o, removed);
    }

    /// <summary>Offset of the marker that ends the entropy-coded data starting at <paramref name="start"/>, or -1.</summary>
    private static int FindScanEnd(ReadOnlySpan<byte> input, int start)
    {
        var i = start;
        while (i < input.Length)
        {
            var ff = input[i..].IndexOf((byte)0xFF);
            if (ff < 0)
            {
                return -1;
            }

            var j = i + ff;
            if (j + 1 >= input.Length)
            {
                return -1;
            }

            var next = input[j + 1];
            if (next == 0x00 || next is >= 0xD0 and <= 0xD7)
            {
                i = j + 2; // stuffed 0xFF or restart marker: still scan data
            }
            else if (next == 0xFF)
            {
                i = j + 1; // fill byte; the marker follows
            }
            else
            {
                return j;
            }
        }

        return -1;
    }

    // Version, units and density survive; the optional thumbnail (a picture of the original!) does not.
    private static byte[] CanonicalJfif(ReadOnlySpan<byte> payload)
    {
        var seg = new byte[18];
        seg[0] = 0xFF;
        seg[1] = 0xE0;
        seg[3] = 16;
        payload[..12].CopyTo(seg.AsSpan(4));
        return seg;
    }

    // "Adobe", version, flags0, flags1, transform: exactly what decoders read to pick the colour transform.
    private static byte[] CanonicalAdobe(ReadOnlySpan<byte> payload)
    {
        var seg = new byte[16];
        seg[0] = 0xFF;
        seg[1] = 0xEE;
        seg[3] = 14;
        payload[..12].CopyTo(seg.AsSpan(4));
        return seg;
    }

    private static byte[] ExifApp1(int orientation)
    {
        var seg = new byte[4 + 6 + MinimalExif.TiffLength];
        seg[0] = 0xFF;
        seg[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(seg.AsSpan(2), (ushort)(seg.Length - 2));
        Exif.CopyTo(seg.AsSpan(4));
        MinimalExif.WriteTiff(seg.AsSpan(10), orientation);
        return seg;
    }
}
