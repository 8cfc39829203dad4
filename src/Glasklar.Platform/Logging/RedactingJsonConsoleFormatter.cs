using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Glasklar.Platform.Logging;

/// <summary>
/// JSON lines on the console, one object per log entry, with personal data removed before anything is
/// written (X9). Values named like personal data are dropped; the rest passes the pattern redactor.
/// </summary>
public sealed class RedactingJsonConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "glasklar-json";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        textWriter.Write(Format(logEntry));
        textWriter.Write('\n');
    }

    public static string Format<TState>(in LogEntry<TState> logEntry)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception) ?? "";
        var properties = logEntry.State as IReadOnlyList<KeyValuePair<string, object?>>;

        // First drop the values of personal fields from the rendered message, then mask by pattern.
        if (properties is not null)
        {
            foreach (var (key, value) in properties)
            {
                if (PersonalDataRedactor.IsPersonalKey(key) && value?.ToString() is { Length: > 0 } personal)
                {
                    message = message.Replace(personal, PersonalDataRedactor.Removed, StringComparison.Ordinal);
                }
            }
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("time", DateTimeOffset.UtcNow.ToString("O"));
            json.WriteString("level", logEntry.LogLevel.ToString());
            json.WriteString("category", logEntry.Category);
            if (logEntry.EventId.Id != 0)
            {
                json.WriteNumber("eventId", logEntry.EventId.Id);
            }

            json.WriteString("message", PersonalDataRedactor.Redact(message));
            if (properties is not null)
            {
                json.WriteStartObject("state");
                foreach (var (key, value) in properties)
                {
                    if (key == "{OriginalFormat}")
                    {
                        continue;
                    }

                    json.WriteString(key, PersonalDataRedactor.IsPersonalKey(key)
                        ? PersonalDataRedactor.Removed
                        : PersonalDataRedactor.Redact(value?.ToString()));
                }

                json.WriteEndObject();
            }

            if (logEntry.Exception is not null)
            {
                json.WriteString("exception", PersonalDataRedactor.Redact(logEntry.Exception.ToString()));
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
