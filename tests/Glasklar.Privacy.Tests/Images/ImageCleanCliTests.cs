using Glasklar.Privacy.Images;

namespace Glasklar.Privacy.Tests.Images;

[Trait("Promise", "X4")]
[Trait("Promise", "A9")]
public sealed class ImageCleanCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "glasklar-image-clean-" + Guid.NewGuid().ToString("N"));

    public ImageCleanCliTests() => System.IO.Directory.CreateDirectory(_dir);

    public void Dispose() => System.IO.Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Cleans_a_photo_and_writes_the_output_file()
    {
        var input = Path.Combine(_dir, "schaden.jpg");
        var output = Path.Combine(_dir, "sauber.jpg");
        File.WriteAllBytes(input, TestJpeg.Encode().With(TestJpeg.Segment(0xE1, TestExif.App1Payload(6))));
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        ImageCleanCli.Run(input, output, stdout, stderr).ShouldBe(0, stderr.ToString());

        stderr.ToString().ShouldBeEmpty();
        stdout.ToString().ShouldContain("APP1/Exif");
        MetadataProbe.AssertClean(File.ReadAllBytes(output), 6);
        System.IO.Directory.GetFiles(_dir).Length.ShouldBe(2); // no temporary file left behind
    }

    [Fact]
    public void Refuses_with_exit_2_and_a_german_reason_and_creates_no_output()
    {
        var input = Path.Combine(_dir, "foto.jpg"); // the name claims JPEG, the bytes are HEIC
        var output = Path.Combine(_dir, "out.jpg");
        File.WriteAllBytes(input, new ByteBuilder().U32BE(24).Ascii("ftypheic").U32BE(0).Ascii("mif1heic").ToArray());
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        ImageCleanCli.Run(input, output, stdout, stderr).ShouldBe(2);

        stderr.ToString().ShouldContain("Bitte laden Sie das Foto als JPEG hoch");
        stderr.ToString().ShouldContain(ImageRejectionCodes.Heic);
        File.Exists(output).ShouldBeFalse();
        System.IO.Directory.GetFiles(_dir).ShouldBe([input]);
    }

    [Fact]
    public void Missing_input_and_unwritable_output_exit_with_2()
    {
        var stderr = new StringWriter();
        ImageCleanCli.Run(Path.Combine(_dir, "fehlt.jpg"), Path.Combine(_dir, "out.jpg"), TextWriter.Null, stderr).ShouldBe(2);
        stderr.ToString().ShouldContain("nicht gefunden");

        var input = Path.Combine(_dir, "ok.png");
        File.WriteAllBytes(input, TestPng.Encode().With());
        var unwritable = Path.Combine(_dir, "no-such-dir", "out.png");
        ImageCleanCli.Run(input, unwritable, TextWriter.Null, stderr).ShouldBe(2);
        File.Exists(unwritable).ShouldBeFalse();
    }

    [Fact]
    public void Oversized_input_is_refused_without_output()
    {
        var input = Path.Combine(_dir, "gross.jpg");
        using (var f = File.Create(input))
        {
            f.Write([0xFF, 0xD8, 0xFF]);
            f.SetLength((15 * 1024 * 1024) + 1);
        }

        var stderr = new StringWriter();
        ImageCleanCli.Run(input, Path.Combine(_dir, "out.jpg"), TextWriter.Null, stderr).ShouldBe(2);
        stderr.ToString().ShouldContain(ImageRejectionCodes.TooLarge);
        File.Exists(Path.Combine(_dir, "out.jpg")).ShouldBeFalse();
    }
}
