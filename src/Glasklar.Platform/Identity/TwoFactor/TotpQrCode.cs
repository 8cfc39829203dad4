using QRCoder;

namespace Glasklar.Platform.Identity.TwoFactor;

/// <summary>
/// Renders the enrolment QR code as a <c>data:image/png;base64,…</c> URI for an <c>&lt;img src&gt;</c>.
/// A PNG is used rather than inline SVG because the CSP forbids inline styles and <c>img-src</c> allows
/// <c>data:</c>; the image is generated on the server, so the secret never leaves Glasklar for a QR service.
/// </summary>
internal static class TotpQrCode
{
    public const string PngDataUriPrefix = "data:image/png;base64,";

    public static byte[] Png(string otpauthUri, int pixelsPerModule = 6)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(otpauthUri);
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);

        // Level M survives a smudged or partly reflecting screen and keeps the code small enough to scan.
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpauthUri, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(pixelsPerModule);
    }

    public static string PngDataUri(string otpauthUri, int pixelsPerModule = 6) =>
        PngDataUriPrefix + Convert.ToBase64String(Png(otpauthUri, pixelsPerModule));
}
