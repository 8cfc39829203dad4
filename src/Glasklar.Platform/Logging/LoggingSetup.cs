using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Glasklar.Platform.Logging;

public static class LoggingSetup
{
    /// <summary>
    /// The only log sink: redacting JSON on the console. Framework categories that would write request
    /// URLs, SQL or connection details stay at Warning, whatever the configuration says.
    /// </summary>
    public static ILoggingBuilder AddGlasklarLogging(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddConsole(o => o.FormatterName = RedactingJsonConsoleFormatter.FormatterName);
        logging.AddConsoleFormatter<RedactingJsonConsoleFormatter, ConsoleFormatterOptions>();
        logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        logging.AddFilter("Microsoft.EntityFrameworkCore.Migrations", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel.Connections", LogLevel.Warning);
        return logging;
    }
}
