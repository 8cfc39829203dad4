using System.Diagnostics.CodeAnalysis;

namespace Glasklar.Privacy.Images;

/// <summary>
/// Promise X4: strips every metadata block from an uploaded photo and checks its type by content.
/// Expected failures (wrong format, corrupt, too large, polyglot) come back as a typed rejection, never as an exception.
/// </summary>
public interface IImageSanitizer
{
    ImageSanitizeResult Sanitize(ReadOnlySpan<byte> input);

    /// <summary>
    /// As <see cref="Sanitize(ReadOnlySpan{byte})"/>, but the cleaned file is written into <c>allocate(length)</c>, which may
    /// return a longer array (e.g. from a pool): <see cref="ImageSanitizeResult.Content"/> is the cleaned part of it.
    /// </summary>
    ImageSanitizeResult Sanitize(ReadOnlySpan<byte> input, Func<int, byte[]> allocate);
}

public enum ImageKind
{
    Jpeg,
    Png,
    WebP,
}

/// <summary>Why an image was refused. <see cref="Message"/> is German (Sie-form) for the uploader; <see cref="Code"/> is stable.</summary>
public sealed record ImageRejection(string Code, string Message)
{
    /// <summary>Technical detail for logs (English, never contains image content).</summary>
    public string? Detail { get; init; }
}

/// <summary>Stable rejection codes; modules may map them to their own UI texts.</summary>
public static class ImageRejectionCodes
{
    public const string Empty = "image.empty";
    public const string TooLarge = "image.too-large";
    public const string DimensionsTooLarge = "image.dimensions-too-large";
    public const string Heic = "image.heic";
    public const string UnsupportedFormat = "image.unsupported-format";
    public const string UnsupportedVariant = "image.unsupported-variant";
    public const string Corrupt = "image.corrupt";
    public const string Polyglot = "image.polyglot";
}

/// <summary>Either a cleaned image (<see cref="Content"/>; <see cref="Output"/> is one new array unless the caller allocated it) or a <see cref="Rejection"/>.</summary>
public sealed record ImageSanitizeResult
{
    private ImageSanitizeResult()
    {
    }

    [MemberNotNullWhen(true, nameof(Output))]
    public bool Succeeded => Output is not null && Rejection is null;

    /// <summary>The cleaned file (exactly, unless the caller's allocator returned a longer array); null when rejected.</summary>
    public byte[]? Output { get; private init; }

    /// <summary>Length of the cleaned file in <see cref="Output"/>.</summary>
    public int OutputLength { get; private init; }

    /// <summary>The cleaned file; empty when rejected.</summary>
    public ReadOnlyMemory<byte> Content => Output.AsMemory(0, OutputLength);

    /// <summary>Detected format; only meaningful when <see cref="Succeeded"/>.</summary>
    public ImageKind Kind { get; private init; }

    public int Width { get; private init; }

    public int Height { get; private init; }

    /// <summary>Exif orientation 1..8 that was kept (1 = upright; then no Exif block is written).</summary>
    public int Orientation { get; private init; } = 1;

    /// <summary>Names of the removed blocks, e.g. "APP1/Exif", "PNG/tEXt", "WebP/XMP", "trailer" (for logs and tests).</summary>
    public IReadOnlyList<string> RemovedBlocks { get; private init; } = [];

    public ImageRejection? Rejection { get; private init; }

    internal static ImageSanitizeResult Success((byte[] Buffer, int Length) output, ImageKind kind, int width, int height, int orientation, IReadOnlyList<string> removed) =>
        new() { Output = output.Buffer, OutputLength = output.Length, Kind = kind, Width = width, Height = height, Orientation = orientation, RemovedBlocks = removed };

    internal static ImageSanitizeResult Failure(ImageRejection rejection) => new() { Rejection = rejection };
}
