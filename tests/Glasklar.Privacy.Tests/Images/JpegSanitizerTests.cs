using Glasklar.Privacy.Images;
using MetadataExtractor;
using MetadataExtractor.Formats.Adobe;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Icc;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Jfif;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Xmp;

namespace Glasklar.Privacy.Tests.Images;

[Trait("Promise", "X4")]
[Trait("Promise", "A9")]
public sealed class JpegSanitizerTests
{
    private static readonly IImageSanitizer Sanitizer = ImageSanitizer.Instance;

    private static byte[] CameraJpeg(TestJpeg.Parts parts, int? orientation, byte[] profile) => ByteBuilder.Concat(
        [0xFF, 0xD8],
        TestJpeg.Jfif(thumbWidth: 2, thumbHeight: 1),
        TestJpeg.Segment(0xE1, TestExif.App1Payload(orientation)),
        TestJpeg.Segment(0xE1, TestMetadata.XmpApp1Payload(announceExtended: true)),
        TestJpeg.Segment(0xE1, TestMetadata.ExtendedXmpApp1Payload()),
        TestJpeg.Segment(0xE2, TestMetadata.IccApp2Payload(profile)),
        TestJpeg.Segment(0xE2, TestMetadata.MpfPayload()),
        TestJpeg.Segment(0xED, TestMetadata.PhotoshopIptcPayload()),
        TestJpeg.Segment(0xEB, "JP\0\0HDR-gain-map"u8.ToArray()),
        TestJpeg.Segment(0xFE, System.Text.Encoding.ASCII.GetBytes(TestMetadata.Comment)),
        parts.Tables,
        TestJpeg.Segment(0xE1, TestExif.App1Payload(orientation: null, littleEndian: false)), // metadata after the tables
        TestJpeg.Segment(0xFE, System.Text.Encoding.ASCII.GetBytes(TestMetadata.Comment)),
        parts.Scan,
        TrailingPreview());

    // Phones append MPF secondary images after EOI; this one carries its own Exif with GPS.
    private static byte[] TrailingPreview() =>
        TestJpeg.Encode(8, 8).With(TestJpeg.Segment(0xE1, TestExif.App1Payload(1)));

    [Theory]
    [InlineData(6)]
    [InlineData(3)]
    [InlineData(8)]
    public void Camera_metadata_is_removed_and_orientation_kept_in_a_minimal_exif(int orientation)
    {
        var parts = TestJpeg.Encode();
        var profile = TestMetadata.IccProfile();
        var input = CameraJpeg(parts, orientation, profile);
        MetadataProbe.AssertDirty(input, typeof(GpsDirectory), typeof(ExifSubIfdDirectory), typeof(XmpDirectory),
            typeof(IptcDirectory), typeof(JpegCommentDirectory), typeof(IccDirectory));

        var result = Sanitizer.Sanitize(input);

        result.Succeeded.ShouldBeTrue(result.Rejection?.Detail);
        result.Kind.ShouldBe(ImageKind.Jpeg);
        (result.Width, result.Height, result.Orientation).ShouldBe((32, 16, orientation));
        MetadataProbe.AssertClean(result.Output, orientation);
        result.RemovedBlocks.ShouldBe(
            ["APP0/JFIF-thumbnail", "APP1/Exif", "APP1/XMP", "APP1/XMP-extended", "APP2/MPF", "APP13/Photoshop-IRB", "APP11", "COM",
             "APP1/Exif", "COM", "trailer/embedded-JPEG"],
            ignoreOrder: false);
    }

