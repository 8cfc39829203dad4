using System.Diagnostics;

namespace Glasklar.Telematics.Ingestion;

/// <summary>Cumulative stage timings of the pipeline (stopwatch ticks), for the benchmark's profile line.</summary>
internal sealed class IngestionStats
{
    private long _batches;
    private long _records;
    private long _prepare;
    private long _wait;
    private long _write;
    private long _commit;

    public void Add(int records, long prepare, long wait, long write, long commit)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _records, records);
        Interlocked.Add(ref _prepare, prepare);
        Interlocked.Add(ref _wait, wait);
        Interlocked.Add(ref _write, write);
        Interlocked.Add(ref _commit, commit);
    }

    public override string ToString()
    {
        var batches = Math.Max(1, Interlocked.Read(ref _batches));
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency / batches;
        return FormattableString.Invariant(
            $"{batches} batches, {Interlocked.Read(ref _records) / batches} records/batch; per batch: prepare {Ms(_prepare):0.0} ms, wait for writer {Ms(_wait):0.0} ms, write {Ms(_write):0.0} ms, commit {Ms(_commit):0.0} ms");
    }
}
