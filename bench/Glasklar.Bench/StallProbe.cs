using System.Diagnostics;

namespace Glasklar.Bench;

/// <summary>
/// Finds out where latency tails come from while a load runs: a dedicated thread that asks for 1 ms sleeps sees
/// the whole process stand still (GC suspension, CPU starvation), and a task that repeatedly queues itself to
/// the thread pool sees the pool fall behind (blocked or starved worker threads).
/// </summary>
internal sealed class StallProbe : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly Task _pool;
    private readonly List<double> _processGaps = [];
    private readonly List<double> _poolLags = [];

    public StallProbe()
    {
        _thread = new Thread(WatchProcess) { IsBackground = true, Name = "stall-probe" };
        _thread.Start();
        _pool = Task.Run(WatchPoolAsync);
    }

    private void WatchProcess()
    {
        var last = Stopwatch.GetTimestamp();
        while (!_stop.IsCancellationRequested)
        {
            Thread.Sleep(1);
            var now = Stopwatch.GetTimestamp();
            var gap = Stopwatch.GetElapsedTime(last, now).TotalMilliseconds;
            if (gap > 20)
            {
                lock (_processGaps)
                {
                    _processGaps.Add(gap);
                }
            }

            last = now;
        }
    }

    private async Task WatchPoolAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(5);
            var queued = Stopwatch.GetTimestamp();
            await Task.Run(() => { });
            var lag = Stopwatch.GetElapsedTime(queued).TotalMilliseconds;
            if (lag > 20)
            {
                lock (_poolLags)
                {
                    _poolLags.Add(lag);
                }
            }
        }
    }

    /// <summary>"process stalls > 20 ms: n (sum, max); thread-pool lags > 20 ms: n (sum, max)".</summary>
    public string Summary()
    {
        static string Describe(List<double> values)
        {
            lock (values)
            {
                return values.Count == 0 ? "0" : FormattableString.Invariant($"{values.Count} (sum {values.Sum():0} ms, max {values.Max():0} ms)");
            }
        }

        return $"process stalls > 20 ms: {Describe(_processGaps)}; thread-pool lags > 20 ms: {Describe(_poolLags)}";
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _pool.Wait();
        _stop.Dispose();
    }
}