    [Fact]
    public void Scan_data_tables_and_icc_profile_are_byte_identical()
    {
        var parts = TestJpeg.Encode(40, 24);
        var profile = TestMetadata.IccProfile();
        var output = Sanitizer.Sanitize(CameraJpeg(parts, 6, profile)).Output!;

        output.AsSpan().EndsWith(parts.Scan).ShouldBeTrue("SOS header, entropy-coded data and EOI must be unchanged and last");
        output.AsSpan().IndexOf(parts.Tables).ShouldBeGreaterThan(0);
        output.AsSpan().IndexOf(TestJpeg.Segment(0xE2, TestMetadata.IccApp2Payload(profile))).ShouldBeGreaterThan(0);
        var icc = MetadataProbe.Read(output).OfType<IccDirectory>().Single();
        icc.GetDescription(IccDirectory.TagProfileByteCount).ShouldBe(profile.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Output_layout_is_soi_jfif_exif_then_kept_segments()
    {
        var parts = TestJpeg.Encode();
        var output = Sanitizer.Sanitize(CameraJpeg(parts, 6, TestMetadata.IccProfile())).Output!;

        // SOI, canonical 16-byte JFIF without thumbnail, 34-byte APP1 Exif (big-endian TIFF, one IFD0 entry).
        output[..4].ShouldBe(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 });
        output[4..6].ShouldBe(new byte[] { 0, 16 });
        output[(6 + 14 - 2)..(6 + 14)].ShouldBe(new byte[] { 0, 0 });
        output[20..24].ShouldBe(new byte[] { 0xFF, 0xE1, 0, 34 });
        output[24..34].ShouldBe("Exif\0\0MM\0*"u8.ToArray());
        MetadataProbe.Read(output).OfType<JfifDirectory>().Single().GetInt32(JfifDirectory.TagThumbWidth).ShouldBe(0);
    }

    [Fact]
    public void Upright_or_missing_orientation_writes_no_exif_at_all()
    {
        var parts = TestJpeg.Encode();
        foreach (int? orientation in new int?[] { 1, null })
        {
            var result = Sanitizer.Sanitize(CameraJpeg(parts, orientation, TestMetadata.IccProfile()));
            result.Orientation.ShouldBe(1);
            MetadataProbe.AssertClean(result.Output!, 1);
        }
    }

    [Fact]
    public void Big_endian_exif_orientation_is_read()
    {
        var parts = TestJpeg.Encode();
        var input = parts.With(TestJpeg.Segment(0xE1, TestExif.App1Payload(5, littleEndian: false)));
        var result = Sanitizer.Sanitize(input);
        result.Orientation.ShouldBe(5);
        MetadataProbe.AssertClean(result.Output!, 5);
    }

    [Fact]
    public void Adobe_segment_is_kept_and_unknown_app_segments_go()
    {
        var parts = TestJpeg.Encode();
        var input = parts.With(TestJpeg.Adobe(), TestJpeg.Segment(0xE3, "META"u8.ToArray()), TestJpeg.Segment(0xEF, "x"u8.ToArray()));
        var result = Sanitizer.Sanitize(input);
        result.Output!.AsSpan().IndexOf(TestJpeg.Adobe()).ShouldBeGreaterThan(0);
        MetadataProbe.Read(result.Output!).OfType<AdobeJpegDirectory>().ShouldHaveSingleItem();
        result.RemovedBlocks.ShouldBe(["APP3", "APP15"]);
    }

    [Fact]
    public void A_clean_jpeg_passes_unchanged()
    {
        var input = TestJpeg.Encode().With(TestJpeg.Jfif());
        var result = Sanitizer.Sanitize(input);
        result.Output.ShouldBe(input);
        result.RemovedBlocks.ShouldBeEmpty();
    }

    [Fact]
    public void Progressive_jpeg_with_metadata_between_scans_is_cleaned()
    {
        var parts = TestJpeg.Encode(16, 16, sofMarker: 0xC2);
        var scanWithoutEoi = parts.Scan[..^2];
        var input = ByteBuilder.Concat([0xFF, 0xD8], parts.Tables, scanWithoutEoi,
            TestJpeg.Segment(0xFE, System.Text.Encoding.ASCII.GetBytes(TestMetadata.Comment)), scanWithoutEoi, [0xFF, 0xD9]);

        var result = Sanitizer.Sanitize(input);

        result.Succeeded.ShouldBeTrue(result.Rejection?.Detail);
        result.Output.ShouldBe(ByteBuilder.Concat([0xFF, 0xD8], parts.Tables, scanWithoutEoi, scanWithoutEoi, [0xFF, 0xD9]));
        result.RemovedBlocks.ShouldBe(["COM"]);
    }

    [Fact]
    public void Stuffed_bytes_and_restart_markers_in_scan_data_are_not_taken_for_markers()
    {
        var parts = TestJpeg.Encode(8, 8);
        var sos = parts.Scan[..^2];
        var scan = ByteBuilder.Concat(sos, [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xFF, 0xD9]);
        var input = ByteBuilder.Concat([0xFF, 0xD8], parts.Tables, scan);
        var result = Sanitizer.Sanitize(input);
        result.Output.ShouldBe(input);
    }
}
