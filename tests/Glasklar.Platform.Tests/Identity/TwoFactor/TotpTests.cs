using System.Text;
using Glasklar.Platform.Identity.TwoFactor;

namespace Glasklar.Platform.Tests.Identity.TwoFactor;

[Trait("Promise", "B6")]
public sealed class TotpTests
{
    // RFC 4226 Appendix D and RFC 6238 Appendix B use the ASCII key "12345678901234567890".
    private static readonly byte[] RfcKey = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(0, "755224")]
    [InlineData(1, "287082")]
    [InlineData(2, "359152")]
    [InlineData(3, "969429")]
    [InlineData(4, "338314")]
    [InlineData(5, "254676")]
    [InlineData(6, "287922")]
    [InlineData(7, "162583")]
    [InlineData(8, "399871")]
    [InlineData(9, "520489")]
    public void Hotp_matches_rfc4226_appendix_d(long counter, string expected) =>
        Totp.Hotp(RfcKey, counter).ShouldBe(expected);

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Totp_matches_rfc6238_appendix_b_sha1(long unixSeconds, string expected)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        Totp.Code(RfcKey, time, digits: 8).ShouldBe(expected);
        // Six digits are the same number modulo 10^6, i.e. the last six of the eight published digits.
        Totp.Code(RfcKey, time).ShouldBe(expected[2..]);
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(29L, 0L)]
    [InlineData(30L, 1L)]
    [InlineData(59L, 1L)]
    [InlineData(1111111109L, 0x023523EC)]
    [InlineData(20000000000L, 0x27BC86AA)]
    [InlineData(-1L, -1L)]
    public void Time_steps_are_thirty_seconds_from_the_epoch(long unixSeconds, long step) =>
        Totp.TimeStep(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)).ShouldBe(step);

    [Fact]
    public void Generated_secrets_are_160_bits_and_differ()
    {
        var first = Totp.GenerateSecret();
        var second = Totp.GenerateSecret();

        first.Length.ShouldBe(20);
        second.Length.ShouldBe(20);
        first.ShouldNotBe(second);
    }

    [Fact]
    public void An_empty_secret_is_a_programming_error() =>
        Should.Throw<ArgumentException>(() => Totp.Hotp([], 0));
}
