using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Glasklar.Privacy.TextGuard;

/// <summary>
/// Logic of <c>glasklar text-check</c>: one note per input line, one JSON object per output line
/// (<c>text, special, categories, findings[category, start, length, match], suggestion</c>).
/// </summary>
public static class TextCheckCli
{
    // Umlauts stay readable in the output; the output is a data stream, not HTML.
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static int Run(TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var guard = GermanTextGuard.Default;
        while (input.ReadLine() is { } line)
        {
            output.WriteLine(JsonSerializer.Serialize(guard.Check(line), Json));
        }

        output.Flush();
        return 0;
    }
}
