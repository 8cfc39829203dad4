using System.Text.RegularExpressions;
using Glasklar.Platform.Identity.ApiKeys;

namespace Glasklar.Platform.Tests.Identity.ApiKeys;

public sealed partial class ApiKeyTests
{
    [GeneratedRegex("^gk_[a-z2-7]{8}_[a-z2-7]{52}$")]
    private static partial Regex Shape();

    [Fact]
    public void Generates_prefixed_keys_with_a_256_bit_secret()
    {
        var key = ApiKeyCredential.Generate();

        Shape().IsMatch(key.Key).ShouldBeTrue(key.Key);
        key.Key.ShouldStartWith($"gk_{key.Prefix}_");
        (ApiKeyCredential.SecretBytes * 8).ShouldBeGreaterThanOrEqualTo(192);
        ApiKeyCredential.Generate().Key.ShouldNotBe(key.Key);
    }

    [Fact]
    public void Stores_only_the_sha256_of_the_secret()
    {
        var key = ApiKeyCredential.Generate();
        var secret = key.Key.Split('_')[2];

        key.SecretHash.ShouldMatch("^[0-9a-f]{64}$");
        key.SecretHash.ShouldNotContain(secret);
        key.SecretHash.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(secret))));
    }

    [Fact]
    public void A_generated_key_parses_and_verifies()
    {
        var key = ApiKeyCredential.Generate();

        var parsed = ApiKeyCredential.ParseAuthorizationHeader($"ApiKey {key.Key}");

        parsed.Ok.ShouldBeTrue();
        parsed.Key!.Prefix.ShouldBe(key.Prefix);
        ApiKeyCredential.Verify(parsed.Key, key.SecretHash).ShouldBeTrue();
    }

    [Fact]
    public void Another_secret_with_the_same_prefix_does_not_verify()
    {
        var key = ApiKeyCredential.Generate();
        var other = ApiKeyCredential.Generate();
        var forged = ApiKeyCredential.Parse($"gk_{key.Prefix}_{other.Key.Split('_')[2]}").Key!;

        ApiKeyCredential.Verify(forged, key.SecretHash).ShouldBeFalse();
        ApiKeyCredential.Verify(ApiKeyCredential.Parse(key.Key).Key!, "not hex").ShouldBeFalse();
    }

    [Theory]
    [InlineData("apikey")]
    [InlineData("APIKEY")]
    [InlineData("  ApiKey  ")]
    public void The_scheme_is_case_insensitive_and_spaces_are_trimmed(string scheme)
    {
        var key = ApiKeyCredential.Generate();

        ApiKeyCredential.ParseAuthorizationHeader($"{scheme} {key.Key} ").Key!.Secret.ShouldBe(key.Key.Split('_')[2]);
    }

    [Theory]
    [InlineData(null, "Missing")]
    [InlineData("", "Missing")]
    [InlineData("Bearer gk_abcdefgh_x", "WrongScheme")]
    [InlineData("gk_abcdefgh_abcd", "WrongScheme")]
    [InlineData("ApiKey", "Malformed")]
    [InlineData("ApiKey gk_abcdefgh", "Malformed")]
    [InlineData("ApiKey gk_abcdefg_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Malformed")]
    [InlineData("ApiKey gk_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Malformed")]
    [InlineData("ApiKey xx_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Malformed")]
    [InlineData("ApiKey gk_ABCDEFGH_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Malformed")]
    [InlineData("ApiKey gk_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", "Malformed")]
    [InlineData("ApiKey gk_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_x", "Malformed")]
    [InlineData("ApiKey gk_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa extra", "Malformed")]
    public void Malformed_headers_are_rejected_with_a_reason(string? header, string reason)
    {
        var parsed = ApiKeyCredential.ParseAuthorizationHeader(header);

        parsed.Ok.ShouldBeFalse();
        parsed.Rejection.ShouldBe(Enum.Parse<ApiKeyRejection>(reason));
    }

    [Fact]
    public void A_well_formed_key_of_the_right_shape_parses()
    {
        var parsed = ApiKeyCredential.ParseAuthorizationHeader("ApiKey gk_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");

        parsed.Key.ShouldBe(new ApiKeyParts("abcdefgh", new string('a', 52)));
    }
}
