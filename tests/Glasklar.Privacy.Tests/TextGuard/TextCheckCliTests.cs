using System.Text.Json;
using Glasklar.Privacy.TextGuard;

namespace Glasklar.Privacy.Tests.TextGuard;

public sealed class TextCheckCliTests
{
    [Fact]
    [Trait("Promise", "X3")]
    [Trait("Promise", "A8")]
    public void Writes_one_json_object_per_input_line_with_the_documented_fields()
    {
        var input = new StringReader("Kunde ist schwerhörig.\nFrontscheibe hat einen Riss.\n");
        var output = new StringWriter();

        var exit = TextCheckCli.Run(input, output);

        exit.ShouldBe(0);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);

        // Umlauts stay readable instead of \u00f6 escapes.
        lines[0].ShouldContain("schwerhörig");

        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["text", "special", "categories", "findings", "suggestion"]);
        root.GetProperty("text").GetString().ShouldBe("Kunde ist schwerhörig.");
        root.GetProperty("special").GetBoolean().ShouldBeTrue();
        root.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ShouldBe(["health"]);
        var finding = root.GetProperty("findings").EnumerateArray().Single();
        finding.EnumerateObject().Select(p => p.Name).ShouldBe(["category", "start", "length", "match"]);
        finding.GetProperty("category").GetString().ShouldBe("health");
        finding.GetProperty("start").GetInt32().ShouldBe(10);
        finding.GetProperty("length").GetInt32().ShouldBe(11);
        finding.GetProperty("match").GetString().ShouldBe("schwerhörig");
        root.GetProperty("suggestion").GetString().ShouldBe("Bitte laut und deutlich klingeln.");

        using var second = JsonDocument.Parse(lines[1]);
        second.RootElement.GetProperty("special").GetBoolean().ShouldBeFalse();
        second.RootElement.GetProperty("findings").GetArrayLength().ShouldBe(0);
        second.RootElement.GetProperty("suggestion").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    [Trait("Promise", "X3")]
    public void Empty_input_writes_nothing()
    {
        var output = new StringWriter();

        TextCheckCli.Run(new StringReader(string.Empty), output).ShouldBe(0);

        output.ToString().ShouldBeEmpty();
    }
}
