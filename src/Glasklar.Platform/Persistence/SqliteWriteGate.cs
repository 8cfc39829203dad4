namespace Glasklar.Platform.Persistence;

/// <summary>
/// One writer at a time inside this process for SQLite. SQLite allows a single writer anyway, and when two
/// connections collide the loser sleeps in the driver's busy retry (about 150 ms), which shows up as latency
/// spikes. Background writers (access log, group commits) take this gate instead, so they queue without sleeping.
/// On PostgreSQL nobody needs it.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Waits for the gate; dispose the result to release it.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Release(_gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
