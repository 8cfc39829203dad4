using Glasklar.Platform.Identity.Passwords;

namespace Glasklar.Platform.Tests.Identity.Passwords;

public sealed class PasswordPolicyTests
{
    private static readonly PasswordContext Anna = new("Anna-Lena", "Müller", "a.mueller-privat@example.de");

    private static IEnumerable<PasswordRule> Rules(string password, PasswordContext? context = null) =>
        PasswordPolicy.Check(password, context).Violations.Select(v => v.Rule);

    [Theory]
    [InlineData("Wanderung zum Feldberg im Nebel")]
    [InlineData("korrekt pferd batterie heftklammer")]
    [InlineData("Meine Oma fährt im Hühnerstall Motorrad")]
    [InlineData("tulpe-regal-kompass-99")]
    [InlineData("Xq7#mP2v!Lr9")]
    [InlineData("ünïcødé ïst érlaubt ✓")]
    public void Long_passphrases_and_random_passwords_are_accepted(string password)
    {
        var check = PasswordPolicy.Check(password, Anna);

        check.Violations.ShouldBeEmpty();
        check.Ok.ShouldBeTrue();
    }

    [Fact]
    public void Twelve_characters_is_the_minimum()
    {
        PasswordPolicy.Check("tulpe-regal").Violations.Single().ShouldBe(
            new PasswordViolation(PasswordRule.TooShort, "Das Passwort muss mindestens 12 Zeichen lang sein."));
        PasswordPolicy.Check("tulpe-regal!").Ok.ShouldBeTrue();
    }

    [Fact]
    public void Up_to_128_characters_are_allowed_and_no_more()
    {
        var words = string.Join(' ', Enumerable.Repeat("wolke sieben tanzt", 10));

        PasswordPolicy.Check(words[..128]).Ok.ShouldBeTrue();
        var tooLong = PasswordPolicy.Check(words[..129]);
        tooLong.Violations.Single().Rule.ShouldBe(PasswordRule.TooLong);
        tooLong.Violations.Single().Message.ShouldBe("Das Passwort darf höchstens 128 Zeichen lang sein.");
    }

    [Fact]
    public void Characters_are_counted_as_code_points_after_nfkc()
    {
        // Twelve emoji are 24 UTF-16 units but twelve characters.
        var emoji = string.Concat(Enumerable.Repeat("🔑🌲🚲", 4));
        Rules(emoji).ShouldNotContain(PasswordRule.TooShort);
        Rules(emoji[..^2]).ShouldContain(PasswordRule.TooShort);

        // Full-width letters normalise to ASCII, so "ｐａｓｓｗｏｒｔ…" is the common password it looks like.
        var check = PasswordPolicy.Check("ｐａｓｓｗｏｒｔ１２３４");
        check.Normalised.ShouldBe("passwort1234");
        check.Violations.Select(v => v.Rule).ShouldContain(PasswordRule.Common);
        // The ligature "ﬁ" (one code point) becomes "fi" (two): length is counted after normalising.
        PasswordPolicy.Normalise("ﬁ").ShouldBe("fi");
    }

    [Fact]
    public void There_are_no_composition_rules()
    {
        PasswordPolicy.Check("nur kleinbuchstaben hier").Ok.ShouldBeTrue();
        PasswordPolicy.Check("836401957263").Ok.ShouldBeTrue();
    }

