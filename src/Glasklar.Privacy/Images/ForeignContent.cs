namespace Glasklar.Privacy.Images;

/// <summary>
/// Polyglot detection. Applied to every byte of the container that is not compressed image data
/// (marker segments, chunks, trailers). A hit means the upload is "also something else" and is refused,
/// even though the block would be dropped anyway: such files are crafted, not photographed.
/// </summary>
internal static class ForeignContent
{
    // Tags after '<' that make a browser or script engine treat the bytes as active content (compared case-insensitively).
    private static readonly byte[][] MarkupTags =
    [
        "script"u8.ToArray(), "?php"u8.ToArray(), "html"u8.ToArray(), "!doctype"u8.ToArray(), "svg"u8.ToArray(),
        "iframe"u8.ToArray(), "object"u8.ToArray(), "embed"u8.ToArray(), "body"u8.ToArray(),
    ];

    /// <summary>Returns a short name of the foreign signature found, or null.</summary>
    internal static string? Find(ReadOnlySpan<byte> data)
    {
        if (data.IndexOf("%PDF-"u8) >= 0)
        {
            return "PDF signature";
        }

        if (data.IndexOf("PK\x03\x04"u8) >= 0 || data.IndexOf("PK\x05\x06"u8) >= 0 || data.IndexOf("PK\x01\x02"u8) >= 0)
        {
            return "ZIP signature";
        }

        var rest = data;
        int lt;
        while ((lt = rest.IndexOf((byte)'<')) >= 0)
        {
            rest = rest[(lt + 1)..];
            foreach (var tag in MarkupTags)
            {
                if (StartsWithIgnoreCase(rest, tag))
                {
                    return "markup <" + System.Text.Encoding.ASCII.GetString(tag);
                }
            }
        }

        return null;
    }

    /// <summary>Data after the end marker: additionally refuse executables, archives and scripts by their leading bytes.</summary>
    internal static string? FindInTrailer(ReadOnlySpan<byte> trailer)
    {
        if (trailer.StartsWith("MZ"u8) || Bytes.Starts(trailer, 0x7F, (byte)'E', (byte)'L', (byte)'F') || trailer.StartsWith("#!"u8)
            || Bytes.Starts(trailer, 0x1F, 0x8B) || trailer.StartsWith("Rar!"u8) || Bytes.Starts(trailer, (byte)'7', (byte)'z', 0xBC, 0xAF))
        {
            return "executable/archive after end marker";
        }

        return Find(trailer);
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> data, ReadOnlySpan<byte> lowerTag)
    {
        if (data.Length < lowerTag.Length)
        {
            return false;
        }

        for (var i = 0; i < lowerTag.Length; i++)
        {
            var c = data[i];
            if (c is >= (byte)'A' and <= (byte)'Z')
            {
                c = (byte)(c | 0x20);
            }

            if (c != lowerTag[i])
            {
                return false;
            }
        }

        return true;
    }
}
