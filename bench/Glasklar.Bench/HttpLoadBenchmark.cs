using System.Diagnostics;

namespace Glasklar.Bench;

/// <summary>
/// Closed-loop HTTP load against a running Glasklar on loopback: N clients, each sending its next
/// request when the last one answered, for a bounded time. Prints throughput and latency percentiles.
/// </summary>
internal sealed class HttpLoadBenchmark : IBenchmark
{
    public string Name => "http";

    public string Description => "GET load: --url http://127.0.0.1:5080/ --clients 50 --seconds 10";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var url = new Uri(Arg(args, "--url", "http://127.0.0.1:5080/"));
        if (!url.IsLoopback)
        {
            await Console.Error.WriteLineAsync("Nur Adressen auf diesem Rechner (Loopback) sind erlaubt.");
            return 2;
        }

        var clients = int.Parse(Arg(args, "--clients", "50"));
        var seconds = Math.Clamp(double.Parse(Arg(args, "--seconds", "10"), System.Globalization.CultureInfo.InvariantCulture), 1, 300);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, UseCookies = false });

        // Warm-up: JIT, connection pool, first-request caches.
        for (var i = 0; i < 50; i++)
        {
            (await http.GetAsync(url, cancellationToken)).Dispose();
        }

        var latencies = new List<double>[clients];
        var errors = 0;
        var stopwatch = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            latencies[c] = [];
            while (stopwatch.Elapsed < until && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(url, cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                latencies[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        Console.WriteLine($"http: {url} clients={clients} duration={elapsed:F1}s");
        Console.WriteLine($"  requests={all.Length} errors={errors} throughput={all.Length / elapsed:F0} req/s");
        Console.WriteLine($"  latency ms: p50={Percentile(all, 0.50):F2} p95={Percentile(all, 0.95):F2} p99={Percentile(all, 0.99):F2} max={all[^1]:F2}");
        return errors == 0 ? 0 : 1;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static string Arg(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
