using System.IO.Compression;

namespace Glasklar.Claims.Submission;

/// <summary>How far compressed PDF streams may inflate before the file counts as a zip bomb.</summary>
/// <param name="PerStream">Inflated bytes one stream may have.</param>
/// <param name="Total">Inflated bytes all streams of the file together may have.</param>
/// <param name="ObjectStream">Inflated bytes one object stream may have (it is held in memory to be searched).</param>
internal sealed record InflateLimits(long PerStream, long Total, int ObjectStream)
{
    // A scanned A4 page at 300 dpi in colour is about 26 MB uncompressed; receipts stay far below these.
    public static readonly InflateLimits Default = new(64L * 1024 * 1024, 256L * 1024 * 1024, 16 * 1024 * 1024);
}

/// <summary>
/// The streams of a PDF receipt: every FlateDecode stream is inflated within <see cref="InflateLimits"/>
/// (so a zip bomb is refused before it fills memory or a clerk's viewer), and every object stream — the
/// PDF 1.5 container of compressed dictionaries — is searched for forbidden names like the file itself.
/// Other streams (page content, fonts, images) hold data, not dictionaries, and are only measured: names
/// in them have no effect, and binary data would match "/JS" by chance.
/// </summary>
internal static class PdfStreams
{
    public const string Bomb = "Die PDF-Datei enthält komprimierte Inhalte, die entpackt unverhältnismäßig groß wären, und wird deshalb nicht angenommen.";

    public const string Unreadable = "Die PDF-Datei enthält einen komprimierten Bereich, der sich nicht prüfen lässt. Bitte speichern oder drucken Sie sie neu als PDF und laden Sie sie erneut hoch.";

    public const int MaxStreams = 50_000;

    public static string? Check(ReadOnlySpan<byte> content, InflateLimits limits)
    {
        long total = 0;
        var endstream = new EndstreamCache();
        var streams = 0;
        for (var at = content.IndexOf("stream"u8); at >= 0; at = Next(content, at))
        {
            if (at > 0 && PdfReceiptCheck.IsRegular(content[at - 1]) || StreamDictionary.Before(content, at) is not { } dictionary)
            {
                continue; // "endstream", or a word that is not a stream keyword
            }

            // Each dictionary costs up to a few kilobytes of reading; receipts have far fewer streams.
            if (++streams > MaxStreams)
            {
                return Unreadable;
            }

            var data = Data(content, at + "stream".Length, dictionary.Length, ref endstream);
            var objectStream = dictionary.IsObjectStream;
            if (dictionary.Filters.Count == 0)
            {
                if (objectStream && PdfReceiptCheck.ForbiddenName(content.Slice(data.Start, data.Length)) is { } plain)
                {
                    return plain;
                }

                continue;
            }

            if (dictionary.Filters[0] != "FlateDecode")
            {
                // Images (DCT, JBIG2, ...) need no look inside; an object stream encoded otherwise cannot be checked.
                if (objectStream)
                {
                    return Unreadable;
                }

                continue;
            }

            // Further filters or a predictor would change the inflated bytes before a reader parses them.
            if (objectStream && (dictionary.Filters.Count > 1 || dictionary.HasDecodeParms))
            {
                return Unreadable;
            }

            var result = Inflate(content.Slice(data.Start, data.Length), limits, limits.Total - total, objectStream);
            if (result.Error is { } error)
            {
                return error;
            }

            total += result.Size;
            if (objectStream && PdfReceiptCheck.ForbiddenName(result.Bytes) is { } hidden)
            {
                return hidden;
            }
        }

        return null;
    }

    private static int Next(ReadOnlySpan<byte> content, int at)
    {
        var from = at + "stream".Length;
        var next = content[from..].IndexOf("stream"u8);
        return next < 0 ? -1 : from + next;
    }

    /// <summary>Where the stream's data lies: by its direct /Length when "endstream" follows it, else up to the next "endstream".</summary>
    private static (int Start, int Length) Data(ReadOnlySpan<byte> content, int afterKeyword, int? length, ref EndstreamCache endstream)
    {
        var start = afterKeyword;
        if (start < content.Length && content[start] == (byte)'\r')
        {
            start++;
        }

        if (start < content.Length && content[start] == (byte)'\n')
        {
            start++;
        }

        if (length is { } l && l >= 0 && l <= content.Length - start && content[(start + l)..].TrimStart(" \r\n\t\f\0"u8).StartsWith("endstream"u8))
        {
            return (start, l);
        }

        var end = endstream.After(content, start);
        return (start, (end < 0 ? content.Length : end) - start);
    }

    /// <summary>
    /// The first "endstream" at or after a position, remembered: a file of many "stream" words without
    /// "endstream" would otherwise be searched to its end once per word.
    /// </summary>
    private struct EndstreamCache()
    {
        private int _searchedFrom = int.MaxValue;
        private int _found = -1;

        public int After(ReadOnlySpan<byte> content, int start)
        {
            if (_searchedFrom > start || (_found >= 0 && _found < start))
            {
                var relative = content[start..].IndexOf("endstream"u8);
                _searchedFrom = start;
                _found = relative < 0 ? -1 : start + relative;
            }

            return _found;
        }
    }

    private readonly record struct Inflated(long Size, byte[] Bytes, string? Error);

    private static Inflated Inflate(ReadOnlySpan<byte> data, InflateLimits limits, long totalLeft, bool keep)
    {
        var limit = Math.Min(keep ? limits.ObjectStream : limits.PerStream, totalLeft);
        using var kept = keep ? new MemoryStream() : null;
        var buffer = new byte[64 * 1024];
        long size = 0;
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(data.ToArray(), writable: false), CompressionMode.Decompress);
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                size += read;
                if (size > limit)
                {
                    return new Inflated(size, [], Bomb);
                }

                kept?.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            // Fonts and images with a damaged tail still display; an object stream we cannot read is refused.
            if (keep)
            {
                return new Inflated(size, [], Unreadable);
            }
        }

        return new Inflated(size, kept?.ToArray() ?? [], null);
    }
}
