using System.Collections.Concurrent;
using Glasklar.Platform.Logging;
using Glasklar.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Glasklar.Host.Tests.Infrastructure;

/// <summary>
/// The real application in-process over real HTTP (TestServer), on a real test database. Log output
/// goes through the production formatter into <see cref="LogLines"/>, so tests can check it for
/// personal data.
/// </summary>
public sealed class GlasklarFactory(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    : WebApplicationFactory<Program>
{
    public const string DpoName = "Dr. Dana Datenschutz (Test)";
    public const string DpoEmail = "dsb-test@glasklar.invalid";
    public const string OperatorName = "Testbetreiber Glas GmbH";

    private readonly ConcurrentQueue<string> _logLines = new();

    public TestDatabase Database => database;

    public IReadOnlyList<string> LogLines => [.. _logLines];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in database.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Glasklar:Demo", "true");
        builder.UseSetting("Glasklar:DataProtectionOfficer:Name", DpoName);
        builder.UseSetting("Glasklar:DataProtectionOfficer:Email", DpoEmail);
        builder.UseSetting("Glasklar:Operator:Name", OperatorName);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(_logLines)));
        if (clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(clock));
        }
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(RedactingJsonConsoleFormatter.Format(new Microsoft.Extensions.Logging.Abstractions.LogEntry<TState>(logLevel, category, eventId, state, exception, formatter)));
    }
}
