using System.Buffers.Binary;
using Glasklar.Privacy.Images;

namespace Glasklar.Privacy.Tests.Images;

[Trait("Promise", "X4")]
[Trait("Promise", "A9")]
public sealed class RejectionTests
{
    private static readonly IImageSanitizer Sanitizer = ImageSanitizer.Instance;

    private static ImageRejection Refuse(byte[] input, string code)
    {
        var result = Sanitizer.Sanitize(input);
        result.Succeeded.ShouldBeFalse();
        result.Output.ShouldBeNull();
        result.Rejection!.Code.ShouldBe(code, result.Rejection.Detail);
        result.Rejection.Message.ShouldContain("Sie"); // German, formal address
        return result.Rejection;
    }

    [Theory]
    [InlineData("heic")]
    [InlineData("mif1")]
    [InlineData("heix")]
    public void Heic_is_refused_with_a_hint_to_upload_jpeg(string brand)
    {
        var heic = new ByteBuilder().U32BE(24).Ascii("ftyp").Ascii(brand).U32BE(0).Ascii("mif1heic").ToArray();
        Refuse(heic, ImageRejectionCodes.Heic).Message.ShouldContain("Bitte laden Sie das Foto als JPEG hoch");
    }

    [Theory]
    [InlineData("GIF89a\x01\0\x01\0\0\0\0;", "GIF")]
    [InlineData("BM\x3A\0\0\0\0\0\0\0\x36\0\0\0", "BMP")]
    [InlineData("II*\0\x08\0\0\0\0\0", "TIFF")]
    [InlineData("%PDF-1.7\n1 0 obj", "PDF")]
    [InlineData("PK\x03\x04\x14\0\0\0", "ZIP")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'/>", "SVG")]
    [InlineData("\0\0\0\u001Cftypavif\0\0\0\0", "AVIF")]
    public void Other_formats_are_refused_by_content(string content, string named)
    {
        var bytes = content.Select(c => (byte)c).ToArray();
        Refuse(bytes, ImageRejectionCodes.UnsupportedFormat).Message.ShouldContain(named);
    }

    [Fact]
    public void File_name_and_content_type_play_no_role_only_bytes_count()
    {
        // A JPEG body sent as "photo.png" is a JPEG; a GIF body is refused whatever it is called. The API takes bytes only.
        Sanitizer.Sanitize(TestJpeg.Encode().With()).Kind.ShouldBe(ImageKind.Jpeg);
        Refuse("random text that is no image"u8.ToArray(), ImageRejectionCodes.UnsupportedFormat);
        Refuse([], ImageRejectionCodes.Empty);
    }

    [Fact]
    public void Files_over_15_mb_are_refused_before_parsing()
    {
        var big = new byte[(15 * 1024 * 1024) + 1];
        new byte[] { 0xFF, 0xD8, 0xFF }.CopyTo(big, 0);
        Refuse(big, ImageRejectionCodes.TooLarge).Message.ShouldContain("15 MB");
    }

    [Fact]
    public void Images_over_12000_pixels_on_a_side_are_refused_from_the_header()
    {
        Refuse(TestJpeg.Encode(12_001, 8).With(), ImageRejectionCodes.DimensionsTooLarge).Message.ShouldContain("12.000");
        Refuse(TestJpeg.Encode(8, 12_001).With(), ImageRejectionCodes.DimensionsTooLarge);
        Sanitizer.Sanitize(TestJpeg.Encode(12_000, 8).With()).Succeeded.ShouldBeTrue();
        Refuse(TestPng.Encode(ihdrWidthOverride: 12_001).With(), ImageRejectionCodes.DimensionsTooLarge);
        Refuse(TestPng.Encode(ihdrWidthOverride: uint.MaxValue).With(), ImageRejectionCodes.Corrupt);
        Refuse(TestWebP.Riff(TestWebP.Vp8X(0, 12_001, 5), TestWebP.Chunk("VP8L", TestWebP.Vp8LBitstream(5, 5))), ImageRejectionCodes.DimensionsTooLarge);
        Refuse(TestWebP.Riff(TestWebP.Chunk("VP8L", TestWebP.Vp8LBitstream(13_000, 5))), ImageRejectionCodes.DimensionsTooLarge);
        Refuse(TestWebP.Riff(TestWebP.Chunk("VP8 ", TestWebP.Vp8Keyframe(5, 16_000))), ImageRejectionCodes.DimensionsTooLarge);
    }

    public static TheoryData<string, byte[]> CorruptJpegs()
    {
        var parts = TestJpeg.Encode();
        var good = parts.With();
        return new()
        {
            { "truncated in scan data", good[..^6] },
            { "no EOI", good[..^2] },
            { "segment length past end", ByteBuilder.Concat([0xFF, 0xD8, 0xFF, 0xE1, 0x40, 0x00], "Exif"u8.ToArray()) },
            { "segment length below 2", ByteBuilder.Concat([0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x01], parts.Tables, parts.Scan) },
            { "no SOS", ByteBuilder.Concat([0xFF, 0xD8], parts.Tables, [0xFF, 0xD9]) },
            { "SOS before SOF", ByteBuilder.Concat([0xFF, 0xD8], parts.Scan) },
            { "garbage between segments", ByteBuilder.Concat([0xFF, 0xD8], parts.Tables, [0x00], parts.Scan) },
            { "only SOI", [0xFF, 0xD8, 0xFF] },
        };
    }

    [Theory]
    [MemberData(nameof(CorruptJpegs))]
    public void Corrupt_jpegs_are_refused(string why, byte[] input) =>
        Refuse(input, ImageRejectionCodes.Corrupt).Message.ShouldContain("beschädigt", customMessage: why);

    [Fact]
    public void Unusual_jpeg_codings_are_refused()
    {
        Refuse(TestJpeg.Encode(sofMarker: 0xC9).With(), ImageRejectionCodes.UnsupportedVariant); // arithmetic
        Refuse(TestJpeg.Encode(sofMarker: 0xC3).With(), ImageRejectionCodes.UnsupportedVariant); // lossless
    }

    [Fact]
    public void Corrupt_pngs_are_refused()
    {
        var parts = TestPng.Encode();
        var good = parts.With();
        var badCrc = (byte[])good.Clone();
        badCrc[^20] ^= 0x01; // inside the last IDAT
        Refuse(badCrc, ImageRejectionCodes.Corrupt).Detail!.ShouldContain("CRC");
        Refuse(good[..^12], ImageRejectionCodes.Corrupt); // IEND missing
        Refuse(good[..^30], ImageRejectionCodes.Corrupt); // truncated chunk
        Refuse(ByteBuilder.Concat(TestPng.Signature, TestPng.Text("a", "b"), parts.Ihdr, parts.IdatBytes, parts.Iend), ImageRejectionCodes.Corrupt);
        Refuse(ByteBuilder.Concat(TestPng.Signature, parts.Ihdr, parts.Iend), ImageRejectionCodes.Corrupt); // no IDAT
        Refuse(ByteBuilder.Concat(TestPng.Signature, parts.Ihdr, parts.Idats[0], TestPng.Chunk("gAMA", new byte[4]), parts.Idats[1], parts.Iend),
            ImageRejectionCodes.Corrupt);
        Refuse(TestPng.Signature, ImageRejectionCodes.Corrupt);
    }

    [Fact]
    public void Corrupt_webps_are_refused()
    {
        var good = TestWebP.Riff(TestWebP.Chunk("VP8L", TestWebP.Vp8LBitstream(4, 4)));
        Refuse(good[..^2], ImageRejectionCodes.Corrupt); // RIFF size larger than the file
        var chunkTooLong = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(chunkTooLong.AsSpan(16), 500);
        Refuse(chunkTooLong, ImageRejectionCodes.Corrupt);
        Refuse(TestWebP.Riff(TestWebP.Chunk("EXIF", TestExif.Tiff(6))), ImageRejectionCodes.Corrupt); // no image
        Refuse(TestWebP.Riff(TestWebP.Vp8X(0, 4, 4)), ImageRejectionCodes.Corrupt);
        var badVp8L = TestWebP.Vp8LBitstream(4, 4);
        badVp8L[0] = 0x2E;
        Refuse(TestWebP.Riff(TestWebP.Chunk("VP8L", badVp8L)), ImageRejectionCodes.Corrupt);
    }
}
