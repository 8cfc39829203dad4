using System.Text.RegularExpressions;
using Glasklar.Platform.Identity.RecoveryCodes;

namespace Glasklar.Platform.Tests.Identity.RecoveryCodes;

[Trait("Promise", "B6")]
public sealed partial class RecoveryCodeTests
{
    [GeneratedRegex("^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{2}$")]
    private static partial Regex Shape();

    [Fact]
    public void Generates_ten_distinct_readable_codes_of_at_least_50_bits()
    {
        var set = RecoveryCodeCredential.Generate();

        set.Codes.Count.ShouldBe(10);
        set.Hashes.Count.ShouldBe(10);
        set.Codes.Distinct().Count().ShouldBe(10);
        set.Codes.ShouldAllBe(code => Shape().IsMatch(code));
        // 10 symbols from 32 = 50 bits.
        (RecoveryCodeCredential.Length * Math.Log2(RecoveryCodeCredential.Alphabet.Distinct().Count())).ShouldBeGreaterThanOrEqualTo(50);
    }

    [Fact]
    public void Only_salted_hashes_are_stored()
    {
        var set = RecoveryCodeCredential.Generate();

        foreach (var (code, hash) in set.Codes.Zip(set.Hashes))
        {
            hash.ShouldStartWith("pbkdf2-sha256$");
            hash.ShouldNotContain(code.Replace("-", "", StringComparison.Ordinal));
        }

        // Same code, different salt: different hashes.
        RecoveryCodeCredential.Hash(set.Codes[0]).ShouldNotBe(RecoveryCodeCredential.Hash(set.Codes[0]));
    }

    [Fact]
    public void Each_code_verifies_once_and_reports_its_position()
    {
        var set = RecoveryCodeCredential.Generate();
        IReadOnlyList<string?> stored = set.Hashes;

        var check = RecoveryCodeCredential.VerifyAndConsume(set.Codes[3], stored);
        check.Matched.ShouldBeTrue();
        check.MatchedIndex.ShouldBe(3);
        check.Remaining[3].ShouldBeNull();
        check.Remaining.Count(h => h is not null).ShouldBe(9);

        var again = RecoveryCodeCredential.VerifyAndConsume(set.Codes[3], check.Remaining);
        again.Matched.ShouldBeFalse();
        again.Rejection.ShouldBe(RecoveryCodeRejection.NoMatch);

        RecoveryCodeCredential.VerifyAndConsume(set.Codes[7], check.Remaining).MatchedIndex.ShouldBe(7);
    }

    [Fact]
    public void Case_spaces_hyphens_and_look_alike_letters_are_normalised()
    {
        var stored = new List<string?> { RecoveryCodeCredential.Hash("0a1b-c2d3-ef") };

        RecoveryCodeCredential.VerifyAndConsume("0A1B-C2D3-EF", stored).MatchedIndex.ShouldBe(0);
        RecoveryCodeCredential.VerifyAndConsume(" 0a1b c2d3 ef ", stored).MatchedIndex.ShouldBe(0);
        RecoveryCodeCredential.VerifyAndConsume("0a1bc2d3ef", stored).MatchedIndex.ShouldBe(0);
        RecoveryCodeCredential.VerifyAndConsume("Oa1b-c2d3-ef", stored).MatchedIndex.ShouldBe(0);
        RecoveryCodeCredential.VerifyAndConsume("0aLb-c2d3-ef", stored).MatchedIndex.ShouldBe(0);
        RecoveryCodeCredential.VerifyAndConsume("0aIb-c2d3-ef", stored).MatchedIndex.ShouldBe(0);
    }

    [Fact]
    public void A_wrong_code_does_not_match_and_consumes_nothing()
    {
        var set = RecoveryCodeCredential.Generate();
        var wrong = RecoveryCodeCredential.Generate().Codes[0];

        var check = RecoveryCodeCredential.VerifyAndConsume(wrong, set.Hashes);

        check.Rejection.ShouldBe(RecoveryCodeRejection.NoMatch);
        check.Remaining.ShouldBe(set.Hashes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0a1b-c2d3-e")]
    [InlineData("0a1b-c2d3-efg")]
    [InlineData("0a1b-c2d3-eu")]
    [InlineData("0a1b_c2d3_ef")]
    public void Malformed_input_is_refused(string? input) =>
        RecoveryCodeCredential.VerifyAndConsume(input, [RecoveryCodeCredential.Hash("0a1b-c2d3-ef")]).Rejection.ShouldBe(RecoveryCodeRejection.Malformed);

    [Fact]
    public void Corrupt_stored_hashes_are_skipped_not_thrown()
    {
        var good = RecoveryCodeCredential.Hash("0a1b-c2d3-ef");

        RecoveryCodeCredential.VerifyAndConsume("0a1b-c2d3-ef", ["garbage", "pbkdf2-sha256$x$y$z", null, good]).MatchedIndex.ShouldBe(3);
    }
}
