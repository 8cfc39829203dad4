using System.Text;
using Glasklar.Platform.Identity.TwoFactor;

namespace Glasklar.Platform.Tests.Identity.TwoFactor;

[Trait("Promise", "B6")]
public sealed class Base32Tests
{
    // RFC 4648 section 10.
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY======")]
    [InlineData("fo", "MZXQ====")]
    [InlineData("foo", "MZXW6===")]
    [InlineData("foob", "MZXW6YQ=")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI======")]
    public void Matches_rfc4648_test_vectors(string plain, string encoded)
    {
        Base32.Encode(Encoding.ASCII.GetBytes(plain)).ShouldBe(encoded);
        Base32.TryDecode(encoded, out var decoded).ShouldBeTrue();
        Encoding.ASCII.GetString(decoded).ShouldBe(plain);
    }

    [Fact]
    public void Unpadded_lower_case_and_spaced_input_decodes()
    {
        Base32.Encode("foobar"u8, padding: false).ShouldBe("MZXW6YTBOI");
        Base32.TryDecode("mzxw 6ytb oi", out var decoded).ShouldBeTrue();
        decoded.ShouldBe("foobar"u8.ToArray());
    }

    [Fact]
    public void Random_byte_strings_round_trip()
    {
        var random = new Random(4648);
        for (var length = 0; length <= 64; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);

            Base32.TryDecode(Base32.Encode(data), out var padded).ShouldBeTrue();
            padded.ShouldBe(data);
            Base32.TryDecode(Base32.Encode(data, padding: false), out var unpadded).ShouldBeTrue();
            unpadded.ShouldBe(data);
        }
    }

    [Theory]
    [InlineData("MZXW6YT1")] // 1 is not in the alphabet
    [InlineData("MZXW6YT8")]
    [InlineData("MZ=XW6YT")] // padding in the middle
    [InlineData("M")] // lengths 1, 3 and 6 cannot come from whole bytes
    [InlineData("MZX")]
    [InlineData("MZXW6Y")]
    [InlineData(null)]
    public void Invalid_input_is_refused(string? text) => Base32.TryDecode(text, out _).ShouldBeFalse();
}
