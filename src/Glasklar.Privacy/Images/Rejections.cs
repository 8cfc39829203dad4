namespace Glasklar.Privacy.Images;

/// <summary>German uploader messages (Sie-form) for every rejection code.</summary>
internal static class Rejections
{
    internal const long MaxBytes = 15L * 1024 * 1024;
    internal const int MaxSide = 12_000;

    private const string Formats = "Bitte laden Sie ein Foto im Format JPEG, PNG oder WebP hoch.";

    internal static ImageSanitizeResult Empty() => Fail(ImageRejectionCodes.Empty,
        "Die Datei ist leer. " + Formats, "empty input");

    internal static ImageSanitizeResult TooLarge(long bytes) => Fail(ImageRejectionCodes.TooLarge,
        "Die Datei ist größer als 15 MB. Bitte verkleinern Sie das Foto und laden Sie es erneut hoch.", $"{bytes} bytes");

    internal static ImageSanitizeResult Dimensions(int width, int height) => Fail(ImageRejectionCodes.DimensionsTooLarge,
        "Das Bild ist an einer Seite größer als 12.000 Pixel. Bitte verkleinern Sie das Foto und laden Sie es erneut hoch.",
        $"{width}x{height}");

    internal static ImageSanitizeResult Heic(string brand) => Fail(ImageRejectionCodes.Heic,
        "Fotos im Format HEIC/HEIF (iPhone-Standard) werden nicht angenommen. Bitte laden Sie das Foto als JPEG hoch – "
        + "auf dem iPhone z. B. über „Einstellungen › Kamera › Formate › Maximale Kompatibilität“ oder indem Sie das Foto "
        + "vor dem Hochladen als JPEG exportieren.", $"ISO-BMFF brand {brand}");

    internal static ImageSanitizeResult Unsupported(string? formatName) => Fail(ImageRejectionCodes.UnsupportedFormat,
        formatName is null
            ? "Dieses Dateiformat wird nicht angenommen. " + Formats
            : $"Das Dateiformat {formatName} wird nicht angenommen. " + Formats,
        formatName ?? "unknown signature");

    internal static ImageSanitizeResult Variant(string detail) => Fail(ImageRejectionCodes.UnsupportedVariant,
        "Diese Variante des Bildformats wird nicht unterstützt. Bitte speichern Sie das Foto als gewöhnliches JPEG und laden Sie es erneut hoch.",
        detail);

    internal static ImageSanitizeResult Corrupt(string detail) => Fail(ImageRejectionCodes.Corrupt,
        "Die Bilddatei ist unvollständig oder beschädigt. Bitte laden Sie das Foto erneut hoch.", detail);

    internal static ImageSanitizeResult Polyglot(string detail) => Fail(ImageRejectionCodes.Polyglot,
        "Die Datei enthält außer dem Bild noch weitere Inhalte (z. B. ein Dokument, ein Archiv oder Programmcode) und wird "
        + "aus Sicherheitsgründen nicht angenommen. Bitte speichern Sie das Foto neu als JPEG und laden Sie es erneut hoch.", detail);

    private static ImageSanitizeResult Fail(string code, string message, string detail) =>
        ImageSanitizeResult.Failure(new ImageRejection(code, message) { Detail = detail });
}
