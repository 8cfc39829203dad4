using System.Diagnostics;

namespace Glasklar.Bench;

/// <summary>One request's outcome: whether it succeeded and how long it took.</summary>
internal readonly record struct LoadSample(bool Ok, double Milliseconds);

/// <summary>Figures of one closed-loop run; latencies in milliseconds, 0 if no request completed.</summary>
internal sealed record ClosedLoopResult(int Count, int Errors, TimeSpan Elapsed, double P50, double P95, double P99, double Max)
{
    public double Throughput => Count / Elapsed.TotalSeconds;
}

/// <summary>
/// Closed-loop load: N clients, each sending its next request when the last one answered, until the duration has
/// passed or cancellation is requested. Every completed request is one latency sample; failed ones also count as errors.
/// Exceptions from a request are not caught: they end the run, as they always did.
/// </summary>
internal static class ClosedLoopLoad
{
    /// <summary>Runs <paramref name="request"/> in a closed loop; its latency is the time the call takes.</summary>
    public static Task<ClosedLoopResult> RunAsync(int clients, TimeSpan duration, Func<CancellationToken, Task<bool>> request, CancellationToken cancellationToken) =>
        RunSelfTimedAsync(
            clients,
            duration,
            async token =>
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await request(token);
                return new LoadSample(ok, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            },
            cancellationToken);

    /// <summary>Runs <paramref name="request"/> in a closed loop; the request measures its own latency (e.g. to leave out preparing the body).</summary>
    public static async Task<ClosedLoopResult> RunSelfTimedAsync(int clients, TimeSpan duration, Func<CancellationToken, Task<LoadSample>> request, CancellationToken cancellationToken)
    {
        var latencies = new List<double>[clients];
        var errors = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            latencies[c] = [];
            while (stopwatch.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var (ok, ms) = await request(cancellationToken);
                latencies[c].Add(ms);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var elapsed = stopwatch.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new ClosedLoopResult(
            all.Length,
            errors,
            elapsed,
            Percentile(all, 0.50),
            Percentile(all, 0.95),
            Percentile(all, 0.99),
            all.Length == 0 ? 0 : all[^1]);
    }

    /// <summary>The value at rank <c>p × n</c> of an ascending array (1.0 gives the maximum), or 0 if it is empty.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
