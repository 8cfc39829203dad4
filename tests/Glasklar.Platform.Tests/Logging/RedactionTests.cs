using Glasklar.Platform.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Glasklar.Platform.Tests.Logging;

[Trait("Promise", "X9")]
public sealed class RedactionTests
{
    [Theory]
    [InlineData("Mail an erika.mustermann@example.de verschickt", "erika.mustermann@example.de")]
    [InlineData("Rückruf unter +49 151 23456789 gewünscht", "+49 151 23456789")]
    [InlineData("Rückruf unter 0151/23456789", "0151/23456789")]
    [InlineData("Rückruf unter 0049 30 1234567", "0049 30 1234567")]
    [InlineData("Anfrage von 203.0.113.77 abgelehnt", "203.0.113.77")]
    [InlineData("Anfrage von 2001:db8:85a3::8a2e:370:7334 abgelehnt", "2001:db8:85a3::8a2e:370:7334")]
    [InlineData("GET /passwort/neu?token=abc123&email=x abgelehnt", "token=abc123")]
    public void Pattern_redaction_removes_personal_data_from_free_log_text(string text, string personal)
    {
        var redacted = PersonalDataRedactor.Redact(text);

        redacted.ShouldNotContain(personal);
        redacted.Length.ShouldBeGreaterThan(10);
    }

    [Theory]
    [InlineData("Now listening on: http://127.0.0.1:5080")]
    [InlineData("Migration 20261122000001_Organisations angewendet")]
    [InlineData("Verarbeitet am 2026-11-22 in 12.5 ms")]
    [InlineData("Version 10.0.14 gestartet")]
    public void Operational_text_stays_readable(string text) =>
        PersonalDataRedactor.Redact(text).ShouldBe(text);

    [Fact]
    public void Structured_values_named_like_personal_data_never_reach_the_output()
    {
        var line = Format(LogLevel.Information, "Referral für {Surname} ({Email}) von {UserAgent} angelegt, {Count} Fotos",
            "Mustermann", "erika@example.de", "Mozilla/5.0 Firefox", 3);

        line.ShouldNotContain("Mustermann");
        line.ShouldNotContain("erika@example.de");
        line.ShouldNotContain("Firefox");
        line.ShouldContain("\"Count\":\"3\"");
        line.ShouldContain(PersonalDataRedactor.Removed);
    }

    [Fact]
    public void Exceptions_are_redacted_too()
    {
        var exception = new InvalidOperationException("Kein Konto für erika@example.de von 198.51.100.4");
        var line = Format(LogLevel.Error, "Fehler beim Anmelden", exception: exception);

        line.ShouldNotContain("erika@example.de");
        line.ShouldNotContain("198.51.100.4");
        line.ShouldContain("InvalidOperationException");
    }

    [Fact]
    public void Every_entry_is_one_json_object()
    {
        var line = Format(LogLevel.Warning, "Hallo {Count}", 1);

        using var document = System.Text.Json.JsonDocument.Parse(line);
        document.RootElement.GetProperty("level").GetString().ShouldBe("Warning");
        document.RootElement.GetProperty("message").GetString().ShouldBe("Hallo 1");
    }

    private static string Format(LogLevel level, string template, params object?[] args) => Format(level, template, null, args);

    private static string Format(LogLevel level, string template, Exception? exception, params object?[] args)
    {
        var state = new FormattedState(template, args);
        var entry = new LogEntry<FormattedState>(level, "Test", new EventId(1), state, exception, (s, _) => s.ToString());
        return RedactingJsonConsoleFormatter.Format(entry);
    }

    /// <summary>The same state shape the framework's LoggerMessage formatting produces.</summary>
    private sealed class FormattedState(string template, object?[] args) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly List<KeyValuePair<string, object?>> _values = Build(template, args);

        public int Count => _values.Count;

        public KeyValuePair<string, object?> this[int index] => _values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString()
        {
            var text = template;
            foreach (var (key, value) in _values.Where(v => v.Key != "{OriginalFormat}"))
            {
                text = text.Replace("{" + key + "}", value?.ToString(), StringComparison.Ordinal);
            }

            return text;
        }

        private static List<KeyValuePair<string, object?>> Build(string template, object?[] args)
        {
            var names = System.Text.RegularExpressions.Regex.Matches(template, @"\{(\w+)\}").Select(m => m.Groups[1].Value).ToList();
            var values = names.Select((n, i) => new KeyValuePair<string, object?>(n, args[i])).ToList();
            values.Add(new("{OriginalFormat}", template));
            return values;
        }
    }
}
