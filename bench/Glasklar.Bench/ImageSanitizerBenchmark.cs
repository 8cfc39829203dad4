using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using Glasklar.Privacy.Images;

namespace Glasklar.Bench;

/// <summary>
/// Promise X4 throughput: sanitises ~5 MB camera-shaped JPEG, PNG and WebP files (metadata in front, large image
/// payload, preview trailer) single-threaded and prints MB/s of input. Target: at least 100 MB/s.
/// </summary>
internal sealed class ImageSanitizerBenchmark : IBenchmark
{
    public string Name => "image-sanitize";

    public string Description => "Image sanitiser (X4) throughput on ~5 MB JPEG/PNG/WebP with metadata; args: [MB] [seconds]";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var megabytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var random = new Random(4711);
        var payload = megabytes * 1024 * 1024;
        var sanitizer = ImageSanitizer.Instance;

        Console.WriteLine($"image-sanitize: single thread, {seconds} s per format, payload {megabytes} MB");
        var worst = double.MaxValue;
        foreach (var (name, file) in new[] { ("jpeg", Jpeg(random, payload)), ("png", Png(random, payload)), ("webp", WebP(random, payload)) })
        {
            var first = sanitizer.Sanitize(file);
            if (!first.Succeeded)
            {
                Console.Error.WriteLine($"{name}: refused ({first.Rejection?.Code}: {first.Rejection?.Detail})");
                return Task.FromResult(1);
            }

            for (var i = 0; i < 3; i++)
            {
                sanitizer.Sanitize(file); // warm-up (tiered JIT)
            }

            long iterations = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed.TotalSeconds < seconds && !cancellationToken.IsCancellationRequested)
            {
                sanitizer.Sanitize(file);
                iterations++;
            }

            var mbPerSecond = file.Length * (double)iterations / (1024 * 1024) / watch.Elapsed.TotalSeconds;
            worst = Math.Min(worst, mbPerSecond);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-5} {file.Length / 1048576.0,6:F2} MB in -> {first.Output.Length / 1048576.0,6:F2} MB out, removed {first.RemovedBlocks.Count} blocks: {mbPerSecond,8:F0} MB/s ({iterations} runs)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  slowest format: {worst:F0} MB/s (target >= 100 MB/s)"));
        return Task.FromResult(0);
    }

    internal static byte[] Jpeg(Random random, int payload)
    {
        using var s = new MemoryStream();
        s.Write([0xFF, 0xD8]);
        Segment(s, 0xE1, [.. "Exif\0\0II*\0"u8, .. Noise(random, 20_000)]); // Exif with an embedded thumbnail's worth of bytes
        Segment(s, 0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Noise(random, 8_000, text: true)]);
        Segment(s, 0xE2, [.. "ICC_PROFILE\0"u8, 1, 1, .. Noise(random, 3_000)]);
        Segment(s, 0xE2, [.. "MPF\0"u8, .. Noise(random, 100)]);
        Segment(s, 0xED, [.. "Photoshop 3.0\0"u8, .. Noise(random, 2_000)]);
        Segment(s, 0xDB, [0, .. Enumerable.Repeat((byte)1, 64)]);
        Segment(s, 0xC0, [8, 0x0F, 0xA0, 0x0B, 0xB8, 1, 1, 0x11, 0]); // 4000 x 3000
        Segment(s, 0xC4, [0x00, 0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        Segment(s, 0xDA, [1, 1, 0, 0, 63, 0]);
        foreach (var b in Noise(random, payload))
        {
            s.WriteByte(b);
            if (b == 0xFF)
            {
                s.WriteByte(0); // byte stuffing, as in real scan data
            }
        }

        s.Write([0xFF, 0xD9]);
        s.Write([0xFF, 0xD8, 0xFF, 0xDB, .. Noise(random, 200_000)]); // MPF preview after EOI
        return s.ToArray();
    }

    private static byte[] Png(Random random, int payload)
    {
        using var s = new MemoryStream();
        s.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(s, "IHDR", [0, 0, 0x0F, 0xA0, 0, 0, 0x0B, 0xB8, 8, 2, 0, 0, 0]);
        Chunk(s, "eXIf", [.. "II*\0"u8, .. Noise(random, 20_000)]);
        Chunk(s, "iTXt", [.. "XML:com.adobe.xmp\0\0\0\0\0"u8, .. Noise(random, 8_000, text: true)]);
        for (var left = payload; left > 0; left -= 65_536)
        {
            Chunk(s, "IDAT", Noise(random, Math.Min(left, 65_536)));
        }

        Chunk(s, "IEND", []);
        return s.ToArray();
    }

    private static byte[] WebP(Random random, int payload)
    {
        var vp8 = Noise(random, payload);
        vp8[0] = 0x10; // key frame tag
        vp8[3] = 0x9D;
        vp8[4] = 0x01;
        vp8[5] = 0x2A;
        BinaryPrimitives.WriteUInt16LittleEndian(vp8.AsSpan(6), 4000);
        BinaryPrimitives.WriteUInt16LittleEndian(vp8.AsSpan(8), 3000);
        using var body = new MemoryStream();
        RiffChunk(body, "VP8X", [0x0C, 0, 0, 0, 0x9F, 0x0F, 0, 0xB7, 0x0B, 0]);
        RiffChunk(body, "VP8 ", vp8);
        RiffChunk(body, "EXIF", [.. "II*\0"u8, .. Noise(random, 20_000)]);
        RiffChunk(body, "XMP ", Noise(random, 8_000, text: true));
        using var s = new MemoryStream();
        s.Write("RIFF"u8);
        s.Write(BitConverter.GetBytes((uint)(body.Length + 4))); // little-endian on every supported platform
        s.Write("WEBP"u8);
        body.WriteTo(s);
        return s.ToArray();
    }

    // Random bytes, or lowercase letters for XML-like blocks; a fixed seed keeps runs comparable.
    private static byte[] Noise(Random random, int length, bool text = false)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        if (text)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)('a' + (bytes[i] % 26));
            }
        }

        return bytes;
    }

    private static void Segment(Stream s, byte marker, byte[] payload)
    {
        s.Write([0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2)]);
        s.Write(payload);
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        s.Write(word);
        byte[] typeAndData = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        s.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(typeAndData));
        s.Write(word);
    }

    private static void RiffChunk(Stream s, string fourCc, byte[] payload)
    {
        s.Write(System.Text.Encoding.ASCII.GetBytes(fourCc));
        s.Write(BitConverter.GetBytes((uint)payload.Length));
        s.Write(payload);
        if (payload.Length % 2 == 1)
        {
            s.WriteByte(0);
        }
    }
}
