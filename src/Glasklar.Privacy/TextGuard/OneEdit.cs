namespace Glasklar.Privacy.TextGuard;

/// <summary>
/// Typing slips: finds the prefixes of a word that are exactly one edit (substitution, deletion,
/// insertion or swap of neighbours) away from a stem. Linear in the stem length, no allocation.
/// </summary>
internal static class OneEdit
{
    /// <summary>Writes the end positions of matching prefixes of <paramref name="word"/> into <paramref name="ends"/> (max 4); returns their count.</summary>
    public static int PrefixEnds(string stem, ReadOnlySpan<char> word, Span<int> ends)
    {
        var n = stem.Length;
        var i = 0;
        while (i < n && i < word.Length && word[i] == stem[i])
        {
            i++;
        }

        if (i == n)
        {
            return 0; // exact prefix: not a slip, the trie handles it
        }

        var count = 0;

        // substitution: word[i] differs, rest of the stem follows
        if (i < word.Length && Same(word, i + 1, stem, i + 1, n - i - 1))
        {
            ends[count++] = n;
        }

        // swapped neighbours
        if (i + 1 < n && i + 1 < word.Length && word[i] == stem[i + 1] && word[i + 1] == stem[i] && Same(word, i + 2, stem, i + 2, n - i - 2))
        {
            ends[count++] = n;
        }

        // a letter missing in the word
        if (Same(word, i, stem, i + 1, n - i - 1))
        {
            ends[count++] = n - 1;
        }

        // an extra letter in the word
        if (Same(word, i + 1, stem, i, n - i))
        {
            ends[count++] = n + 1;
        }

        return count;
    }

    private static bool Same(ReadOnlySpan<char> word, int wordStart, string stem, int stemStart, int length) =>
        length >= 0 && wordStart + length <= word.Length && word.Slice(wordStart, length).SequenceEqual(stem.AsSpan(stemStart, length));
}
