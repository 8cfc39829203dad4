using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Glasklar.Privacy.Tests.TextGuard;

/// <summary>One labelled note of the development set.</summary>
internal sealed record LabelledNote(string Text, bool Special, IReadOnlyList<string> Categories);

/// <summary>Reads the JSON Lines development set that sits next to this file in the repository.</summary>
internal static class LabelledSet
{
    public static IReadOnlyList<LabelledNote> Load(string fileName = "dev-set.jsonl") =>
        [.. File.ReadAllLines(Path.Combine(Folder(), fileName))
            .Where(l => l.Trim().Length > 0)
            .Select(Parse)];

    private static LabelledNote Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        return new LabelledNote(
            root.GetProperty("text").GetString()!,
            root.GetProperty("special").GetBoolean(),
            [.. root.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!)]);
    }

    // The set is test data in the source tree, not a build output; locate it from this file's path.
    private static string Folder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
