using System.Threading.Channels;

namespace Glasklar.Platform.AccessLog;

/// <summary>
/// Requests are queued here and written in batches by <see cref="AccessLogWriter"/>, so logging never
/// adds a database write to a request. Under overload the oldest entries are dropped and counted.
/// </summary>
public sealed class AccessLogQueue
{
    private readonly Channel<AccessLogEntry> _channel = Channel.CreateBounded<AccessLogEntry>(
        new BoundedChannelOptions(20_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private long _pending;

    public ChannelReader<AccessLogEntry> Reader => _channel.Reader;

    /// <summary>Entries queued but not yet written (for tests and the flush on shutdown).</summary>
    public long Pending => Interlocked.Read(ref _pending);

    public void Enqueue(AccessLogEntry entry)
    {
        if (_channel.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _pending);
        }
    }

    internal void Written(int count) => Interlocked.Add(ref _pending, -count);
}
