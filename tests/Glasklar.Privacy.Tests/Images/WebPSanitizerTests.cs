using System.Buffers.Binary;
using Glasklar.Privacy.Images;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Icc;
using MetadataExtractor.Formats.WebP;
using MetadataExtractor.Formats.Xmp;

namespace Glasklar.Privacy.Tests.Images;

[Trait("Promise", "X4")]
[Trait("Promise", "A9")]
public sealed class WebPSanitizerTests
{
    private const byte Icc = 0x20, Alpha = 0x10, ExifFlag = 0x08, Xmp = 0x04;

    private static readonly IImageSanitizer Sanitizer = ImageSanitizer.Instance;

    private static byte[] ExtendedLossless(int? orientation, byte[] profile, byte[] bitstream) => TestWebP.Riff(
        TestWebP.Vp8X(Icc | Alpha | ExifFlag | Xmp, 5, 3),
        TestWebP.Chunk("ICCP", profile),
        TestWebP.Chunk("VP8L", bitstream),
        TestWebP.Chunk("EXIF", TestExif.Tiff(orientation)),
        TestWebP.Chunk("XMP ", System.Text.Encoding.UTF8.GetBytes(TestMetadata.XmpPacket())),
        TestWebP.Chunk("NOTE", System.Text.Encoding.ASCII.GetBytes(TestMetadata.Comment)));

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public void Exif_and_xmp_are_removed_flags_and_riff_size_fixed_orientation_kept(int orientation)
    {
        var bitstream = TestWebP.Vp8LBitstream(5, 3, alpha: true);
        var profile = TestMetadata.IccProfile();
        var input = ExtendedLossless(orientation, profile, bitstream);
        MetadataProbe.AssertDirty(input, typeof(GpsDirectory), typeof(ExifSubIfdDirectory), typeof(XmpDirectory), typeof(WebPDirectory));

        var result = Sanitizer.Sanitize(input);

        result.Succeeded.ShouldBeTrue(result.Rejection?.Detail);
        (result.Kind, result.Width, result.Height, result.Orientation).ShouldBe((ImageKind.WebP, 5, 3, orientation));
        MetadataProbe.AssertClean(result.Output, orientation);
        result.RemovedBlocks.ShouldBe(["WebP/EXIF", "WebP/XMP", "WebP/unknown"]);

        var output = result.Output;
        BinaryPrimitives.ReadUInt32LittleEndian(output.AsSpan(4)).ShouldBe((uint)(output.Length - 8));
        output[20].ShouldBe((byte)(Icc | Alpha | ExifFlag));
        output.AsSpan().IndexOf(TestWebP.Chunk("VP8L", bitstream)).ShouldBeGreaterThan(0);
        output.AsSpan().IndexOf(TestWebP.Chunk("ICCP", profile)).ShouldBeGreaterThan(0);
        MetadataProbe.Read(output).OfType<IccDirectory>().ShouldHaveSingleItem();
        var sizes = MetadataProbe.Read(output).OfType<WebPDirectory>().Where(d => d.ContainsTag(WebPDirectory.TagImageWidth))
            .Select(d => (d.GetInt32(WebPDirectory.TagImageWidth), d.GetInt32(WebPDirectory.TagImageHeight))).ToList();
        sizes.Distinct().ShouldBe([(5, 3)]); // VP8X canvas and VP8L header agree
    }

    [Fact]
    public void Upright_extended_file_loses_exif_flag_and_chunk()
    {
        var result = Sanitizer.Sanitize(ExtendedLossless(1, TestMetadata.IccProfile(), TestWebP.Vp8LBitstream(5, 3)));
        MetadataProbe.AssertClean(result.Output!, 1);
        result.Output![20].ShouldBe((byte)(Icc | Alpha));
    }

    [Fact]
    public void Simple_lossless_file_stays_simple_and_unchanged()
    {
        var input = TestWebP.Riff(TestWebP.Chunk("VP8L", TestWebP.Vp8LBitstream(7, 4)));
        var result = Sanitizer.Sanitize(input);
        result.Output.ShouldBe(input);
        (result.Width, result.Height).ShouldBe((7, 4));
    }

    [Fact]
    public void Simple_lossy_file_with_stray_exif_is_converted_to_extended_only_to_keep_orientation()
    {
        var vp8 = TestWebP.Vp8Keyframe(300, 200);
        var rotated = TestWebP.Riff(TestWebP.Chunk("VP8 ", vp8), TestWebP.Chunk("EXIF", TestExif.Tiff(6)));

        var result = Sanitizer.Sanitize(rotated);

        result.Succeeded.ShouldBeTrue(result.Rejection?.Detail);
        MetadataProbe.AssertClean(result.Output, 6);
        var output = result.Output;
        output.AsSpan(12, 4).SequenceEqual("VP8X"u8).ShouldBeTrue();
        output[20].ShouldBe(ExifFlag);
        (ReadU24(output, 24) + 1, ReadU24(output, 27) + 1).ShouldBe((300, 200));
        output.AsSpan(30).StartsWith(TestWebP.Chunk("VP8 ", vp8)).ShouldBeTrue();
        BinaryPrimitives.ReadUInt32LittleEndian(output.AsSpan(4)).ShouldBe((uint)(output.Length - 8));

        var upright = Sanitizer.Sanitize(TestWebP.Riff(TestWebP.Chunk("VP8 ", vp8), TestWebP.Chunk("EXIF", TestExif.Tiff(1))));
        upright.Output.ShouldBe(TestWebP.Riff(TestWebP.Chunk("VP8 ", vp8)));
    }

    [Fact]
    public void Animation_frames_are_kept_byte_identical()
    {
        var frame = ByteBuilder.Concat(new byte[] { 0, 0, 0, 0, 0, 0, 3, 0, 0, 2, 0, 0, 100, 0, 0, 0 }, TestWebP.Chunk("VP8L", TestWebP.Vp8LBitstream(4, 3)));
        var anim = TestWebP.Chunk("ANIM", [0, 0, 0, 0, 0, 0]);
        var input = TestWebP.Riff(TestWebP.Vp8X(0x02 | Xmp, 4, 3), anim, TestWebP.Chunk("ANMF", frame), TestWebP.Chunk("ANMF", frame),
            TestWebP.Chunk("XMP ", System.Text.Encoding.UTF8.GetBytes(TestMetadata.XmpPacket())));

        var result = Sanitizer.Sanitize(input);

        result.Output.ShouldBe(TestWebP.Riff(TestWebP.Vp8X(0x02, 4, 3), anim, TestWebP.Chunk("ANMF", frame), TestWebP.Chunk("ANMF", frame)));
    }

    private static int ReadU24(byte[] b, int at) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
}
