using Glasklar.Platform.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Glasklar.Platform.AccessLog;

/// <summary>
/// Writes queued access-log entries in batches (one transaction per batch). Under load it collects for up to
/// <see cref="CollectFor"/> so the log costs about one write a second, and on SQLite it queues behind the
/// process's other writers (<see cref="SqliteWriteGate"/>) instead of colliding with them.
/// </summary>
internal sealed class AccessLogWriter(AccessLogQueue queue, IServiceScopeFactory scopes, DatabaseOptions database, SqliteWriteGate writeGate, ILogger<AccessLogWriter> logger)
    : BackgroundService
{
    private const int BatchSize = 500;

    private static readonly TimeSpan CollectFor = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AccessLogEntry>(BatchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                var collectUntil = DateTime.UtcNow + CollectFor;
                while (batch.Count < BatchSize)
                {
                    while (batch.Count < BatchSize && queue.Reader.TryRead(out var entry))
                    {
                        batch.Add(entry);
                    }

                    var left = collectUntil - DateTime.UtcNow;
                    if (batch.Count >= BatchSize || left <= TimeSpan.Zero)
                    {
                        break;
                    }

                    await Task.Delay(left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100), stoppingToken);
                }

                await WriteAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: write what is already queued.
            while (queue.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            await WriteAsync(batch, CancellationToken.None);
        }
    }

    private async Task WriteAsync(List<AccessLogEntry> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            using var gate = database.Provider == DatabaseProvider.Sqlite ? await writeGate.EnterAsync(cancellationToken) : null;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.AccessLog.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException)
        {
            logger.LogWarning("Zugriffsprotokoll: {Count} Einträge konnten nicht geschrieben werden ({Error})", batch.Count, ex.GetType().Name);
        }
        finally
        {
            queue.Written(batch.Count);
            batch.Clear();
        }
    }
}
