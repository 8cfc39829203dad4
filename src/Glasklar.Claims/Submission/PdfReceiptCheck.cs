using System.Text;

namespace Glasklar.Claims.Submission;

/// <summary>
/// Checks a receipt that claims to be a PDF by its content, not its name: it must start with the
/// <c>%PDF-</c> header, end with <c>%%EOF</c>, be at most 15 MB, and must not be encrypted or carry
/// active or hidden content (/JavaScript, /JS, /EmbeddedFile, also when a name is written with
/// #-escapes such as <c>/J#61vaScript</c>). Returns null when acceptable, else the German reason.
/// </summary>
internal static class PdfReceiptCheck
{
    public const int MaxBytes = 15 * 1024 * 1024;

    private static readonly string[] Forbidden = ["JavaScript", "JS", "EmbeddedFile", "EmbeddedFiles"];

    public static bool LooksLikePdf(ReadOnlySpan<byte> content) => content.StartsWith("%PDF-"u8);

    public static string? Check(ReadOnlySpan<byte> content)
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

        foreach (var name in Names(content))
        {
            if (name == "Encrypt")
            {
                return "Die PDF-Datei ist verschlüsselt oder kennwortgeschützt. Bitte laden Sie sie ohne Kennwort hoch.";
            }

            if (Forbidden.Contains(name, StringComparer.Ordinal))
            {
                return "Die PDF-Datei enthält Skripte oder eingebettete Dateien und wird deshalb nicht angenommen.";
            }
        }

        return null;
    }

    /// <summary>Every PDF name token (<c>/Name</c>) outside streams' binary data is read, with #xx escapes decoded.</summary>
    internal static IEnumerable<string> Names(ReadOnlySpan<byte> content)
    {
        var names = new List<string>();
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] != (byte)'/')
            {
                continue;
            }

            var name = new StringBuilder();
            var j = i + 1;
            while (j < content.Length && IsRegular(content[j]))
            {
                if (content[j] == (byte)'#' && j + 2 < content.Length && IsHex(content[j + 1]) && IsHex(content[j + 2]))
                {
                    name.Append((char)Convert.ToByte(Encoding.ASCII.GetString(content.Slice(j + 1, 2)), 16));
                    j += 3;
                    continue;
                }

                name.Append((char)content[j]);
                j++;
            }

            if (name.Length > 0)
            {
                names.Add(name.ToString());
            }

            i = j - 1;
        }

        return names;
    }

    // PDF 32000-1 7.2.2: whitespace and delimiters end a name.
    private static bool IsRegular(byte b) => b > 32 && b < 127 && "()<>[]{}/%"u8.IndexOf(b) < 0;

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
}
