using System.Buffers;
using Glasklar.Privacy.Images;

namespace Glasklar.Claims.Submission;

/// <summary>A receipt as it will be stored: cleaned bytes and the type found by content.</summary>
/// <remarks>A PDF's content is the uploaded memory itself (no copy): it lives as long as the upload (see <see cref="MultipartClaim"/>).</remarks>
internal sealed record AcceptedReceipt(string FileName, string ContentType, ReadOnlyMemory<byte> Content);

/// <summary>
/// Checks one uploaded receipt by content: PDFs by <see cref="PdfReceiptCheck"/>, JPEG and PNG through the
/// image sanitiser (metadata such as GPS removed, X4); anything else is refused.
/// </summary>
internal sealed class ReceiptIntake(IImageSanitizer images) : IDisposable
{
    public const int MaxFileNameLength = 200;

    // Cleaned images go into pooled arrays (a megabyte each: fresh ones cost page faults and LOH collections);
    // they hold health documents, so they are cleared when the request scope ends and they go back.
    private readonly List<byte[]> _rented = [];

    public (AcceptedReceipt? Receipt, string? Error) Accept(string? fileName, ReadOnlyMemory<byte> content)
    {
        var name = SafeName(fileName);
        if (content.Length == 0)
        {
            return (null, "Die Datei ist leer.");
        }

        if (PdfReceiptCheck.LooksLikePdf(content.Span) || name.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
        {
            return PdfReceiptCheck.Check(content.Span) is { } pdfError ? (null, pdfError) : (new AcceptedReceipt(name, "application/pdf", content), null);
        }

        var cleaned = images.Sanitize(content.Span, Rent);
        if (!cleaned.Succeeded)
        {
            return (null, cleaned.Rejection!.Code == ImageRejectionCodes.UnsupportedFormat
                ? "Belege nehmen wir als PDF, JPEG oder PNG an; diese Datei ist keines davon."
                : cleaned.Rejection.Message);
        }

        return cleaned.Kind switch
        {
            ImageKind.Jpeg => (new AcceptedReceipt(name, "image/jpeg", cleaned.Content), null),
            ImageKind.Png => (new AcceptedReceipt(name, "image/png", cleaned.Content), null),
            _ => (null, "Belege nehmen wir als PDF, JPEG oder PNG an; diese Datei ist keines davon."),
        };
    }

    public void Dispose()
    {
        foreach (var buffer in _rented)
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }

        _rented.Clear();
    }

    private byte[] Rent(int length)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        _rented.Add(buffer);
        return buffer;
    }

    /// <summary>The name without any path, control characters or excess length.</summary>
    internal static string SafeName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0)
        {
            name = "beleg";
        }

        return name.Length > MaxFileNameLength ? name[..MaxFileNameLength] : name;
    }
}
