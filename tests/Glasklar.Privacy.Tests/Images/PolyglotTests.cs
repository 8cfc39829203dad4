using Glasklar.Privacy.Images;

namespace Glasklar.Privacy.Tests.Images;

/// <summary>Files that are an image and also something else are refused; harmless trailers are only dropped.</summary>
[Trait("Promise", "X4")]
[Trait("Promise", "A9")]
public sealed class PolyglotTests
{
    private static readonly IImageSanitizer Sanitizer = ImageSanitizer.Instance;

    public static TheoryData<string, byte[]> Foreign() => new()
    {
        { "zip", "PK\x03\x04\x14\0\0\0\0\0payload.js"u8.ToArray() },
        { "zip central directory only", "junkPK\x05\x06\0\0\0\0"u8.ToArray() },
        { "pdf", "%PDF-1.7\n1 0 obj << >> endobj"u8.ToArray() },
        { "html", "<!DOCTYPE html><p>hi"u8.ToArray() },
        { "script", "<ScRiPt>alert(1)</script>"u8.ToArray() },
        { "php", "<?php system($_GET['c']); ?>"u8.ToArray() },
        { "svg", "<svg onload=alert(1)>"u8.ToArray() },
        { "shell", "#!/bin/sh\nrm -rf /"u8.ToArray() },
        { "exe", "MZ\x90\0\x03\0"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(Foreign))]
    public void Foreign_content_after_the_end_marker_is_refused(string what, byte[] foreign)
    {
        Refuse(ByteBuilder.Concat(TestJpeg.Encode().With(), foreign), what);
        Refuse(TestPng.Encode().With(trailer: foreign), what);
        Refuse(ByteBuilder.Concat(TestWebP.Riff(TestWebP.Chunk("VP8L", TestWebP.Vp8LBitstream(3, 3))), foreign), what);
    }

    [Theory]
    [MemberData(nameof(Foreign))]
    public void Foreign_content_inside_metadata_blocks_is_refused(string what, byte[] foreign)
    {
        if (what is "shell" or "exe")
        {
            return; // leading-byte signatures only matter at the start of a trailer
        }

        Refuse(TestJpeg.Encode().With(TestJpeg.Segment(0xFE, foreign)), what);
        Refuse(TestJpeg.Encode().With(TestJpeg.Segment(0xE1, ByteBuilder.Concat("http://ns.adobe.com/xap/1.0/\0"u8.ToArray(), foreign))), what);
        Refuse(TestPng.Encode().With([TestPng.Chunk("tEXt", ByteBuilder.Concat("Comment\0"u8.ToArray(), foreign))]), what);
        Refuse(TestWebP.Riff(TestWebP.Chunk("VP8L", TestWebP.Vp8LBitstream(3, 3)), TestWebP.Chunk("XMP ", foreign)), what);
    }

    [Fact]
    public void The_jpeg_javascript_header_trick_is_neutralised()
    {
        // APP0 length 0x2F2A reads as "/*" in JavaScript; the JFIF segment is rewritten to its canonical 16 bytes.
        var parts = TestJpeg.Encode();
        var payload = ByteBuilder.Concat("JFIF\0\x01\x02\0\0\x01\0\x01\0\0"u8.ToArray(), new byte[0x2F2A - 2 - 14]);
        var result = Sanitizer.Sanitize(parts.With(TestJpeg.Segment(0xE0, payload)));
        result.Succeeded.ShouldBeTrue(result.Rejection?.Detail);
        result.Output[4..6].ShouldBe(new byte[] { 0, 16 });
    }

    [Fact]
    public void Harmless_trailing_bytes_are_removed_not_refused()
    {
        var image = TestJpeg.Encode().With();
        var result = Sanitizer.Sanitize(ByteBuilder.Concat(image, new byte[4096]));
        result.Output.ShouldBe(image);
        result.RemovedBlocks.ShouldBe(["trailer"]);
    }

    private static void Refuse(byte[] input, string what)
    {
        var result = Sanitizer.Sanitize(input);
        result.Rejection.ShouldNotBeNull(what);
        result.Rejection.Code.ShouldBe(ImageRejectionCodes.Polyglot, $"{what}: {result.Rejection.Detail}");
        result.Rejection.Message.ShouldContain("Sicherheitsgründen");
    }
}
