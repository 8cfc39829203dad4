using Glasklar.Privacy.TextGuard;

namespace Glasklar.Privacy.Tests.TextGuard;

/// <summary>The rules are data: they load from the embedded files, and malformed data fails loudly.</summary>
public sealed class LexiconTests
{
    private static Dictionary<string, string> MinimalFiles(string lexicon, string contexts = "glass before 2 *scheibe*") => new()
    {
        ["inflections.txt"] = "- e en er",
        ["vetoes.txt"] = "blindniet",
        ["street-suffixes.txt"] = "strasse",
        ["fuzzy-ignore.txt"] = "schwager",
        ["suggestions.tsv"] = "sight\tBitte vorlesen.",
        ["contexts.tsv"] = contexts,
        ["iban-lengths.tsv"] = "DE 22",
        ["phrases.tsv"] = "health 1 hört schlecht",
        ["compounds.tsv"] = "health body blase\nhealth head schwäche",
        ["lexicon-test.tsv"] = lexicon,
    };

    [Fact]
    [Trait("Promise", "X3")]
    public void Embedded_data_loads_with_every_art_9_category()
    {
        var lexicon = Lexicon.Default;

        lexicon.Entries.Count.ShouldBeGreaterThan(300);
        lexicon.Phrases.ShouldNotBeEmpty();
        lexicon.Entries.Select(e => e.Category).Distinct().Order()
            .ShouldBe(["ethnic_origin", "genetic_biometric", "health", "political_opinion", "religion", "sex_life", "trade_union"]);
        lexicon.IbanLengths["DE"].ShouldBe(22);
    }

    [Fact]
    [Trait("Promise", "X3")]
    public void A_rule_set_built_from_data_decides_by_its_stems_and_contexts()
    {
        var guard = new GermanTextGuard(Lexicon.FromFiles(MinimalFiles("@category health\nblind unless=glass suggest=sight")));

        guard.Check("Kunde ist blind").Suggestion.ShouldBe("Bitte vorlesen.");
        guard.Check("Die Scheibe ist blind").Special.ShouldBeFalse();
        guard.Check("Blindniet lose").Special.ShouldBeFalse();
        guard.Check("Blindenstraße 4").Special.ShouldBeFalse();
        guard.Check("Er hört sehr schlecht").Special.ShouldBeTrue();
        guard.Check("Er hat eine Blasenschwäche").Special.ShouldBeTrue();
        guard.Check("Er hat eine Führungsschwäche").Special.ShouldBeFalse();
    }

    [Theory]
    [Trait("Promise", "X3")]
    [InlineData("@category unknown\nblind")]
    [InlineData("blind")]
    [InlineData("@category health\nblind unless=nosuchcontext")]
    [InlineData("@category health\nblind suggest=nosuchkey")]
    [InlineData("@category health\nblind frobnicate=1")]
    [InlineData("@category health\nbl!nd")]
    public void Malformed_lexicon_lines_are_rejected(string lexicon) =>
        Should.Throw<FormatException>(() => Lexicon.FromFiles(MinimalFiles(lexicon)));

    [Theory]
    [Trait("Promise", "X3")]
    [InlineData("rollstuhl", "rolstuhl", 8)]
    [InlineData("rollstuhl", "rollstul", 8)]
    [InlineData("rollstuhl", "rollstuhhl", 10)]
    [InlineData("rollstuhl", "rolsltuhl", 9)]
    [InlineData("rollstuhl", "rollsthul", 9)]
    public void One_typing_slip_is_tolerated(string stem, string word, int end)
    {
        Span<int> ends = stackalloc int[4];

        var count = OneEdit.PrefixEnds(stem, word, ends);

        ends[..count].ToArray().ShouldContain(end);
    }

    [Theory]
    [Trait("Promise", "X3")]
    [InlineData("rollstuhl", "rollstuhl")]
    [InlineData("rollstuhl", "rolstul")]
    [InlineData("rollstuhl", "kollstuhk")]
    public void Exact_words_and_two_slips_are_not_typos(string stem, string word)
    {
        Span<int> ends = stackalloc int[4];

        OneEdit.PrefixEnds(stem, word, ends).ShouldBe(0);
    }
}
