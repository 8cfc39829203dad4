using System.Reflection;

namespace Glasklar.Privacy.TextGuard;

/// <summary>
/// All data the guard decides with, parsed from the files in <c>TextGuard/Data</c>. Immutable after
/// construction; <see cref="Default"/> is loaded once from the embedded resources (thread-safe via Lazy).
/// </summary>
internal sealed class Lexicon
{
    internal const string ResourcePrefix = "Glasklar.Privacy.TextGuard.Data.";
    internal const int FuzzyMinLength = 8;
    internal const string FuzzyContext = "fuzzy";

    private static readonly Lazy<Lexicon> LazyDefault = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly HashSet<string> _inflections;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _inflectionLookup;

    private Lexicon(DataFiles files)
    {
        _inflections = new HashSet<string>(ReadWords(files.Get("inflections.txt")).Select(w => w == "-" ? string.Empty : GermanFolding.Fold(w)), StringComparer.Ordinal);
        _inflectionLookup = _inflections.GetAlternateLookup<ReadOnlySpan<char>>();
        Vetoes = [.. ReadWords(files.Get("vetoes.txt")).Select(GermanFolding.Fold)];
        var streets = ReadWords(files.Get("street-suffixes.txt")).ToList();
        StreetSuffixes = [.. streets.Where(s => !s.StartsWith('!')).Select(GermanFolding.Fold)];
        StreetExceptions = [.. streets.Where(s => s.StartsWith('!')).Select(s => GermanFolding.Fold(s[1..]))];
        FuzzyIgnore = [.. ReadWords(files.Get("fuzzy-ignore.txt")).Select(GermanFolding.Fold)];
        Suggestions = ParseSuggestions(files.Get("suggestions.tsv"));
        Contexts = ParseContexts(files.Get("contexts.tsv"));
        IbanLengths = ParseIbanLengths(files.Get("iban-lengths.tsv"));

        var suggestionKeys = Suggestions.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, content) in files.Lexicons)
        {
            foreach (var entry in LexiconParser.ParseEntries(name, content))
            {
                Validate(name, entry.Category, entry.Unless, entry.Needs, entry.Suggest, suggestionKeys);
                Entries.Add(entry);
                Stems.Add(entry.Pattern.Stem, entry);
                if (entry.Fuzzy && entry.Pattern.Stem.Length >= FuzzyMinLength && entry.Pattern.Mode is not (StemMode.Exact or StemMode.Suffix))
                {
                    FuzzyBuckets[entry.Pattern.Stem[0] - 'a'].Add(entry);
                }
            }
        }

        Compounds = CompoundRule.Parse(files.Get("compounds.tsv"));

        foreach (var phrase in LexiconParser.ParsePhrases(files.Get("phrases.tsv")))
        {
            Validate("phrases.tsv", phrase.Category, phrase.Unless, phrase.Needs, phrase.Suggest, suggestionKeys);
            Phrases.Add(phrase);
            foreach (var alternative in phrase.Elements[0])
            {
                if (alternative.Mode is StemMode.Anywhere or StemMode.Suffix)
                {
                    throw new FormatException($"phrases.tsv: the first element may not start with * ({alternative.Stem}).");
                }

                PhraseStarts.Add(alternative.Stem, (phrase, alternative));
            }
        }
    }

    public static Lexicon Default => LazyDefault.Value;

    public List<LexEntry> Entries { get; } = [];

    public List<Phrase> Phrases { get; } = [];

    public StemTrie<LexEntry> Stems { get; } = new();

    public StemTrie<(Phrase Phrase, StemPattern First)> PhraseStarts { get; } = new();

    public List<LexEntry>[] FuzzyBuckets { get; } = [.. Enumerable.Range(0, 26).Select(_ => new List<LexEntry>())];

    public IReadOnlyDictionary<string, ContextSet> Contexts { get; }

    public CompoundRule Compounds { get; }

    public string[] Vetoes { get; }

    public string[] StreetSuffixes { get; }

    public string[] StreetExceptions { get; }

    public string[] FuzzyIgnore { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Suggestions { get; }

    public IReadOnlyDictionary<string, int> IbanLengths { get; }

    public bool IsInflection(ReadOnlySpan<char> ending) => _inflectionLookup.Contains(ending);

    /// <summary>Builds a lexicon from data file contents by file name (tests use this to try small rule sets).</summary>
    internal static Lexicon FromFiles(IReadOnlyDictionary<string, string> files) => new(new DataFiles(files));

    private static Lexicon LoadEmbedded()
    {
        var assembly = typeof(Lexicon).Assembly;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            files[name[ResourcePrefix.Length..]] = ReadResource(assembly, name);
        }

        return FromFiles(files);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Missing resource {name}.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private void Validate(string file, string category, IReadOnlyList<string> unless, IReadOnlyList<string> needs, string? suggest, HashSet<string> suggestionKeys)
    {
        if (!TextCategories.All.Contains(category))
        {
            throw new FormatException($"{file}: unknown category '{category}'.");
        }

        foreach (var context in unless.Concat(needs).Where(c => !Contexts.ContainsKey(c)))
        {
            throw new FormatException($"{file}: unknown context '{context}'.");
        }

        if (suggest is not null && !suggestionKeys.Contains(suggest))
        {
            throw new FormatException($"{file}: unknown suggestion '{suggest}'.");
        }
    }

    internal static IEnumerable<string> DataLines(string content) =>
        content.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));

    private static IEnumerable<string> ReadWords(string content) =>
        DataLines(content).SelectMany(l => l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static List<KeyValuePair<string, string>> ParseSuggestions(string content) =>
        [.. DataLines(content).Select(l => l.Split('\t', 2)).Select(p => KeyValuePair.Create(p[0].Trim(), p[1].Trim()))];

    private static Dictionary<string, int> ParseIbanLengths(string content) =>
        ReadWords(content).Chunk(2).ToDictionary(p => p[0].ToUpperInvariant(), p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private static Dictionary<string, ContextSet> ParseContexts(string content)
    {
        var sets = new Dictionary<string, ContextSet>(StringComparer.Ordinal);
        foreach (var line in DataLines(content))
        {
            var parts = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 4 || parts[1] is not ("before" or "after"))
            {
                throw new FormatException($"contexts.tsv: expected 'name before|after window words...': {line}");
            }

            var window = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            var words = parts[3..].Where(w => w != "#").Select(StemPattern.Parse).ToList();
            var set = sets.GetValueOrDefault(parts[0]) ?? new ContextSet(parts[0], 0, [], 0, [], false);
            set = parts[1] == "before"
                ? set with { Before = Math.Max(set.Before, window), BeforeWords = [.. set.BeforeWords, .. words] }
                : set with { After = Math.Max(set.After, window), AfterWords = [.. set.AfterWords, .. words], AfterNumber = set.AfterNumber || parts.Contains("#") };
            sets[parts[0]] = set;
        }

        return sets;
    }

    /// <summary>Data file contents by name; lexicon files are all files named <c>lexicon-*.tsv</c>.</summary>
    private sealed class DataFiles(IReadOnlyDictionary<string, string> files)
    {
        public IEnumerable<(string Name, string Content)> Lexicons =>
            files.Where(f => f.Key.StartsWith("lexicon-", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value));

        public string Get(string name) =>
            files.TryGetValue(name, out var content) ? content : throw new InvalidOperationException($"Text guard data file {name} is missing.");
    }
}
