using Glasklar.Privacy.Images;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Icc;
using MetadataExtractor.Formats.Png;

namespace Glasklar.Privacy.Tests.Images;

[Trait("Promise", "X4")]
[Trait("Promise", "A9")]
public sealed class PngSanitizerTests
{
    private static readonly IImageSanitizer Sanitizer = ImageSanitizer.Instance;

    private static byte[] DirtyPng(TestPng.Parts parts, int? orientation, byte[] profile) => parts.With(
        beforeIdat:
        [
            TestPng.Iccp(profile),
            TestPng.Chunk("gAMA", new ByteBuilder().U32BE(45455).ToArray()),
            TestPng.Chunk("pHYs", new ByteBuilder().U32BE(2835).U32BE(2835).Bytes(1).ToArray()),
            TestPng.Chunk("eXIf", TestExif.Tiff(orientation)),
            TestPng.Text("Author", TestExif.Artist),
            TestPng.ZText("Comment", TestMetadata.Comment),
            TestPng.IText("XML:com.adobe.xmp", TestMetadata.XmpPacket()),
            TestPng.Time(),
        ],
        afterIdat: [TestPng.Text("Creation Time", TestExif.DateTime)],
        trailer: "\0\0\0\0 trailing bytes after IEND"u8.ToArray());

    [Theory]
    [InlineData(6)]
    [InlineData(2)]
    public void Text_time_exif_and_trailer_are_removed_orientation_kept(int orientation)
    {
        var parts = TestPng.Encode();
        var input = DirtyPng(parts, orientation, TestMetadata.IccProfile());
        MetadataProbe.AssertDirty(input, typeof(ExifIfd0Directory), typeof(GpsDirectory), typeof(PngDirectory));
        MetadataProbe.Describe(MetadataProbe.Read(input)).ShouldContain("Textual Data");

        var result = Sanitizer.Sanitize(input);

        result.Succeeded.ShouldBeTrue(result.Rejection?.Detail);
        (result.Kind, result.Width, result.Height, result.Orientation).ShouldBe((ImageKind.Png, 8, 6, orientation));
        MetadataProbe.AssertClean(result.Output, orientation);
        result.RemovedBlocks.ShouldBe(["PNG/pHYs", "PNG/eXIf", "PNG/tEXt", "PNG/zTXt", "PNG/iTXt", "PNG/tIME", "PNG/tEXt", "trailer"]);
    }

    [Fact]
    public void Idat_and_icc_profile_are_byte_identical_and_every_crc_is_valid()
    {
        var parts = TestPng.Encode(13, 7);
        var profile = TestMetadata.IccProfile();
        var output = Sanitizer.Sanitize(DirtyPng(parts, 6, profile)).Output!;

        output.AsSpan().IndexOf(parts.IdatBytes).ShouldBeGreaterThan(0);
        output.AsSpan().EndsWith(parts.Iend).ShouldBeTrue();
        output.AsSpan().IndexOf(TestPng.Iccp(profile)).ShouldBeGreaterThan(0);
        MetadataProbe.Read(output).OfType<IccDirectory>().ShouldHaveSingleItem();

        // Walk the output: IHDR, eXIf (minimal), iCCP, gAMA, IDAT×2, IEND — each CRC checked independently.
        var types = new List<string>();
        for (var pos = 8; pos < output.Length;)
        {
            var length = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(output.AsSpan(pos));
            var typeAndData = output[(pos + 4)..(pos + 8 + length)];
            System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(output.AsSpan(pos + 8 + length)).ShouldBe(TestPng.Crc(typeAndData));
            types.Add(System.Text.Encoding.ASCII.GetString(typeAndData, 0, 4));
            pos += 12 + length;
        }

        types.ShouldBe(["IHDR", "eXIf", "iCCP", "gAMA", "IDAT", "IDAT", "IEND"]);
    }

    [Fact]
    public void Upright_png_gets_no_exif_chunk()
    {
        var result = Sanitizer.Sanitize(DirtyPng(TestPng.Encode(), 1, TestMetadata.IccProfile()));
        MetadataProbe.AssertClean(result.Output!, 1);
        result.Output!.AsSpan().IndexOf("eXIf"u8).ShouldBe(-1);
    }

    [Fact]
    public void A_clean_png_passes_unchanged()
    {
        var input = TestPng.Encode().With();
        Sanitizer.Sanitize(input).Output.ShouldBe(input);
    }

    [Fact]
    public void Unknown_ancillary_chunks_are_dropped_but_unknown_critical_chunks_refused()
    {
        var parts = TestPng.Encode();
        var ancillary = Sanitizer.Sanitize(parts.With([TestPng.Chunk("prVt", "Max Mustermann"u8.ToArray())]));
        ancillary.RemovedBlocks.ShouldBe(["PNG/ancillary"]);
        MetadataProbe.ContainsAscii(ancillary.Output!, "Max Mustermann").ShouldBeFalse();

        var critical = Sanitizer.Sanitize(parts.With([TestPng.Chunk("CgBI", [0x50, 0, 0x20, 2])]));
        critical.Rejection!.Code.ShouldBe(ImageRejectionCodes.UnsupportedVariant);
    }
}
