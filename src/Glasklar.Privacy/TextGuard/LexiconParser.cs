namespace Glasklar.Privacy.TextGuard;

/// <summary>
/// Parses lexicon and phrase lines. Options: <c>unless=ctx,…</c>, <c>needs=ctx,…</c>, <c>suggest=key</c>, <c>nofuzzy</c>,
/// <c>lowercase</c> (only a lower-case word counts, e.g. the adjective "gläubiger" but not the noun "Gläubiger").
/// </summary>
internal static class LexiconParser
{
    /// <summary>
    /// Lexicon files: a line <c>@category name</c> sets the category of the following stems; each stem
    /// line is <c>pattern [options]</c>. <c>@fuzzy off</c> switches typo tolerance off for the rest of the file.
    /// </summary>
    public static IEnumerable<LexEntry> ParseEntries(string file, string content)
    {
        string? category = null;
        var fuzzy = true;
        foreach (var line in Lexicon.DataLines(content))
        {
            var parts = Split(line);
            if (parts[0] == "@category")
            {
                category = parts[1];
                continue;
            }

            if (parts[0] == "@fuzzy")
            {
                fuzzy = parts[1] == "on";
                continue;
            }

            if (category is null)
            {
                throw new FormatException($"{file}: stem before any @category line: {line}");
            }

            var options = Options(parts.Skip(1));
            yield return new LexEntry(category, StemPattern.Parse(parts[0]), options.Unless, options.Needs, options.Suggest, fuzzy && !options.NoFuzzy, options.LowerCase);
        }
    }

    /// <summary>Phrase lines: <c>category gap element element … [options]</c>; an element lists alternatives separated by '|'.</summary>
    public static IEnumerable<Phrase> ParsePhrases(string content)
    {
        foreach (var line in Lexicon.DataLines(content))
        {
            var parts = Split(line);
            var gap = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            var elements = parts.Skip(2).Where(p => !IsOption(p))
                .Select(p => (IReadOnlyList<StemPattern>)[.. p.Split('|').Select(StemPattern.Parse)])
                .ToList();
            if (elements.Count < 2)
            {
                throw new FormatException($"phrases.tsv: a phrase needs at least two elements: {line}");
            }

            var options = Options(parts.Skip(2).Where(IsOption));
            yield return new Phrase(parts[0], gap, elements, options.Unless, options.Needs, options.Suggest);
        }
    }

    private static string[] Split(string line) => line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    private static bool IsOption(string part) => part.Contains('=', StringComparison.Ordinal) && !part.StartsWith('=') || part is "nofuzzy" or "lowercase";

    private static (string[] Unless, string[] Needs, string? Suggest, bool NoFuzzy, bool LowerCase) Options(IEnumerable<string> parts)
    {
        string[] unless = [], needs = [];
        string? suggest = null;
        bool noFuzzy = false, lowerCase = false;
        foreach (var part in parts)
        {
            if (part == "nofuzzy")
            {
                noFuzzy = true;
            }
            else if (part == "lowercase")
            {
                lowerCase = true;
            }
            else if (part.StartsWith("unless=", StringComparison.Ordinal))
            {
                unless = part["unless=".Length..].Split(',');
            }
            else if (part.StartsWith("needs=", StringComparison.Ordinal))
            {
                needs = part["needs=".Length..].Split(',');
            }
            else if (part.StartsWith("suggest=", StringComparison.Ordinal))
            {
                suggest = part["suggest=".Length..];
            }
            else
            {
                throw new FormatException($"Unknown option '{part}'.");
            }
        }

        return (unless, needs, suggest, noFuzzy, lowerCase);
    }
}
