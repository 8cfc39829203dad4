using Glasklar.Claims.Submission;

namespace Glasklar.Claims.Tests.Submission;

/// <summary>ISO 13616 IBAN check (mod-97 and country length) and the BIC format, for the bank account of a claim (B2).</summary>
[Trait("Promise", "B2")]
public sealed class IbanTests
{
    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("de89370400440532013000")]
    [InlineData("GB82 WEST 1234 5698 7654 32")]
    [InlineData("AT61 1904 3002 3457 3201")]
    [InlineData("FR14 2004 1010 0505 0001 3M02 606")]
    [InlineData("NO93 8601 1117 947")]
    [InlineData("CH93 0076 2011 6238 5295 7")]
    public void Valid_ibans_pass(string iban) => Iban.Check(iban).ShouldBeNull();

    [Fact]
    public void A_changed_digit_fails_the_check_digits()
    {
        Iban.Check("DE89 3704 0044 0532 0130 01").ShouldBe("Die Prüfziffern der IBAN stimmen nicht. Bitte prüfen Sie die Eingabe.");
    }

    [Fact]
    public void Two_swapped_digits_fail_the_check_digits()
    {
        Iban.Check("DE89 3704 0044 0532 0103 00")!.ShouldContain("Prüfziffern");
    }

    [Fact]
    public void A_german_iban_of_the_wrong_length_names_the_expected_length()
    {
        Iban.Check("DE89 3704 0044 0532 0130 0").ShouldBe("Eine IBAN aus DE hat 22 Stellen, angegeben wurden 21.");
    }

    [Fact]
    public void An_unknown_country_is_refused() => Iban.Check("ZZ89 3704 0044 0532 0130 00")!.ShouldContain("„ZZ“");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_missing_iban_is_asked_for(string? iban) => Iban.Check(iban).ShouldBe("Bitte geben Sie die IBAN an.");

    [Fact]
    public void Special_characters_are_refused_before_the_check_digits() => Iban.Check("DE89-3704-0044-0532-0130-00")!.ShouldContain("nur Buchstaben und Ziffern");

    [Fact]
    public void Mod97_of_the_iso_example_is_one() => Iban.Mod97("GB82WEST12345698765432").ShouldBe(1);

    [Fact]
    public void The_length_table_has_the_sepa_countries() =>
        new[] { "DE", "AT", "CH", "FR", "NL", "BE", "IT", "ES", "PL", "SE", "NO", "DK", "FI", "IE", "LU", "PT", "GR", "CZ", "HU", "SK", "SI", "HR", "RO", "BG", "EE", "LV", "LT", "MT", "CY", "IS", "LI", "MC", "SM", "GB" }
            .ShouldAllBe(c => Iban.Lengths.ContainsKey(c));

    [Theory]
    [InlineData("COBADEFFXXX")]
    [InlineData("COBADEFF")]
    [InlineData("deutdedb")]
    [InlineData(null)]
    public void Valid_or_missing_bics_pass(string? bic) => Bic.Check(bic).ShouldBeNull();

    [Theory]
    [InlineData("COBADEF")]
    [InlineData("COBADEFFXX")]
    [InlineData("C0BADEFF")]
    [InlineData("COBAZZFF")]
    public void Malformed_bics_are_refused(string bic) => Bic.Check(bic).ShouldNotBeNull();
}
