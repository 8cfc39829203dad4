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

    private readonly List<(double AtSeconds, int Records, double Prepare, double Wait, double Write, double Commit)> _slowest = [];
    private readonly long _startedAt = Stopwatch.GetTimestamp();

    public void Add(int records, long prepare, long wait, long write, long commit)
    {
        var total = prepare + wait + write + commit;
        if (total * 1000.0 / Stopwatch.Frequency > 50)
        {
            double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
            lock (_slowest)
            {
                // Diagnostics only: the 64 slowest, so a long-running server does not collect forever.
                var entry = (Stopwatch.GetElapsedTime(_startedAt).TotalSeconds, records, Ms(prepare), Ms(wait), Ms(write), Ms(commit));
                if (_slowest.Count < 64)
                {
                    _slowest.Add(entry);
                }
                else
                {
                    var fastest = 0;
                    for (var i = 1; i < _slowest.Count; i++)
                    {
                        if (Total(_slowest[i]) < Total(_slowest[fastest]))
                        {
                            fastest = i;
                        }
                    }

                    if (Total(entry) > Total(_slowest[fastest]))
                    {
                        _slowest[fastest] = entry;
                    }
                }
            }
        }

        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _records, records);
        Interlocked.Add(ref _prepare, prepare);
        Interlocked.Add(ref _wait, wait);
        Interlocked.Add(ref _write, write);
        Interlocked.Add(ref _commit, commit);
    }

    private static double Total((double AtSeconds, int Records, double Prepare, double Wait, double Write, double Commit) b) => b.Prepare + b.Wait + b.Write + b.Commit;

    /// <summary>Forgets the slowest batches seen so far (the benchmark calls it when its warm-up ends).</summary>
    public void ResetSlowest()
    {
        lock (_slowest)
        {
            _slowest.Clear();
        }
    }

    /// <summary>The slowest batches over 50 ms (at most 64), one line each, for the benchmark.</summary>
    public string Slowest()
    {
        lock (_slowest)
        {
            return string.Join("\n", _slowest.OrderByDescending(b => b.Prepare + b.Wait + b.Write + b.Commit).Take(15)
                .Select(b => FormattableString.Invariant($"    t={b.AtSeconds:0.00}s n={b.Records} prepare {b.Prepare:0} wait {b.Wait:0} write {b.Write:0} commit {b.Commit:0}")));
        }
    }

    public override string ToString()
    {
        var batches = Math.Max(1, Interlocked.Read(ref _batches));
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency / batches;
        return FormattableString.Invariant(
            $"{batches} batches, {Interlocked.Read(ref _records) / batches} records/batch; per batch: prepare {Ms(_prepare):0.0} ms, wait for writer {Ms(_wait):0.0} ms, write {Ms(_write):0.0} ms, commit {Ms(_commit):0.0} ms");
    }
}
