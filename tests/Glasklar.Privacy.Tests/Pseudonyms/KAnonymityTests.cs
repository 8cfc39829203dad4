using Glasklar.Privacy.Pseudonyms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glasklar.Privacy.Tests.Pseudonyms;

[Trait("Promise", "X8")]
[Trait("Promise", "C14")]
public sealed class KAnonymityTests
{
    private static readonly string[] QuasiIdentifiers = ["postcode", "birthYear"];

    [Fact]
    public void K_defaults_to_5()
    {
        using var services = new PseudonymTestServices();

        services.KAnonymity.K.ShouldBe(5);
    }

    [Fact]
    public void Every_combination_occurring_exactly_k_times_passes()
    {
        using var services = new PseudonymTestServices();
        var rows = Rows(("80331", "1980", 5), ("80331", "1981", 5), ("10115", "1980", 7));

        var result = services.KAnonymity.Check(rows, QuasiIdentifiers);

        result.Passed.ShouldBeTrue(result.Message);
        result.K.ShouldBe(5);
        result.Violations.ShouldBeEmpty();
        result.Message.ShouldBeNull();
    }

    [Fact]
    public void A_combination_occurring_k_minus_1_times_is_refused_with_its_count_but_not_its_values()
    {
        using var services = new PseudonymTestServices();
        var rows = Rows(("80331", "1980", 5), ("80331", "1981", 4), ("10115", "1980", 7));

        var result = services.KAnonymity.Check(rows, QuasiIdentifiers);

        result.Passed.ShouldBeFalse();
        var violation = result.Violations.ShouldHaveSingleItem();
        violation.Count.ShouldBe(4);
        violation.RowIndexes.ShouldBe([5, 6, 7, 8]);
        result.Message.ShouldNotBeNull();
        result.Message.ShouldContain("Sie");
        result.Message.ShouldContain("seltener als 5-mal");
        result.Message.ShouldContain("postcode, birthYear");
        result.Message.ShouldNotContain("80331");
        result.Message.ShouldNotContain("1981");
    }

    [Fact]
    public void The_combination_counts_not_the_single_columns()
    {
        using var services = new PseudonymTestServices(new Dictionary<string, string?> { ["Glasklar:Privacy:KAnonymity"] = "2" });

        // Every postcode and every birth year occurs twice, but each pair only once.
        var rows = Rows(("80331", "1980", 1), ("80331", "1981", 1), ("10115", "1980", 1), ("10115", "1981", 1));

        var result = services.KAnonymity.Check(rows, QuasiIdentifiers);

        result.K.ShouldBe(2);
        result.Violations.Count.ShouldBe(4);
        result.Violations.ShouldAllBe(v => v.Count == 1);
    }

    [Fact]
    public void Values_that_only_concatenate_alike_and_missing_columns_form_their_own_groups()
    {
        using var services = new PseudonymTestServices(new Dictionary<string, string?> { ["Glasklar:Privacy:KAnonymity"] = "2" });
        IReadOnlyList<IReadOnlyDictionary<string, string?>> rows =
        [
            new Dictionary<string, string?> { ["postcode"] = "8033", ["birthYear"] = "11980" },
            new Dictionary<string, string?> { ["postcode"] = "80331", ["birthYear"] = "1980" },
            new Dictionary<string, string?> { ["postcode"] = "80331" },
            new Dictionary<string, string?> { ["postcode"] = "80331", ["birthYear"] = "" },
        ];

        var result = services.KAnonymity.Check(rows, QuasiIdentifiers);

        result.Violations.Count.ShouldBe(4);
    }

    [Fact]
    public void K_comes_from_configuration_and_below_2_is_rejected()
    {
        using var strict = new PseudonymTestServices(new Dictionary<string, string?> { ["Glasklar:Privacy:KAnonymity"] = "10" });
        strict.KAnonymity.Check(Rows(("80331", "1980", 9)), QuasiIdentifiers).Passed.ShouldBeFalse();
        strict.KAnonymity.Check(Rows(("80331", "1980", 10)), QuasiIdentifiers).Passed.ShouldBeTrue();

        using var broken = new PseudonymTestServices(new Dictionary<string, string?> { ["Glasklar:Privacy:KAnonymity"] = "1" });
        Should.Throw<OptionsValidationException>(() => broken.KAnonymity.K);
    }

    private static List<IReadOnlyDictionary<string, string?>> Rows(params (string Postcode, string BirthYear, int Times)[] groups) =>
        groups.SelectMany(g => Enumerable.Range(0, g.Times).Select(i => (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?>
        {
            ["postcode"] = g.Postcode,
            ["birthYear"] = g.BirthYear,
            ["claimPseudonym"] = $"p{i}",
        })).ToList();
}
