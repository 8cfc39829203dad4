using System.Collections.Frozen;

namespace Glasklar.Platform.Identity.Passwords;

/// <summary>
/// The embedded list <c>common-passwords.txt</c> plus the obvious variants of its entries: different case,
/// look-alike characters, digits or symbols before or after ("Passwort2024!"), separators between words
/// ("ich liebe dich"), and the entry repeated ("schatzschatz"). Also refuses trivial passwords of one
/// repeated character or a run like "abcdefghijkl" / "123456789012".
/// </summary>
internal static class CommonPasswords
{
    public const string ResourceName = "Glasklar.Platform.Identity.Passwords.common-passwords.txt";

    private static readonly Lazy<FrozenSet<string>> Skeletons = new(Load);

    public static int Count => Skeletons.Value.Count;

    public static bool IsCommon(string normalisedPassword)
    {
        var whole = PasswordText.Compact(normalisedPassword.ToLowerInvariant());
        if (whole.Length == 0 || IsTrivial(whole) || Listed(whole))
        {
            return true;
        }

        var stripped = StripNonLetterEnds(whole);
        if (stripped.Length > 0 && Listed(stripped))
        {
            return true;
        }

        // "schatzschatz", "xk7xk7xk7xk7": a listed word or a short pattern repeated.
        foreach (var text in new[] { whole, stripped })
        {
            if (RepeatedUnit(text) is { } unit && (unit.Length <= 4 || IsTrivial(unit) || Listed(unit)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Listed(string lower) =>
        Skeletons.Value.Contains(PasswordText.Skeleton(lower)) ||
        Skeletons.Value.Contains(PasswordText.Skeleton(PasswordText.RemoveDiacritics(lower)));

    /// <summary>Drops digits and symbols at both ends, the way people "strengthen" a word: 2024passwort!!</summary>
    private static string StripNonLetterEnds(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && !char.IsLetter(text[start]))
        {
            start++;
        }

        while (end > start && !char.IsLetter(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary>The shortest unit the text is two or more copies of, or null.</summary>
    private static string? RepeatedUnit(string text)
    {
        for (var size = 1; size <= text.Length / 2; size++)
        {
            if (text.Length % size != 0)
            {
                continue;
            }

            var unit = text[..size];
            var repeated = true;
            for (var i = size; i < text.Length && repeated; i += size)
            {
                repeated = string.CompareOrdinal(text, i, unit, 0, size) == 0;
            }

            if (repeated)
            {
                return unit;
            }
        }

        return null;
    }

    /// <summary>One character, or a run of code points going steadily up or down by one ("abcdef", "987654").</summary>
    private static bool IsTrivial(string text)
    {
        if (text.Length <= 2)
        {
            return true;
        }

        var step = text[1] - text[0];
        if (step is not (-1 or 0 or 1))
        {
            return false;
        }

        for (var i = 2; i < text.Length; i++)
        {
            if (text[i] - text[i - 1] != step)
            {
                return false;
            }
        }

        return true;
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Eingebettete Ressource {ResourceName} fehlt.");
        using var reader = new StreamReader(stream);
        var skeletons = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim();
            if (entry.Length == 0 || entry.StartsWith('#'))
            {
                continue;
            }

            var lower = PasswordText.Compact(PasswordPolicy.Normalise(entry).ToLowerInvariant());
            skeletons.Add(PasswordText.Skeleton(lower));
            skeletons.Add(PasswordText.Skeleton(PasswordText.RemoveDiacritics(lower)));
            // Entries with digits at the ends ("hallo123", "schalke04") also count by their word alone.
            var stripped = StripNonLetterEnds(lower);
            if (stripped.Length >= 4)
            {
                skeletons.Add(PasswordText.Skeleton(stripped));
            }
        }

        return skeletons.ToFrozenSet(StringComparer.Ordinal);
    }
}
