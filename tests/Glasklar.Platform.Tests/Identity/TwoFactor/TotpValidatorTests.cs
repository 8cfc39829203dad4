using System.Text;
using Glasklar.Platform.Identity.TwoFactor;

namespace Glasklar.Platform.Tests.Identity.TwoFactor;

[Trait("Promise", "B6")]
public sealed class TotpValidatorTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("12345678901234567890");

    // Middle of a step, so "now ± 30 s" lands squarely in the neighbouring steps.
    private const long Now = 1_234_567_890L;
    private static readonly long NowStep = Now / 30;

    private static string CodeAtStep(long step) => Totp.Hotp(Key, step);

    [Fact]
    public void Accepts_the_current_code_and_returns_its_step()
    {
        var result = new TotpValidator(FixedTime.AtUnix(Now)).Verify(Key, CodeAtStep(NowStep), lastAcceptedStep: null);

        result.Accepted.ShouldBeTrue();
        result.AcceptedStep.ShouldBe(NowStep);
        result.Rejection.ShouldBeNull();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Accepts_one_step_either_side_of_now(int offset)
    {
        var result = new TotpValidator(FixedTime.AtUnix(Now)).Verify(Key, CodeAtStep(NowStep + offset), null);

        result.AcceptedStep.ShouldBe(NowStep + offset);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    [InlineData(-10)]
    public void Refuses_codes_two_or_more_steps_away(int offset)
    {
        var result = new TotpValidator(FixedTime.AtUnix(Now)).Verify(Key, CodeAtStep(NowStep + offset), null);

        result.Accepted.ShouldBeFalse();
        result.Rejection.ShouldBe(TotpRejection.WrongCode);
    }

    [Fact]
    public void Refuses_a_wrong_code()
    {
        var right = CodeAtStep(NowStep);
        var wrong = ((int.Parse(right, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        new TotpValidator(FixedTime.AtUnix(Now)).Verify(Key, wrong, null).Rejection.ShouldBe(TotpRejection.WrongCode);
    }

    [Fact]
    public void A_code_is_accepted_only_once()
    {
        var clock = FixedTime.AtUnix(Now);
        var validator = new TotpValidator(clock);
        var code = CodeAtStep(NowStep);

        var first = validator.Verify(Key, code, null);
        first.Accepted.ShouldBeTrue();

        var second = validator.Verify(Key, code, first.AcceptedStep);
        second.Accepted.ShouldBeFalse();
        second.Rejection.ShouldBe(TotpRejection.Replayed);

        // Still refused 25 seconds later, while the code is inside the ±1 window.
        clock.Now = clock.Now.AddSeconds(25);
        validator.Verify(Key, code, first.AcceptedStep).Rejection.ShouldBe(TotpRejection.Replayed);
    }

    [Fact]
    public void After_a_later_step_was_used_an_earlier_code_is_refused()
    {
        var validator = new TotpValidator(FixedTime.AtUnix(Now));

        validator.Verify(Key, CodeAtStep(NowStep - 1), lastAcceptedStep: NowStep).Rejection.ShouldBe(TotpRejection.Replayed);
        validator.Verify(Key, CodeAtStep(NowStep + 1), lastAcceptedStep: NowStep).AcceptedStep.ShouldBe(NowStep + 1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("１２３４５６")]
    [InlineData("123-456")]
    public void Malformed_input_is_refused_without_an_exception(string? code) =>
        new TotpValidator(FixedTime.AtUnix(Now)).Verify(Key, code, null).Rejection.ShouldBe(TotpRejection.Malformed);

    [Fact]
    public void Spaces_as_shown_by_apps_are_ignored()
    {
        var code = CodeAtStep(NowStep);

        new TotpValidator(FixedTime.AtUnix(Now)).Verify(Key, $" {code[..3]} {code[3..]} ", null).AcceptedStep.ShouldBe(NowStep);
    }
}
