using Glasklar.Telematics.Map;

namespace Glasklar.Telematics.Tests.Map;

[Trait("Promise", "C4")]
public sealed class SpeedLimitTests
{
    [Theory]
    [InlineData("50", 50)]
    [InlineData("30 mph", 48)]
    [InlineData("70 km/h", 70)]
    [InlineData("DE:urban", 50)]
    [InlineData("DE:rural", 100)]
    [InlineData("DE:living_street", 7)]
    [InlineData("walk", 7)]
    [InlineData("DE:zone30", 30)]
    [InlineData("DE:zone:30", 30)]
    [InlineData("80;60", 80)]
    public void Numeric_and_german_implicit_values_are_parsed(string value, int kmh)
    {
        SpeedLimit.Parse(value).ShouldBe(SpeedLimit.Of(kmh));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("DE:motorway")]
    public void No_limit_means_advisory_130(string value)
    {
        var limit = SpeedLimit.Parse(value)!.Value;
        limit.Unlimited.ShouldBeTrue();
        limit.Kmh.ShouldBeNull();
        limit.AdvisoryKmh.ShouldBe(130);
        limit.ToString().ShouldBe("kein Limit, Richtgeschwindigkeit 130");
    }

    [Fact]
    public void Directional_tags_win_over_maxspeed_and_untagged_roads_get_their_type_default()
    {
        var tags = new Dictionary<string, string> { ["maxspeed"] = "100", ["maxspeed:forward"] = "80", ["source:maxspeed"] = "DE:rural" };

        SpeedLimit.ForDirection(tags, "primary", forward: true).ShouldBe(SpeedLimit.Of(80));
        SpeedLimit.ForDirection(tags, "primary", forward: false).ShouldBe(SpeedLimit.Of(100));
        SpeedLimit.ForDirection(new Dictionary<string, string> { ["source:maxspeed"] = "DE:urban" }, "primary", true).ShouldBe(SpeedLimit.Of(50));
        SpeedLimit.ForDirection(new Dictionary<string, string>(), "residential", true).ShouldBe(SpeedLimit.Of(50));
        SpeedLimit.ForDirection(new Dictionary<string, string>(), "motorway", true).ShouldBe(SpeedLimit.None);
        SpeedLimit.ForDirection(new Dictionary<string, string>(), "living_street", true).ShouldBe(SpeedLimit.Of(7));
        SpeedLimit.Parse("signals").ShouldBeNull();
    }
}
