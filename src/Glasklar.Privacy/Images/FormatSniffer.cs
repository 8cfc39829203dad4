namespace Glasklar.Privacy.Images;

/// <summary>
/// Identifies the container by its leading bytes only; file names and Content-Type are never consulted.
/// Foreign formats are named so the uploader learns what was refused.
/// </summary>
internal static class FormatSniffer
{
    internal readonly record struct Sniffed(ImageKind? Kind, string? ForeignName, string? HeifBrand);

    // ISO-BMFF brands of HEIF/HEIC stills and sequences (iPhone default); AVIF is named separately.
    private static readonly string[] HeifBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1"];

    internal static Sniffed Sniff(ReadOnlySpan<byte> b)
    {
        if (Bytes.Starts(b, 0xFF, 0xD8, 0xFF))
        {
            return new(ImageKind.Jpeg, null, null);
        }

        if (Bytes.Starts(b, 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A))
        {
            return new(ImageKind.Png, null, null);
        }

        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8))
        {
            return new(ImageKind.WebP, null, null);
        }

        if (b.Length >= 12 && b[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(b[8..12]);
            if (Array.IndexOf(HeifBrands, brand) >= 0)
            {
                return new(null, null, brand);
            }

            return new(null, brand is "avif" or "avis" ? "AVIF" : "ISO-BMFF (" + Printable(brand) + ")", null);
        }

        return new(null, ForeignName(b), null);
    }

    private static string? ForeignName(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8))
        {
            return "GIF";
        }

        if (b.StartsWith("II*\0"u8) || b.StartsWith("MM\0*"u8))
        {
            return "TIFF/RAW";
        }

        if (b.StartsWith("%PDF"u8))
        {
            return "PDF";
        }

        if (b.StartsWith("PK\x03\x04"u8))
        {
            return "ZIP";
        }

        if (b.StartsWith("8BPS"u8))
        {
            return "PSD";
        }

        if (Bytes.Starts(b, 0x00, 0x00, 0x01, 0x00))
        {
            return "ICO";
        }

        if (Bytes.Starts(b, 0xFF, 0x0A) || Bytes.Starts(b, 0, 0, 0, 0x0C, (byte)'J', (byte)'X', (byte)'L', (byte)' '))
        {
            return "JPEG XL";
        }

        if (Bytes.Starts(b, 0, 0, 0, 0x0C, (byte)'j', (byte)'P', (byte)' ', (byte)' '))
        {
            return "JPEG 2000";
        }

        if (b.StartsWith("RIFF"u8))
        {
            return "RIFF";
        }

        if (b.StartsWith("BM"u8))
        {
            return "BMP";
        }

        var text = Bytes.Starts(b, 0xEF, 0xBB, 0xBF) ? b[3..] : b;
        var first = text.IndexOfAnyExcept(" \t\r\n"u8);
        return first >= 0 && text[first] == (byte)'<' ? "SVG/HTML/XML" : null;
    }

    private static string Printable(string brand) =>
        string.Concat(brand.Select(c => c is >= ' ' and <= '~' ? c : '?'));
}
