using System.Diagnostics;

namespace Glasklar.Telematics.Listeners;

/// <summary>
/// Time from the receipt of a complete packet to its acknowledgement, the figure issue 7's target names
/// (p99 &lt; 200 ms). Fixed 0.25 ms buckets up to 10 s and lock-free counters, so measuring costs two clock reads
/// per packet and no allocation.
/// </summary>
internal sealed class AckLatency
{
    private const double BucketMs = 0.25;
    private readonly long[] _buckets = new long[40_001]; // the last one collects everything from 10 s on
    private long _count;

    public void Record(long receivedTimestamp)
    {
        var ms = Stopwatch.GetElapsedTime(receivedTimestamp).TotalMilliseconds;
        var bucket = (int)Math.Min(_buckets.Length - 1, ms / BucketMs);
        Interlocked.Increment(ref _buckets[bucket]);
        Interlocked.Increment(ref _count);
    }

    /// <summary>Forgets everything recorded so far (the benchmark calls it when its warm-up ends).</summary>
    public void Reset()
    {
        Array.Clear(_buckets);
        Interlocked.Exchange(ref _count, 0);
    }

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Upper edge of the bucket holding the <paramref name="fraction"/> quantile, in milliseconds.</summary>
    public double Quantile(double fraction)
    {
        var target = (long)Math.Ceiling(Count * fraction);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= target && seen > 0)
            {
                return (i + 1) * BucketMs;
            }
        }

        return 0;
    }
}
