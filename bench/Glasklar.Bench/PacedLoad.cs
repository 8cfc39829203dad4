using System.Diagnostics;

namespace Glasklar.Bench;

/// <summary>
/// Paced (open-loop) load: N clients share a fixed offered rate; each sends on its own schedule
/// (every N / rate seconds, staggered). A request's latency counts from its scheduled start, so a server
/// that falls behind is charged for the waiting too (no coordinated omission).
/// </summary>
internal static class PacedLoad
{
    public static async Task<ClosedLoopResult> RunAsync(int clients, double ratePerSecond, TimeSpan duration, Func<CancellationToken, Task<bool>> request, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(clients / ratePerSecond);
        var latencies = new List<double>[clients];
        var errors = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            latencies[c] = [];
            var due = interval * c / clients;
            while (due < duration && !cancellationToken.IsCancellationRequested)
            {
                var wait = due - stopwatch.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                var ok = await request(cancellationToken);
                latencies[c].Add((stopwatch.Elapsed - due).TotalMilliseconds);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }

                due += interval;
            }
        }));
        var elapsed = stopwatch.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new ClosedLoopResult(all.Length, errors, elapsed, ClosedLoopLoad.Percentile(all, 0.50), ClosedLoopLoad.Percentile(all, 0.95),
            ClosedLoopLoad.Percentile(all, 0.99), all.Length == 0 ? 0 : all[^1]);
    }
}
