using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Glasklar.Telematics.Ingestion;

/// <summary>
/// The attributes column (JSON object) written without reflection for the value types the protocols produce
/// (bool, integers, double, string); anything else falls back to <see cref="JsonSerializer"/>. The output is the
/// same as <c>JsonSerializer.Serialize(attributes)</c>. One buffer per thread; the call is synchronous.
/// </summary>
internal static class AttributeJson
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static string? Serialize(IReadOnlyDictionary<string, object> attributes) =>
        SerializeUtf8(attributes) is { } json ? Encoding.UTF8.GetString(json.Span) : null;

    /// <summary>The JSON as UTF-8, valid until the next call on this thread; null when there are no attributes.</summary>
    public static ReadOnlyMemory<byte>? SerializeUtf8(IReadOnlyDictionary<string, object> attributes)
    {
        if (attributes.Count == 0)
        {
            return null;
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartObject();
        foreach (var (key, value) in attributes)
        {
            switch (value)
            {
                case bool b: writer.WriteBoolean(key, b); break;
                case long l: writer.WriteNumber(key, l); break;
                case int i: writer.WriteNumber(key, i); break;
                case double d: writer.WriteNumber(key, d); break;
                case string text: writer.WriteString(key, text); break;
                default:
                    writer.WritePropertyName(key);
                    JsonSerializer.Serialize(writer, value, value.GetType());
                    break;
            }
        }

        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenMemory;
    }
}
