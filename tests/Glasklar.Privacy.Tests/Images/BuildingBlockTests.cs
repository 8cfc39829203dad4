using Glasklar.Privacy.Images;

namespace Glasklar.Privacy.Tests.Images;

[Trait("Promise", "X4")]
public sealed class BuildingBlockTests
{
    [Fact]
    public void Slicing_crc_matches_the_bitwise_reference_for_every_tail_length()
    {
        var random = new Random(7);
        foreach (var length in new[] { 0, 1, 7, 8, 9, 15, 16, 17, 63, 1000, 65_537 })
        {
            var data = new byte[length];
            random.NextBytes(data);
            Crc32.Compute(data).ShouldBe(TestPng.Crc(data), $"length {length}");
        }

        Crc32.Compute("123456789"u8).ShouldBe(0xCBF43926u); // the CRC-32 check value
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Orientation_is_read_in_both_byte_orders_and_written_minimally(bool littleEndian)
    {
        for (var o = 1; o <= 8; o++)
        {
            MinimalExif.ReadOrientation(TestExif.Tiff(o, littleEndian)).ShouldBe(o);
            var minimal = new byte[MinimalExif.TiffLength];
            MinimalExif.WriteTiff(minimal, o);
            MinimalExif.ReadOrientation(minimal).ShouldBe(o);
        }
    }

    [Fact]
    public void Malformed_or_out_of_range_orientation_counts_as_upright()
    {
        var tiff = TestExif.Tiff(6);
        MinimalExif.ReadOrientation(tiff[..12]).ShouldBe(1); // IFD cut off
        MinimalExif.ReadOrientation([.. "XX*\0"u8, .. tiff[4..]]).ShouldBe(1);
        MinimalExif.ReadOrientation(TestExif.Tiff(9)).ShouldBe(1);
        MinimalExif.ReadOrientation(TestExif.Tiff(null)).ShouldBe(1);
        MinimalExif.ReadOrientation([.. "Exif\0\0"u8, .. tiff]).ShouldBe(6); // tolerated prefix
    }

    [Fact]
    public void Webp_reserved_vp8x_bits_are_cleared()
    {
        var input = TestWebP.Riff(TestWebP.Vp8X(0xC1 | 0x10, 3, 3), TestWebP.Chunk("VP8L", TestWebP.Vp8LBitstream(3, 3, alpha: true)));
        ImageSanitizer.Instance.Sanitize(input).Output![20].ShouldBe((byte)0x10);
    }
}
