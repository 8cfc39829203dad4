namespace Glasklar.Privacy.TextGuard;

/// <summary>
/// Body part + condition head compounds ("Blasenschwäche", "Magenspiegelung"), matched from the end
/// of a word with two reversed tries, so the cost does not grow with the number of combinations.
/// </summary>
internal sealed class CompoundRule
{
    private static readonly string[] Linking = ["", "s", "n", "en", "e", "es"];

    private readonly StemTrie<int> _heads = new();
    private readonly StemTrie<int> _bodies = new();
    private string _category = TextCategories.Health;

    public static CompoundRule Parse(string content)
    {
        var rule = new CompoundRule();
        foreach (var line in Lexicon.DataLines(content))
        {
            var parts = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3 || parts[1] is not ("body" or "head") || !TextCategories.All.Contains(parts[0]))
            {
                throw new FormatException($"compounds.tsv: expected 'category body|head stems...': {line}");
            }

            rule._category = parts[0];
            foreach (var stem in parts[2..].Select(GermanFolding.Fold))
            {
                var reversed = new string([.. stem.Reverse()]);
                (parts[1] == "body" ? rule._bodies : rule._heads).Add(reversed, stem.Length);
            }
        }

        return rule;
    }

    /// <summary>The category if the folded word ends in body + head (+ inflection), otherwise null.</summary>
    public string? Matches(ReadOnlySpan<char> word, Lexicon lexicon)
    {
        // Walk back over an inflection ending, then the head, then an optional linking element, then the body.
        for (var ending = 0; ending <= 5 && ending < word.Length; ending++)
        {
            if (!lexicon.IsInflection(word[(word.Length - ending)..]))
            {
                continue;
            }

            var node = StemTrie<int>.Root;
            for (var i = word.Length - ending - 1; i > 0; i--)
            {
                node = _heads.Step(node, word[i]);
                if (node < 0)
                {
                    break;
                }

                if (_heads.ValuesAt(node) is not null && HasBody(word[..i]))
                {
                    return _category;
                }
            }
        }

        return null;
    }

    private bool HasBody(ReadOnlySpan<char> prefix)
    {
        foreach (var link in Linking)
        {
            if (!prefix.EndsWith(link, StringComparison.Ordinal))
            {
                continue;
            }

            var node = StemTrie<int>.Root;
            for (var i = prefix.Length - link.Length - 1; i >= 0; i--)
            {
                node = _bodies.Step(node, prefix[i]);
                if (node < 0)
                {
                    break;
                }

                if (_bodies.ValuesAt(node) is not null)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
