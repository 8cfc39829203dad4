using System.Threading.Channels;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Map;
using Glasklar.Telematics.Persistence;
using Glasklar.Telematics.Positions;
using Glasklar.Telematics.Trips;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Glasklar.Telematics.Ingestion;

internal enum IngestStatus
{
    /// <summary>Durably committed: the device may be acknowledged.</summary>
    Stored,

    /// <summary>The box does not collect (unknown, not activated, or revoked): nothing stored (C18).</summary>
    Refused,

    /// <summary>Storing failed: nothing of it was committed, the device must not be acknowledged.</summary>
    Failed,
}

/// <summary>
/// The ingestion pipeline (ARCHITECTURE.md §4): positions of one device always go to the same partition
/// worker (order per device), which enriches them (map matching), runs the trip state machine and writes
/// everything of a batch — positions, finished trips, the trip-state checkpoint — in one transaction.
/// Only after the commit are the submitters told <see cref="IngestStatus.Stored"/>, so an acknowledgement
/// always means durably stored. Further stages (scoring, crash detection, alerts) plug in before the writer.
/// </summary>
internal sealed class IngestionPipeline : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TelematicsOptions _options;
    private readonly RoadMap _map;
    private readonly PositionWriter _writer;
    private readonly TimeProvider _clock;
    private readonly ILogger<IngestionPipeline> _logger;
    private readonly TripDetector _trips;
    private readonly Channel<Work>[] _partitions;
    private readonly Dictionary<Guid, TripState>[] _states;
    private readonly Task[] _workers;
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    public IngestionPipeline(IServiceScopeFactory scopes, TelematicsOptions options, RoadMap map, PositionWriter writer, TimeProvider clock, ILogger<IngestionPipeline> logger)
    {
        _scopes = scopes;
        _options = options;
        _map = map;
        _writer = writer;
        _clock = clock;
        _logger = logger;
        _trips = TripDetector.From(options);
        _partitions = new Channel<Work>[options.Partitions];
        _states = new Dictionary<Guid, TripState>[options.Partitions];
        _workers = new Task[options.Partitions];
        for (var i = 0; i < options.Partitions; i++)
        {
            _partitions[i] = Channel.CreateBounded<Work>(new BoundedChannelOptions(4096) { SingleReader = true });
            _states[i] = [];
            var partition = i;
            _workers[i] = Task.Run(() => RunAsync(partition));
        }
    }

    public Task<IngestStatus> SubmitAsync(BoxRef box, IReadOnlyList<PositionRecord> records, CancellationToken cancellationToken)
    {
        if (!box.Accepts)
        {
            return Task.FromResult(IngestStatus.Refused);
        }

        var work = new Work(box, records, _clock.GetUtcNow().UtcDateTime);
        var partition = (int)((uint)box.Id.GetHashCode() % (uint)_partitions.Length);
        var write = _partitions[partition].Writer.WriteAsync(work, cancellationToken);
        return write.IsCompletedSuccessfully ? work.Done.Task : AwaitAsync(write, work);
    }

    private static async Task<IngestStatus> AwaitAsync(ValueTask write, Work work)
    {
        await write;
        return await work.Done.Task;
    }

    private async Task RunAsync(int partition)
    {
        var reader = _partitions[partition].Reader;
        var batch = new List<Work>();
        while (await reader.WaitToReadAsync())
        {
            var records = 0;
            while (records < _options.MaxBatchRecords && reader.TryRead(out var work))
            {
                batch.Add(work);
                records += work.Records.Count;
            }

            try
            {
                await ProcessAsync(partition, batch);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Telematik: Speichern eines Stapels mit {Count} Positionen fehlgeschlagen; nichts davon wurde bestätigt", records);
                foreach (var work in batch)
                {
                    _states[partition].Remove(work.Box.Id);
                    work.Done.TrySetResult(IngestStatus.Failed);
                }

                _writer.ForgetPartitions();
            }

            batch.Clear();
        }
    }

    private async Task ProcessAsync(int partition, List<Work> batch)
    {
        var lockTaken = false;
        await using var scope = _scopes.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        session.Tenant = TenantScope.AllTenants("Telematik: Positionen speichern");
        var db = scope.ServiceProvider.GetRequiredService<TelematicsDbContext>();
        if (session.Provider == DatabaseProvider.Sqlite)
        {
            await _sqliteWriter.WaitAsync();
            lockTaken = true;
        }

        try
        {
            var cache = _states[partition];
            var changed = new Dictionary<Guid, TripState>();
            var stored = new List<StoredPosition>();
            var accepted = new HashSet<Work>(ReferenceEqualityComparer.Instance);
            await session.InTransactionAsync<bool>(async ct =>
            {
                // Authoritative check inside the transaction: a box revoked meanwhile stores nothing (C18).
                var ids = batch.Select(w => w.Box.Id).Distinct().ToList();
                var active = (await db.Boxes.Where(b => ids.Contains(b.Id) && b.Status == BoxStatus.Active).Select(b => b.Id).ToListAsync(ct)).ToHashSet();
                var missing = ids.Where(id => active.Contains(id) && !cache.ContainsKey(id)).ToList();
                var known = missing.Count == 0
                    ? new HashSet<Guid>()
                    : (await db.TripStates.AsNoTracking().Where(s => missing.Contains(s.BoxId)).ToListAsync(ct))
                        .Select(s => { cache[s.BoxId] = s; return s.BoxId; }).ToHashSet();
                foreach (var work in batch)
                {
                    if (!active.Contains(work.Box.Id))
                    {
                        continue;
                    }

                    accepted.Add(work);
                    if (!changed.TryGetValue(work.Box.Id, out var state))
                    {
                        var isNew = !cache.TryGetValue(work.Box.Id, out var cached);
                        state = cached?.Clone() ?? new TripState { BoxId = work.Box.Id, OrganisationId = work.Box.OrganisationId };
                        changed[work.Box.Id] = state;
                        if (isNew && !known.Contains(work.Box.Id))
                        {
                            db.TripStates.Add(state);
                        }
                        else
                        {
                            db.TripStates.Update(state);
                        }
                    }

                    foreach (var record in work.Records)
                    {
                        var road = record.Valid ? _map.Match(record.Latitude, record.Longitude, record.Course, record.SpeedKmh) : null;
                        stored.Add(new StoredPosition(work.Box.Id, record, work.ReceivedUtc, road));
                        if (_trips.Apply(state, record) is { } trip)
                        {
                            db.Trips.Add(trip);
                        }
                    }
                }

                foreach (var stage in scope.ServiceProvider.GetServices<IPositionStage>())
                {
                    await stage.ApplyAsync(db, stored, ct);
                }

                await _writer.WriteAsync(session, stored, ct);
                await db.SaveChangesAsync(ct);
                return (true, true);
            });

            foreach (var (id, state) in changed)
            {
                cache[id] = state;
            }

            foreach (var work in batch)
            {
                work.Done.TrySetResult(accepted.Contains(work) ? IngestStatus.Stored : IngestStatus.Refused);
            }
        }
        finally
        {
            if (lockTaken)
            {
                _sqliteWriter.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _partitions)
        {
            channel.Writer.TryComplete();
        }

        await Task.WhenAll(_workers);
    }

    private sealed record Work(BoxRef Box, IReadOnlyList<PositionRecord> Records, DateTime ReceivedUtc)
    {
        public TaskCompletionSource<IngestStatus> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
