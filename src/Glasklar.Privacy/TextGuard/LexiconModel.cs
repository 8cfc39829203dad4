namespace Glasklar.Privacy.TextGuard;

/// <summary>How a stem must sit in a folded word.</summary>
internal enum StemMode
{
    /// <summary>The whole word ("=op").</summary>
    Exact,

    /// <summary>The word is the stem plus an inflection ending ("blind", "blinde", "blinden").</summary>
    Word,

    /// <summary>The word starts with the stem ("diabet*" → "Diabetespatient").</summary>
    Prefix,

    /// <summary>The word ends with the stem plus an inflection ending ("*krank" → "zuckerkrank", "alkoholkranke").</summary>
    Suffix,

    /// <summary>The stem occurs anywhere in the word ("*rollstuhl*" → "Elektrorollstuhlfahrer").</summary>
    Anywhere,
}

/// <summary>A stem pattern as written in the data files: <c>=x</c>, <c>x</c>, <c>x*</c>, <c>*x</c> or <c>*x*</c>.</summary>
internal readonly record struct StemPattern(StemMode Mode, string Stem)
{
    public static StemPattern Parse(string raw)
    {
        StemPattern p;
        if (raw.StartsWith('=') && raw.Length > 1)
        {
            p = new(StemMode.Exact, raw[1..]);
        }
        else if (raw.Length > 2 && raw.StartsWith('*') && raw.EndsWith('*'))
        {
            p = new(StemMode.Anywhere, raw[1..^1]);
        }
        else if (raw.Length > 1 && raw.EndsWith('*'))
        {
            p = new(StemMode.Prefix, raw[..^1]);
        }
        else if (raw.Length > 1 && raw.StartsWith('*'))
        {
            p = new(StemMode.Suffix, raw[1..]);
        }
        else
        {
            p = new(StemMode.Word, raw);
        }

        return p with { Stem = GermanFolding.Fold(p.Stem) };
    }
}

/// <summary>One lexicon line: a stem of a category, optional context rules and the neutral-wording key.</summary>
internal sealed record LexEntry(
    string Category,
    StemPattern Pattern,
    IReadOnlyList<string> Unless,
    IReadOnlyList<string> Needs,
    string? Suggest,
    bool Fuzzy,
    bool LowerCaseOnly = false);

/// <summary>A word sequence ("hört … schlecht") with at most <see cref="Gap"/> other words between elements.</summary>
internal sealed record Phrase(
    string Category,
    int Gap,
    IReadOnlyList<IReadOnlyList<StemPattern>> Elements,
    IReadOnlyList<string> Unless,
    IReadOnlyList<string> Needs,
    string? Suggest);

/// <summary>
/// A named context: words that, within a few words before or after a hit (same clause), make it
/// a different meaning ("Scheibe … blind") or are required for it ("Brille" + "Rechnung").
/// </summary>
internal sealed record ContextSet(
    string Name,
    int Before,
    IReadOnlyList<StemPattern> BeforeWords,
    int After,
    IReadOnlyList<StemPattern> AfterWords,
    bool AfterNumber);
