using System.Buffers.Binary;
using System.Text;
using Glasklar.Platform.Identity.TwoFactor;

namespace Glasklar.Platform.Tests.Identity.TwoFactor;

[Trait("Promise", "B6")]
public sealed class TotpQrCodeTests
{
    private static readonly string Uri = OtpAuthUri.Build("Glasklar", "anna@example.de", Encoding.ASCII.GetBytes("12345678901234567890"));

    [Fact]
    public void Renders_a_png_data_uri()
    {
        var dataUri = TotpQrCode.PngDataUri(Uri);

        dataUri.ShouldStartWith("data:image/png;base64,");
        var png = Convert.FromBase64String(dataUri["data:image/png;base64,".Length..]);
        png.AsSpan(0, 8).ToArray().ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        Encoding.ASCII.GetString(png, 12, 4).ShouldBe("IHDR");

        // Square, and a whole number of modules of 6 pixels.
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        width.ShouldBe(height);
        (width % 6).ShouldBe(0);
        // A version-1 code (21 modules) cannot hold this URI; anything below 25 modules would be broken.
        (width / 6).ShouldBeGreaterThanOrEqualTo(25);
    }

    [Fact]
    public void Different_uris_give_different_images_and_the_same_uri_the_same_image()
    {
        var other = OtpAuthUri.Build("Glasklar", "bernd@example.de", Encoding.ASCII.GetBytes("12345678901234567890"));

        TotpQrCode.PngDataUri(Uri).ShouldBe(TotpQrCode.PngDataUri(Uri));
        TotpQrCode.PngDataUri(other).ShouldNotBe(TotpQrCode.PngDataUri(Uri));
    }

    [Fact]
    public void Pixel_size_scales_the_image()
    {
        static int Width(byte[] png) => BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));

        Width(TotpQrCode.Png(Uri, 8)).ShouldBe(Width(TotpQrCode.Png(Uri, 4)) * 2);
    }
}
