namespace Glasklar.Privacy.TextGuard;

/// <summary>
/// The default <see cref="ITextGuard"/>: tokeniser + German folding + lexicon trie + context rules,
/// plus bounded patterns for structured data. Stateless and thread-safe; share one instance.
/// </summary>
internal sealed class GermanTextGuard : ITextGuard
{
    private static readonly Lazy<GermanTextGuard> LazyDefault = new(() => new GermanTextGuard(Lexicon.Default));

    private readonly Lexicon _lexicon;
    private readonly LexiconMatcher _matcher;

    public GermanTextGuard(Lexicon lexicon)
    {
        _lexicon = lexicon;
        _matcher = new LexiconMatcher(lexicon);
    }

    /// <summary>The guard with the lexicons embedded in this assembly, loaded once.</summary>
    public static GermanTextGuard Default => LazyDefault.Value;

    public TextCheckResult Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var raw = new List<RawFinding>();
        if (text.Length > 0)
        {
            _matcher.Match(new TokenizedText(text), raw);
            PatternDetectors.Detect(text, _lexicon, raw);
        }

        if (raw.Count == 0)
        {
            return new TextCheckResult(text, false, [], [], null);
        }

        var findings = Deduplicate(raw, text);
        var categories = TextCategories.All.Where(c => findings.Any(f => f.Category == c)).ToList();
        var special = categories.Any(TextCategories.Special.Contains);
        return new TextCheckResult(text, special, categories, findings, special ? Suggest(raw) : null);
    }

    /// <summary>Neutral wording for the access needs found, in the order of suggestions.tsv; null if none fits.</summary>
    private string? Suggest(List<RawFinding> raw)
    {
        var keys = raw.Where(r => r.Suggest is not null).Select(r => r.Suggest!).ToHashSet(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return null;
        }

        return string.Join(' ', _lexicon.Suggestions.Where(s => keys.Contains(s.Key)).Select(s => s.Value));
    }

    /// <summary>One finding per category and span; spans of the same category that overlap are merged.</summary>
    private static List<TextFinding> Deduplicate(List<RawFinding> raw, string text)
    {
        var result = new List<TextFinding>(raw.Count);
        foreach (var group in raw.GroupBy(r => r.Category, StringComparer.Ordinal))
        {
            var spans = group.OrderBy(r => r.Start).ThenByDescending(r => r.Length).ToList();
            var start = spans[0].Start;
            var end = start + spans[0].Length;
            foreach (var span in spans.Skip(1))
            {
                if (span.Start < end)
                {
                    end = Math.Max(end, span.Start + span.Length);
                    continue;
                }

                result.Add(new TextFinding(group.Key, start, end - start, text[start..end]));
                start = span.Start;
                end = span.Start + span.Length;
            }

            result.Add(new TextFinding(group.Key, start, end - start, text[start..end]));
        }

        result.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Category, b.Category));
        return result;
    }
}
