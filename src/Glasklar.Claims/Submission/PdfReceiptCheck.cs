using System.Text;

namespace Glasklar.Claims.Submission;

/// <summary>
/// Checks a receipt that claims to be a PDF by its content, not its name: it must start with the
/// <c>%PDF-</c> header, end with <c>%%EOF</c>, be at most 15 MB, and must not be encrypted or carry
/// active or hidden content (/JavaScript, /JS, /EmbeddedFile, /Launch, /XFA forms with their own scripting,
/// /RichMedia players, also when a name is written with
/// #-escapes such as <c>/J#61vaScript</c>). Names are searched in the whole file and, since PDF 1.5 can
/// hide dictionaries in compressed object streams, also in every object stream after inflating it
/// (<see cref="PdfStreams"/>). Returns null when acceptable, else the German reason.
/// </summary>
internal static class PdfReceiptCheck
{
    public const int MaxBytes = 15 * 1024 * 1024;

    public const string ActiveContent = "Die PDF-Datei enthält Skripte oder eingebettete Dateien und wird deshalb nicht angenommen.";

    public const string Encrypted = "Die PDF-Datei ist verschlüsselt oder kennwortgeschützt. Bitte laden Sie sie ohne Kennwort hoch.";

    private static readonly string[] Forbidden = ["JavaScript", "JS", "EmbeddedFile", "EmbeddedFiles", "Launch", "XFA", "RichMedia"];

    private const int MaxForbiddenLength = 13; // "EmbeddedFiles"

    public static bool LooksLikePdf(ReadOnlySpan<byte> content) => content.StartsWith("%PDF-"u8);

    public static string? Check(ReadOnlySpan<byte> content) => Check(content, InflateLimits.Default);

    internal static string? Check(ReadOnlySpan<byte> content, InflateLimits limits)
    {
        if (content.Length > MaxBytes)
        {
            return "Die PDF-Datei ist größer als 15 MB.";
        }

        if (!LooksLikePdf(content))
        {
            return "Die Datei ist keine PDF-Datei (der Inhalt beginnt nicht mit einer PDF-Kennung).";
        }

        var tail = content[Math.Max(0, content.Length - 1024)..];
        if (tail.IndexOf("%%EOF"u8) < 0)
        {
            return "Die PDF-Datei ist unvollständig oder beschädigt.";
        }

        // The raw bytes first, stream data included: a reader jumps to objects by their xref offsets, so
        // any byte range can be parsed as an object, whatever a sequential reading says it is.
        return ForbiddenName(content) ?? PdfStreams.Check(content, limits);
    }

    /// <summary>The German reason for the first forbidden name in <paramref name="text"/>, or null.</summary>
    internal static string? ForbiddenName(ReadOnlySpan<byte> text)
    {
        Span<char> decoded = stackalloc char[MaxForbiddenLength];
        for (var at = text.IndexOf((byte)'/'); at >= 0;)
        {
            var end = NameEnd(text, at + 1);
            var raw = text[(at + 1)..end];

            // Each decoded character takes one to three raw bytes (#xx); longer names cannot be forbidden ones.
            if (raw.Length > 0 && raw.Length <= 3 * MaxForbiddenLength && TryDecode(raw, decoded, out var length))
            {
                var name = decoded[..length];
                if (name.SequenceEqual("Encrypt"))
                {
                    return Encrypted;
                }

                foreach (var forbidden in Forbidden)
                {
                    if (name.SequenceEqual(forbidden))
                    {
                        return ActiveContent;
                    }
                }
            }

            var next = text[end..].IndexOf((byte)'/');
            at = next < 0 ? -1 : end + next;
        }

        return null;
    }

    /// <summary>A name's characters with #xx escapes decoded; false when it does not fit <paramref name="into"/>.</summary>
    private static bool TryDecode(ReadOnlySpan<byte> raw, Span<char> into, out int length)
    {
        length = 0;
        for (var j = 0; j < raw.Length; j++)
        {
            if (length == into.Length)
            {
                return false;
            }

            if (raw[j] == (byte)'#' && j + 2 < raw.Length && IsHex(raw[j + 1]) && IsHex(raw[j + 2]))
            {
                into[length++] = (char)((HexValue(raw[j + 1]) << 4) | HexValue(raw[j + 2]));
                j += 2;
                continue;
            }

            into[length++] = (char)raw[j];
        }

        return true;
    }

    /// <summary>The index just after the name whose first character (after the slash) is at <paramref name="start"/>.</summary>
    internal static int NameEnd(ReadOnlySpan<byte> content, int start)
    {
        var j = start;
        while (j < content.Length && IsRegular(content[j]))
        {
            j++;
        }

        return j;
    }

    /// <summary>A name's characters with #xx escapes decoded (stream dictionaries: short).</summary>
    internal static string Decode(ReadOnlySpan<byte> raw)
    {
        var name = new StringBuilder(raw.Length);
        for (var j = 0; j < raw.Length; j++)
        {
            if (raw[j] == (byte)'#' && j + 2 < raw.Length && IsHex(raw[j + 1]) && IsHex(raw[j + 2]))
            {
                name.Append((char)Convert.ToByte(Encoding.ASCII.GetString(raw.Slice(j + 1, 2)), 16));
                j += 2;
                continue;
            }

            name.Append((char)raw[j]);
        }

        return name.ToString();
    }

    // PDF 32000-1 7.2.2: whitespace and delimiters end a name.
    internal static bool IsRegular(byte b) => b > 32 && b < 127 && "()<>[]{}/%"u8.IndexOf(b) < 0;

    private static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
}
