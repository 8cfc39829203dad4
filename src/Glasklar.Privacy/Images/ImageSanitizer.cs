namespace Glasklar.Privacy.Images;

/// <summary>
/// Entry point of promise X4: size limit first (before anything is parsed or allocated), then identification by
/// content, then the format-specific byte-level cleaner. Stateless and thread-safe.
/// </summary>
internal sealed class ImageSanitizer : IImageSanitizer
{
    internal static readonly ImageSanitizer Instance = new();

    public ImageSanitizeResult Sanitize(ReadOnlySpan<byte> input) => Sanitize(input, static length => GC.AllocateUninitializedArray<byte>(length));

    public ImageSanitizeResult Sanitize(ReadOnlySpan<byte> input, Func<int, byte[]> allocate)
    {
        if (input.IsEmpty)
        {
            return Rejections.Empty();
        }

        if (input.Length > Rejections.MaxBytes)
        {
            return Rejections.TooLarge(input.Length);
        }

        var sniffed = FormatSniffer.Sniff(input);
        if (sniffed.HeifBrand is { } brand)
        {
            return Rejections.Heic(brand);
        }

        return sniffed.Kind switch
        {
            ImageKind.Jpeg => JpegSanitizer.Sanitize(input, allocate),
            ImageKind.Png => PngSanitizer.Sanitize(input, allocate),
            ImageKind.WebP => WebPSanitizer.Sanitize(input, allocate),
            _ => Rejections.Unsupported(sniffed.ForeignName),
        };
    }
}
