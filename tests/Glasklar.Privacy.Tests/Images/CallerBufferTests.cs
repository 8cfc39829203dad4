using Glasklar.Privacy.Images;

namespace Glasklar.Privacy.Tests.Images;

/// <summary>The sanitiser can write into a caller's (pooled, longer) array; the cleaned file is the same.</summary>
public sealed class CallerBufferTests
{
    [Fact]
    [Trait("Promise", "X4")]
    public void A_longer_caller_array_holds_the_same_cleaned_file_as_a_new_one()
    {
        var jpeg = TestJpeg.Encode().With(TestJpeg.Segment(0xE1, TestExif.App1Payload(1)));
        var exact = ImageSanitizer.Instance.Sanitize(jpeg);
        var asked = new List<int>();
        var pooled = ImageSanitizer.Instance.Sanitize(jpeg, length =>
        {
            asked.Add(length);
            var longer = new byte[length + 1000];
            Array.Fill(longer, (byte)0xEE);
            return longer;
        });

        exact.Succeeded.ShouldBeTrue();
        pooled.Succeeded.ShouldBeTrue();
        asked.ShouldBe([exact.Output!.Length]);
        pooled.OutputLength.ShouldBe(exact.Output.Length);
        pooled.Content.ToArray().ShouldBe(exact.Output);
        pooled.RemovedBlocks.ShouldBe(exact.RemovedBlocks);
    }

    [Fact]
    [Trait("Promise", "X4")]
    public void An_allocator_that_returns_too_little_is_an_error_not_a_cut_file()
    {
        var jpeg = TestJpeg.Encode().With(TestJpeg.Segment(0xE1, TestExif.App1Payload(1)));
        Should.Throw<ArgumentException>(() => ImageSanitizer.Instance.Sanitize(jpeg, length => new byte[length - 1]));
    }
}
