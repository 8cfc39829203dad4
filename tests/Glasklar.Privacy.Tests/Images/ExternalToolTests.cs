using System.Diagnostics;
using Glasklar.Privacy.Images;

namespace Glasklar.Privacy.Tests.Images;

/// <summary>
/// Second opinions when the Debian tools are installed (exiftool, djpeg, dwebp): no metadata group survives, and the
/// cleaned files still decode. Skipped, not passed, when a tool is missing; MetadataExtractor remains the main check.
/// </summary>
[Trait("Promise", "X4")]
[Trait("Promise", "A9")]
public sealed class ExternalToolTests : IDisposable
{
    private static readonly IImageSanitizer Sanitizer = ImageSanitizer.Instance;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "glasklar-image-tools-" + Guid.NewGuid().ToString("N"));

    public ExternalToolTests() => System.IO.Directory.CreateDirectory(_dir);

    public void Dispose() => System.IO.Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, byte[]> DirtyFiles() => new()
    {
        { "jpg", DirtyJpeg() },
        { "png", DirtyPng() },
        { "webp", DirtyWebP() },
    };

    private static byte[] DirtyJpeg() => TestJpeg.Encode(24, 16).With(
                TestJpeg.Segment(0xE1, TestExif.App1Payload(6)),
                TestJpeg.Segment(0xE1, TestMetadata.XmpApp1Payload()),
                TestJpeg.Segment(0xED, TestMetadata.PhotoshopIptcPayload()),
                TestJpeg.Segment(0xFE, System.Text.Encoding.ASCII.GetBytes(TestMetadata.Comment)));

    private static byte[] DirtyPng() => TestPng.Encode().With(
        [TestPng.Chunk("eXIf", TestExif.Tiff(6)), TestPng.Text("Author", TestExif.Artist), TestPng.Time(),
         TestPng.IText("XML:com.adobe.xmp", TestMetadata.XmpPacket())]);

    private static byte[] DirtyWebP() => TestWebP.Riff(
        TestWebP.Vp8X(0x08 | 0x04, 6, 4), TestWebP.Chunk("VP8L", TestWebP.Vp8LBitstream(6, 4)),
        TestWebP.Chunk("EXIF", TestExif.Tiff(6)), TestWebP.Chunk("XMP ", System.Text.Encoding.UTF8.GetBytes(TestMetadata.XmpPacket())));

    [Theory]
    [MemberData(nameof(DirtyFiles))]
    public void Exiftool_finds_only_the_orientation(string extension, byte[] input)
    {
        RequireTool("exiftool");
        var before = Run("exiftool", "-a", "-G1", "-s", Write("in." + extension, input));
        before.ShouldContain("GPSLatitude");
        before.ShouldContain("XMP");

        var after = Run("exiftool", "-a", "-G1", "-s", Write("out." + extension, Sanitizer.Sanitize(input).Output!));

        foreach (var group in new[] { "[GPS]", "[ExifIFD]", "[XMP", "[IPTC]", "[Photoshop]", "[File] Comment", "Warning" })
        {
            after.ShouldNotContain(group, Case.Sensitive, after);
        }

        after.ShouldContain("Orientation", Case.Sensitive, after);
        after.ShouldContain("Rotate 90 CW", Case.Sensitive, after);
        foreach (var secret in TestMetadata.Secrets)
        {
            after.ShouldNotContain(secret, Case.Sensitive, after);
        }
    }

    [Fact]
    public void Test_jpegs_decode_before_and_after_cleaning()
    {
        RequireTool("djpeg");
        var input = DirtyJpeg();
        var before = Run("djpeg", "-pnm", "-outfile", Path.Combine(_dir, "a.pgm"), Write("in.jpg", input));
        var after = Run("djpeg", "-pnm", "-outfile", Path.Combine(_dir, "b.pgm"), Write("out.jpg", Sanitizer.Sanitize(input).Output!));
        (before + after).ShouldBeEmpty();
        File.ReadAllBytes(Path.Combine(_dir, "b.pgm")).ShouldBe(File.ReadAllBytes(Path.Combine(_dir, "a.pgm"))); // same pixels
    }

    [Fact]
    public void Test_webp_decodes_after_cleaning()
    {
        RequireTool("dwebp");
        var input = DirtyWebP();
        Run("dwebp", Write("in.webp", input), "-pam", "-o", Path.Combine(_dir, "a.pam"));
        Run("dwebp", Write("out.webp", Sanitizer.Sanitize(input).Output!), "-pam", "-o", Path.Combine(_dir, "b.pam"));
        File.ReadAllBytes(Path.Combine(_dir, "b.pam")).ShouldBe(File.ReadAllBytes(Path.Combine(_dir, "a.pam")));
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void RequireTool(string tool)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
        Assert.SkipUnless(found, $"{tool} is not installed");
    }

    private static string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{tool}: {stderr}");
        return stdout.Result + stderr;
    }
}
