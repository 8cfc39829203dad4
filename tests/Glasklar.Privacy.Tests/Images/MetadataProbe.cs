using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Icc;
using MeDirectory = MetadataExtractor.Directory;

namespace Glasklar.Privacy.Tests.Images;

/// <summary>Reads files with MetadataExtractor (the independent verifier) and checks what may survive sanitising.</summary>
internal static class MetadataProbe
{
    // Words in tag names that mean time, place, device or identity.
    private static readonly string[] PrivateTagWords =
    [
        "Date", "Time", "GPS", "Make", "Model", "Artist", "Serial", "Owner", "Copyright", "Comment", "Text", "Keyword",
        "Caption", "By-line", "City", "Creator", "XMP", "Location", "Latitude", "Longitude", "Software",
    ];

    internal static IReadOnlyList<MeDirectory> Read(byte[] file) => ImageMetadataReader.ReadMetadata(new MemoryStream(file));

    internal static string Describe(IEnumerable<MeDirectory> directories) =>
        string.Join("; ", directories.Select(d => d.Name + ": " + string.Join(", ", d.Tags.Select(t => t.Name))));

    /// <summary>
    /// The cleaned file: no parser errors, no private directory, no private tag (ICC excepted: its header date is the
    /// profile's, kept byte-identical by design), Exif only as IFD0 holding Orientation alone, no secret string anywhere.
    /// </summary>
    internal static void AssertClean(byte[] file, int expectedOrientation)
    {
        var directories = Read(file);
        var description = Describe(directories);
        foreach (var d in directories)
        {
            d.HasError.ShouldBeFalse($"{d.Name}: {string.Join(", ", d.Errors)}");
            d.Name.ShouldNotContainAny(["XMP", "IPTC", "Photoshop", "GPS", "Exif SubIFD", "Exif Thumbnail", "Comment", "Interoperability"], description);
            if (d is IccDirectory or ExifIfd0Directory)
            {
                continue;
            }

            foreach (var tag in d.Tags)
            {
                tag.Name.ShouldNotContainAny(PrivateTagWords, description);
            }
        }

        var exif = directories.OfType<ExifIfd0Directory>().ToList();
        if (expectedOrientation == 1)
        {
            exif.ShouldBeEmpty(description);
            file.AsSpan().IndexOf("Exif"u8).ShouldBe(-1);
        }
        else
        {
            exif.Count.ShouldBe(1, description);
            exif[0].Tags.Select(t => t.Type).ShouldBe([ExifDirectoryBase.TagOrientation], description);
            exif[0].GetInt32(ExifDirectoryBase.TagOrientation).ShouldBe(expectedOrientation);
        }

        foreach (var secret in TestMetadata.Secrets)
        {
            ContainsAscii(file, secret).ShouldBeFalse($"'{secret}' survived");
        }
    }

    /// <summary>Guards the tests themselves: the input really carries what the sanitiser must remove.</summary>
    internal static void AssertDirty(byte[] file, params Type[] expectedDirectoryTypes)
    {
        var directories = Read(file);
        foreach (var type in expectedDirectoryTypes)
        {
            directories.ShouldContain(d => type.IsInstanceOfType(d), $"input lacks {type.Name}: {Describe(directories)}");
        }
    }

    internal static bool ContainsAscii(byte[] file, string text) =>
        file.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;

    private static void ShouldNotContainAny(this string value, string[] words, string context)
    {
        foreach (var w in words)
        {
            value.Contains(w, StringComparison.OrdinalIgnoreCase).ShouldBeFalse($"'{value}' contains '{w}' — {context}");
        }
    }
}
