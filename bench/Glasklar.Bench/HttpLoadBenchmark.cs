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
        var url = new Uri(BenchArgs.Get(args, "--url", "http://127.0.0.1:5080/"));
        if (!url.IsLoopback)
        {
            await Console.Error.WriteLineAsync("Nur Adressen auf diesem Rechner (Loopback) sind erlaubt.");
            return 2;
        }

        var clients = int.Parse(BenchArgs.Get(args, "--clients", "50"));
        var seconds = Math.Clamp(double.Parse(BenchArgs.Get(args, "--seconds", "10"), System.Globalization.CultureInfo.InvariantCulture), 1, 300);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, UseCookies = false });

        // Warm-up: JIT, connection pool, first-request caches.
        for (var i = 0; i < 50; i++)
        {
            (await http.GetAsync(url, cancellationToken)).Dispose();
        }

        var result = await ClosedLoopLoad.RunAsync(clients, TimeSpan.FromSeconds(seconds), async token =>
        {
            using var response = await http.GetAsync(url, token);
            await response.Content.ReadAsByteArrayAsync(token);
            return response.IsSuccessStatusCode;
        }, cancellationToken);
        Console.WriteLine($"http: {url} clients={clients} duration={result.Elapsed.TotalSeconds:F1}s");
        Console.WriteLine($"  requests={result.Count} errors={result.Errors} throughput={result.Throughput:F0} req/s");
        Console.WriteLine($"  latency ms: p50={result.P50:F2} p95={result.P95:F2} p99={result.P99:F2} max={result.Max:F2}");
        return result.Errors == 0 ? 0 : 1;
    }
}
