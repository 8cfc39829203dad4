using System.Runtime.CompilerServices;
using Glasklar.Platform.Configuration;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Geofences;
using Glasklar.Telematics.Persistence;
using Glasklar.Telematics.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glasklar.Telematics.Exports;

internal sealed class ExportSignal : WorkSignal;

/// <summary>Where export files live: {DataDirectory}/telematics/exports/{job}.{ext}, never under a guessable public path.</summary>
internal sealed class ExportFiles(IOptions<GlasklarOptions> glasklar)
{
    public string Directory => Path.Combine(glasklar.Value.FullDataDirectory, "telematics", "exports");

    public string PathFor(ExportJob job) => Path.Combine(Directory, $"{job.Id:N}.{ExportHeader.Extension(job.Format)}");

    public void Delete(ExportJob job)
    {
        foreach (var path in new[] { PathFor(job), PathFor(job) + ".part" })
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }
}

/// <summary>Creating, reading and streaming route exports of the customer's own boxes.</summary>
internal sealed class ExportService(TelematicsDbContext db, PortalPositions positions, ExportSignal signal, PortalOptions options, TimeProvider clock)
{
    public bool RunsAsJob(DateTime fromUtc, DateTime toUtc) => (toUtc - fromUtc).TotalDays > options.DirectExportMaxDays;

    public async Task<ExportJob> QueueAsync(Guid userId, ExportFormat format, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var job = new ExportJob
        {
            Id = Guid.NewGuid(),
            CustomerUserId = userId,
            Format = format,
            FromUtc = fromUtc,
            ToUtc = toUtc,
            Status = ExportStatus.Queued,
            CreatedUtc = now,
            ExpiresUtc = now + options.ExportKeepFor,
        };
        db.Set<ExportJob>().Add(job);
        await db.SaveChangesAsync(cancellationToken);
        signal.Raise();
        return job;
    }

    /// <summary>The job if it is the caller's own (and not expired); otherwise null, which the pages answer with 404.</summary>
    public Task<ExportJob?> OwnAsync(Guid userId, Guid jobId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<ExportJob>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId && j.CustomerUserId == userId && j.ExpiresUtc > now, cancellationToken);
    }

    public Task<List<ExportJob>> RecentAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<ExportJob>().AsNoTracking().Where(j => j.CustomerUserId == userId && j.ExpiresUtc > now)
            .OrderByDescending(j => j.CreatedUtc).Take(20).ToListAsync(cancellationToken);
    }

    public Task DeleteAsync(Guid jobId) => db.Set<ExportJob>().Where(j => j.Id == jobId).ExecuteDeleteAsync(CancellationToken.None);

    /// <summary>Every position of the boxes in the window, vehicle by vehicle in GPS-time order, streamed.</summary>
    public async IAsyncEnumerable<ExportRow> RowsAsync(IReadOnlyList<Box> boxes, DateTime fromUtc, DateTime toUtc, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var box in boxes)
        {
            await foreach (var p in positions.RangeAsync(box.Id, fromUtc, toUtc, cancellationToken))
            {
                yield return new ExportRow(box.VehicleId, p);
            }
        }
    }
}

