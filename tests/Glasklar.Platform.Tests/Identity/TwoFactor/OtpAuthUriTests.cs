using System.Text;
using Glasklar.Platform.Identity.TwoFactor;

namespace Glasklar.Platform.Tests.Identity.TwoFactor;

[Trait("Promise", "B6")]
public sealed class OtpAuthUriTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("12345678901234567890");

    [Fact]
    public void Builds_the_key_uri_with_all_parameters()
    {
        var uri = OtpAuthUri.Build(OtpAuthUri.DefaultIssuer, "anna@example.de", Key);

        uri.ShouldBe("otpauth://totp/Glasklar:anna%40example.de?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" +
                     "&issuer=Glasklar&algorithm=SHA1&digits=6&period=30");
    }

    [Fact]
    public void Escapes_spaces_umlauts_and_query_characters()
    {
        var uri = new Uri(OtpAuthUri.Build("Müller & Söhne Glas", "a+b@x.de", Key));

        uri.Scheme.ShouldBe("otpauth");
        uri.AbsolutePath.ShouldBe("/M%C3%BCller%20%26%20S%C3%B6hne%20Glas:a%2Bb%40x.de");
        uri.Query.ShouldContain("&issuer=M%C3%BCller%20%26%20S%C3%B6hne%20Glas&");
        uri.Query.ShouldNotContain(" ");
        // The issuer's "&" must not split the query into an extra parameter.
        uri.Query.Split('&').Length.ShouldBe(5);
    }

    [Theory]
    [InlineData("Glas:klar", "anna@example.de")]
    [InlineData("Glasklar", "anna:x@example.de")]
    [InlineData("", "anna@example.de")]
    [InlineData("Glasklar", " ")]
    public void Refuses_colons_and_empty_parts(string issuer, string account) =>
        Should.Throw<ArgumentException>(() => OtpAuthUri.Build(issuer, account, Key));

    [Fact]
    public void The_secret_in_the_uri_decodes_to_the_key()
    {
        var uri = OtpAuthUri.Build("Glasklar", "anna@example.de", Key);
        var secret = uri.Split('?')[1].Split('&').Single(p => p.StartsWith("secret=", StringComparison.Ordinal))["secret=".Length..];

        Base32.TryDecode(secret, out var decoded).ShouldBeTrue();
        decoded.ShouldBe(Key);
    }
}