    [Theory]
    [InlineData("passwort1234")]
    [InlineData("Passwort2024!")]
    [InlineData("P4ssw0rt!!2026")]
    [InlineData("hallo1234567")]
    [InlineData("!!Schatzi2020!!")]
    [InlineData("ich liebe dich!")]
    [InlineData("IchLiebeDich123")]
    [InlineData("qwertzuiopü+")]
    [InlineData("1q2w3e4r5t6z")]
    [InlineData("123456789012")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abcdefghijklm")]
    [InlineData("schatzschatz")]
    [InlineData("mausimausimausi")]
    [InlineData("xk7xk7xk7xk7")]
    [InlineData("borussiadortmund")]
    [InlineData("Fussball1909")]
    [InlineData("Fußball-1909")]
    [InlineData("versicherung123")]
    [InlineData("Willkommen2025")]
    [InlineData("   qwertz   123   ")]
    public void Common_passwords_and_their_obvious_variants_are_refused(string password)
    {
        var check = PasswordPolicy.Check(password);

        check.Violations.Select(v => v.Rule).ShouldContain(PasswordRule.Common);
        check.Violations.Single(v => v.Rule == PasswordRule.Common).Message.ShouldStartWith("Dieses Passwort ist sehr verbreitet");
    }

    [Fact]
    public void The_embedded_list_is_loaded()
    {
        CommonPasswords.Count.ShouldBeGreaterThan(500);
        CommonPasswords.IsCommon("passwort").ShouldBeTrue();
        CommonPasswords.IsCommon("hallo123").ShouldBeTrue();
        CommonPasswords.IsCommon("schatz").ShouldBeTrue();
        CommonPasswords.IsCommon("Wanderung zum Feldberg").ShouldBeFalse();
    }

    [Theory]
    [InlineData("anna-lena und der mond")]
    [InlineData("MuellerHausFarbe")]
    [InlineData("mullerhausfarbe")]
    [InlineData("Müller sagt Hallo!")]
    [InlineData("Mu3ll3r im Regen")]
    [InlineData("L3N4 tanzt im Regen")]
    public void Passwords_with_the_users_name_are_refused(string password)
    {
        var check = PasswordPolicy.Check(password, Anna);

        check.Violations.Select(v => v.Rule).ShouldContain(PasswordRule.ContainsName);
        check.Violations.Single(v => v.Rule == PasswordRule.ContainsName).Message.ShouldBe("Das Passwort darf Ihren Vor- oder Nachnamen nicht enthalten.");
    }

    [Fact]
    public void Very_short_name_parts_are_not_held_against_the_password() =>
        Rules("Lichtenberg im Winter", new PasswordContext("Li", "Ng")).ShouldBeEmpty();

    [Theory]
    [InlineData("a.mueller-privat ist sicher")]
    [InlineData("PRIVAT und geheim genug")]
    [InlineData("pr1vat-und-geheim-genug")]
    public void Passwords_with_the_email_name_are_refused(string password)
    {
        var check = PasswordPolicy.Check(password, Anna with { FirstName = null, LastName = null });

        check.Violations.Select(v => v.Rule).ShouldBe([PasswordRule.ContainsEmail]);
        check.Violations[0].Message.ShouldContain("E-Mail-Adresse");
    }

    [Fact]
    public void The_email_domain_is_not_held_against_the_password() =>
        Rules("example tanzt im Regen", Anna).ShouldBeEmpty();

    [Theory]
    [InlineData("Glasklar ist sicher")]
    [InlineData("mein GLASKLAR passwort")]
    [InlineData("G1@skl4r-ist-toll")]
    [InlineData("glas klar wie kloßbrühe")]
    public void Passwords_with_the_product_name_are_refused(string password)
    {
        var check = PasswordPolicy.Check(password);

        check.Violations.Select(v => v.Rule).ShouldBe([PasswordRule.ContainsProductName]);
        check.Violations[0].Message.ShouldBe("Das Passwort darf den Produktnamen „Glasklar“ nicht enthalten.");
    }

    [Fact]
    public void Every_violated_rule_is_reported()
    {
        Rules("glasklar", Anna).ShouldBe([PasswordRule.TooShort, PasswordRule.ContainsProductName], ignoreOrder: true);
        Rules("Anna123!", Anna).ShouldBe([PasswordRule.TooShort, PasswordRule.Common, PasswordRule.ContainsName], ignoreOrder: true);
    }
}
