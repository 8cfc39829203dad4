using System.Data.Common;
using System.Diagnostics;
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
/// The ingestion pipeline (ARCHITECTURE.md §4, ADR 0020/0021): positions of one device always go to the same
/// partition worker (order per device). A worker drains its queue into one batch (group commit across all its
/// devices), then runs the CPU stages outside any lock — map matching, the trip state machine on copies of the
/// cached states, further <see cref="IIngestStage"/>s — and finally writes everything of the batch (positions,
/// finished trips, trip-state checkpoints, stage rows) in one transaction with plain SQL. Only after the commit
/// are the submitters told <see cref="IngestStatus.Stored"/>, so an acknowledgement always means durably stored.
/// </summary>
internal sealed class IngestionPipeline : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TelematicsOptions _options;
    private readonly RoadMap _map;
    private readonly PositionWriter _writer;
    private readonly IngestConnections _connections;
    private readonly IIngestStage[] _stages;
    private readonly TimeProvider _clock;
    private readonly ILogger<IngestionPipeline> _logger;
    private readonly TripDetector _trips;
    private readonly Channel<Work>[] _partitions;
    private readonly Dictionary<Guid, TripState>[] _states;
    private readonly Task[] _workers;

    public IngestionPipeline(IServiceScopeFactory scopes, TelematicsOptions options, RoadMap map, PositionWriter writer, IngestConnections connections, IEnumerable<IIngestStage> stages, TimeProvider clock, ILogger<IngestionPipeline> logger)
    {
        _scopes = scopes;
        _options = options;
        _map = map;
        _writer = writer;
        _connections = connections;
        _stages = [.. stages];
        _clock = clock;
        _logger = logger;
        _trips = TripDetector.From(options);
        var partitions = options.Partitions > 0 ? options.Partitions
            : connections.Provider == DatabaseProvider.Sqlite ? 1 : Environment.ProcessorCount;
        _partitions = new Channel<Work>[partitions];
        _states = new Dictionary<Guid, TripState>[partitions];
        _workers = new Task[partitions];
        for (var i = 0; i < partitions; i++)
        {
            _partitions[i] = Channel.CreateBounded<Work>(new BoundedChannelOptions(4096) { SingleReader = true });
            _states[i] = [];
            var partition = i;
            _workers[i] = Task.Run(() => RunAsync(partition));
        }
    }

    /// <summary>Stage timings and batch sizes since start (the benchmark prints them).</summary>
    public IngestionStats Stats { get; } = new();

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
                await ProcessAsync(partition, batch, records);
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

    private async Task ProcessAsync(int partition, List<Work> batch, int recordCount)
    {
        var started = Stopwatch.GetTimestamp();
        var cache = _states[partition];
        await LoadStatesAsync(cache, batch);

        // CPU stages, outside the writer lock: enrichment, trips, further stages; on copies of the states.
        var prepared = new IngestBatch(recordCount);
        foreach (var work in batch)
        {
            if (!prepared.States.TryGetValue(work.Box.Id, out var state))
            {
                state = cache.TryGetValue(work.Box.Id, out var cached)
                    ? cached.Clone()
                    : new TripState { BoxId = work.Box.Id, OrganisationId = work.Box.OrganisationId };
                prepared.States[work.Box.Id] = state;
            }

            foreach (var record in work.Records)
            {
                var road = record.Valid ? _map.Match(record.Latitude, record.Longitude, record.Course, record.SpeedKmh) : null;
                var position = new StoredPosition(work.Box.Id, record, work.ReceivedUtc, road);
                prepared.Positions.Add(position);
                if (_trips.Apply(state, record) is { } trip)
                {
                    prepared.Trips.Add(trip);
                }

                foreach (var stage in _stages)
                {
                    stage.Apply(work.Box, state, position, prepared);
                }
            }
        }

        var prepareEnd = Stopwatch.GetTimestamp();
        HashSet<Guid> active;
        long lockedAt, writtenAt;
        await using (var lease = await _connections.LeaseAsync(partition, CancellationToken.None))
        {
            lockedAt = Stopwatch.GetTimestamp();
            await using var transaction = await lease.Connection.BeginTransactionAsync();
            var write = new IngestWrite(lease.Provider, lease.Connection, transaction);

            // Authoritative check inside the transaction: a box revoked meanwhile stores nothing (C18).
            active = await TripStore.ActiveBoxesAsync(write, prepared.States.Keys, CancellationToken.None);
            if (active.Count < prepared.States.Count)
            {
                prepared.KeepOnly(active);
            }

            await _writer.WriteAsync(write, prepared.Positions, CancellationToken.None);
            await TripStore.WriteAsync(write, prepared.States.Values, prepared.Trips, CancellationToken.None);
            foreach (var stage in _stages)
            {
                await stage.WriteAsync(write, prepared, CancellationToken.None);
            }

            writtenAt = Stopwatch.GetTimestamp();
            await transaction.CommitAsync();
        }

        var committedAt = Stopwatch.GetTimestamp();
        foreach (var (id, state) in prepared.States)
        {
            cache[id] = state;
        }

        foreach (var work in batch)
        {
            work.Done.TrySetResult(active.Contains(work.Box.Id) ? IngestStatus.Stored : IngestStatus.Refused);
        }

        Stats.Add(recordCount, prepareEnd - started, lockedAt - prepareEnd, writtenAt - lockedAt, committedAt - writtenAt);
    }

    /// <summary>Reads the checkpoints of boxes this partition has not seen since start (once per box and process).</summary>
    private async Task LoadStatesAsync(Dictionary<Guid, TripState> cache, List<Work> batch)
    {
        List<Guid>? missing = null;
        foreach (var work in batch)
        {
            if (!cache.ContainsKey(work.Box.Id) && !(missing ??= []).Contains(work.Box.Id))
            {
                missing.Add(work.Box.Id);
            }
        }

        if (missing is null)
        {
            return;
        }

        await using var scope = _scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Telematik: Fahrtzustand laden");
        var db = scope.ServiceProvider.GetRequiredService<TelematicsDbContext>();
        foreach (var state in await db.TripStates.AsNoTracking().Where(s => missing.Contains(s.BoxId)).ToListAsync())
        {
            cache[state.BoxId] = state;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _partitions)
        {
            channel.Writer.TryComplete();
        }

        await Task.WhenAll(_workers);
        await _connections.DisposeAsync();
    }

    private sealed record Work(BoxRef Box, IReadOnlyList<PositionRecord> Records, DateTime ReceivedUtc)
    {
        public TaskCompletionSource<IngestStatus> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>What one batch writes, built by the CPU stages and trimmed to the active boxes before it is written.</summary>
internal sealed class IngestBatch(int records)
{
    public List<StoredPosition> Positions { get; private set; } = new(records);

    public List<Trip> Trips { get; private set; } = [];

    /// <summary>The new trip-state checkpoint of every box in the batch.</summary>
    public Dictionary<Guid, TripState> States { get; } = [];

    /// <summary>Per-batch data of further stages, keyed by the stage (rows of boxes no longer in <see cref="States"/> must not be written).</summary>
    public Dictionary<IIngestStage, object> Items { get; } = [];

    public void KeepOnly(HashSet<Guid> active)
    {
        Positions = Positions.FindAll(p => active.Contains(p.BoxId));
        Trips = Trips.FindAll(t => active.Contains(t.BoxId));
        foreach (var id in States.Keys.Where(id => !active.Contains(id)).ToList())
        {
            States.Remove(id);
        }
    }
}

/// <summary>The open write transaction of a batch.</summary>
internal sealed record IngestWrite(DatabaseProvider Provider, DbConnection Connection, DbTransaction Transaction);

/// <summary>
/// A further pipeline stage (scoring, crash or geofence alerts): <see cref="Apply"/> sees every position of a
/// batch in device order with the box's trip state, outside any lock; <see cref="WriteAsync"/> writes the
/// stage's own rows inside the batch transaction (after the positions, before the commit). Register with
/// <c>services.AddSingleton&lt;IIngestStage, …&gt;()</c>.
/// </summary>
internal interface IIngestStage
{
    void Apply(BoxRef box, TripState state, StoredPosition position, IngestBatch batch);

    Task WriteAsync(IngestWrite write, IngestBatch batch, CancellationToken cancellationToken);
}
