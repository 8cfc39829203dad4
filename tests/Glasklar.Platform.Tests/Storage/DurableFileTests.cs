using Glasklar.Platform.Storage;

namespace Glasklar.Platform.Tests.Storage;

/// <summary>New files written durably from aligned buffers (O_DIRECT on Linux, buffered elsewhere), as the claim receipts are (ADR 0032).</summary>
public sealed class DurableFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("glasklar-durable-").FullName;

    [Theory]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(1048576 + 17)]
    public void The_file_holds_exactly_the_bytes_of_the_buffer(int length)
    {
        var expected = new byte[length];
        new Random(length).NextBytes(expected);
        var path = Path.Combine(_directory, $"{length}.bin");
        using (var buffer = AlignedBuffer.Rent(length))
        {
            expected.CopyTo(buffer.Span);
            DurableFile.WriteNew(path, buffer);
        }

        File.ReadAllBytes(path).ShouldBe(expected);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void An_existing_file_is_never_overwritten()
    {
        var path = Path.Combine(_directory, "vorhanden.bin");
        File.WriteAllBytes(path, [1, 2, 3]);
        using var buffer = AlignedBuffer.Rent(10);
        buffer.Span.Fill(9);

        Should.Throw<IOException>(() => DurableFile.WriteNew(path, buffer));
        File.ReadAllBytes(path).ShouldBe([1, 2, 3]);
    }

    [Fact]
    public void A_file_system_without_direct_writes_gets_a_buffered_write()
    {
        Assert.SkipUnless(Directory.Exists("/dev/shm"), "no tmpfs at /dev/shm on this machine");
        var path = Path.Combine("/dev/shm", $"glasklar-durable-{Guid.NewGuid():N}.bin");
        try
        {
            using var buffer = AlignedBuffer.Rent(5000);
            buffer.Span.Fill(7);
            DurableFile.WriteNew(path, buffer);
            File.ReadAllBytes(path).ShouldBe(Enumerable.Repeat((byte)7, 5000).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_buffer_is_at_least_as_long_as_asked_in_whole_blocks_and_unusable_once_returned()
    {
        var first = AlignedBuffer.Rent(100_000);
        first.Length.ShouldBe(100_000);
        first.Capacity.ShouldBeGreaterThanOrEqualTo(100_000);
        (first.Capacity % AlignedBuffer.Alignment).ShouldBe(0);
        first.Span[^1] = 42;
        first.Dispose();
        Should.Throw<ObjectDisposedException>(() => first.Span.Length);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