/// <summary>
/// Runs queued exports one at a time: each is claimed with a conditional update (one node runs it), written
/// to a ".part" file with its progress and a heartbeat recorded as it goes, then renamed. A running job whose
/// heartbeat is older than <see cref="PortalOptions.ExportLease"/> lost its worker (a restart, a crashed node)
/// and is claimed again like a queued one, from the start. Work is looked for at start-up, then when signalled
/// or polled. Expired jobs and their files are deleted here too, so nothing lingers that was never downloaded (C16).
/// </summary>
internal sealed class ExportWorker(IServiceScopeFactory scopes, ExportSignal signal, ExportFiles files, PortalOptions options, TimeProvider clock, ILogger<ExportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunNextAsync(stoppingToken))
                {
                }

                await DeleteExpiredAsync(stoppingToken);
                await signal.WaitAsync(options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Telematik: Export-Auftrag fehlgeschlagen");
            }
        }
    }

    private async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Telematik: Export der eigenen Fahrten");
        var db = scope.ServiceProvider.GetRequiredService<TelematicsDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - options.ExportLease;
        var next = await db.Set<ExportJob>().AsNoTracking()
            .Where(j => j.Status == ExportStatus.Queued || (j.Status == ExportStatus.Running && (j.HeartbeatUtc == null || j.HeartbeatUtc < stale)))
            .OrderBy(j => j.CreatedUtc).FirstOrDefaultAsync(cancellationToken);
        if (next is null)
        {
            return false;
        }

        // The same condition again: only one node claims a queued job, or takes over a stale one.
        if (await db.Set<ExportJob>()
                .Where(j => j.Id == next.Id && (j.Status == ExportStatus.Queued || (j.Status == ExportStatus.Running && (j.HeartbeatUtc == null || j.HeartbeatUtc < stale))))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ExportStatus.Running).SetProperty(j => j.HeartbeatUtc, now).SetProperty(j => j.DonePositions, 0L), cancellationToken) != 1)
        {
            return true; // another node took it
        }

        if (next.Status == ExportStatus.Running)
        {
            logger.LogWarning("Telematik: Export-Auftrag {Job} hatte keinen Herzschlag mehr und läuft neu", next.Id);
        }

        var boxes = await scope.ServiceProvider.GetRequiredService<CustomerBoxes>().LinkedAsync(next.CustomerUserId, cancellationToken);
        var positions = scope.ServiceProvider.GetRequiredService<PortalPositions>();
        var total = await positions.CountAsync([.. boxes.Select(b => b.Id)], next.FromUtc, next.ToUtc, cancellationToken);
        await UpdateAsync(next.Id, s => s.SetProperty(j => j.TotalPositions, total).SetProperty(j => j.HeartbeatUtc, clock.GetUtcNow().UtcDateTime), cancellationToken);
        var path = files.PathFor(next);
        Directory.CreateDirectory(files.Directory);
        try
        {
            var exports = scope.ServiceProvider.GetRequiredService<ExportService>();
            var header = new ExportHeader(next.FromUtc, next.ToUtc, clock.GetUtcNow().UtcDateTime);
            long done = 0;
            using var writing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var reporter = ReportProgressAsync(next.Id, () => Interlocked.Read(ref done), writing.Token);
            await using (var file = new FileStream(path + ".part", FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await ExportWriters.WriteAsync(next.Format, header, exports.RowsAsync(boxes, next.FromUtc, next.ToUtc, cancellationToken), file, options.PdfMaxPositions,
                    count => Interlocked.Exchange(ref done, count), cancellationToken);
            }

            await writing.CancelAsync();
            await reporter;

            File.Move(path + ".part", path, overwrite: true);
            var finished = clock.GetUtcNow().UtcDateTime;
            await UpdateAsync(next.Id, s => s.SetProperty(j => j.Status, ExportStatus.Done).SetProperty(j => j.DonePositions, total).SetProperty(j => j.FinishedUtc, finished), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Telematik: Export-Auftrag {Job} fehlgeschlagen", next.Id);
            files.Delete(next);
            await UpdateAsync(next.Id, s => s.SetProperty(j => j.Status, ExportStatus.Failed), cancellationToken);
        }

        return true;
    }

    /// <summary>Records the progress and the heartbeat twice a second on a connection of its own, for the page's progress bar and the lease.</summary>
    private async Task ReportProgressAsync(Guid id, Func<long> done, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                var value = done();
                var now = clock.GetUtcNow().UtcDateTime;
                await UpdateAsync(id, s => s.SetProperty(j => j.DonePositions, value).SetProperty(j => j.HeartbeatUtc, now), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // writing has finished
        }
    }

    private async Task UpdateAsync(Guid id, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ExportJob>> set, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TelematicsDbContext>();
        await db.Set<ExportJob>().Where(j => j.Id == id).ExecuteUpdateAsync(set, cancellationToken);
    }

    private async Task DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TelematicsDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var job in await db.Set<ExportJob>().AsNoTracking().Where(j => j.ExpiresUtc <= now).ToListAsync(cancellationToken))
        {
            files.Delete(job);
            await db.Set<ExportJob>().Where(j => j.Id == job.Id).ExecuteDeleteAsync(cancellationToken);
        }
    }
}
