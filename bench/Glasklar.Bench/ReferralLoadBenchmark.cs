using System.Diagnostics;
using System.Net.Http.Json;
using Glasklar.Platform.Accounts;

namespace Glasklar.Bench;

/// <summary>
/// Issue 5 §8: N clients submit referrals (POST /api/v1/referrals) to a running Glasklar on loopback, closed loop,
/// with the demo agency's API key. Prints throughput and latency percentiles; the target on the 2-core machine is
/// p95 under 50 ms and at least 500 referrals/s on SQLite. <c>--rate R</c> paces the clients to R referrals/s in
/// total (open loop, latency from the scheduled start) instead of sending as fast as answers come back.
/// </summary>
internal sealed class ReferralLoadBenchmark : IBenchmark
{
    public string Name => "referrals";

    public string Description => "POST referrals: --url http://127.0.0.1:5080/ --clients 50 --seconds 10 [--rate 500] (demo data on)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var url = new Uri(new Uri(BenchArgs.Get(args, "--url", "http://127.0.0.1:5080/")), "/api/v1/referrals");
        if (!url.IsLoopback)
        {
            await Console.Error.WriteLineAsync("Nur Adressen auf diesem Rechner (Loopback) sind erlaubt.");
            return 2;
        }

        var clients = int.Parse(BenchArgs.Get(args, "--clients", "50"), System.Globalization.CultureInfo.InvariantCulture);
        var seconds = Math.Clamp(double.Parse(BenchArgs.Get(args, "--seconds", "10"), System.Globalization.CultureInfo.InvariantCulture), 1, 300);
        var key = DemoAccounts.ApiKey(DemoAccounts.All.First(d => d.Role == Roles.AgencyAdmin))!.Key;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, UseCookies = false });
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"ApiKey {key}");

        var sequence = 0;
        async Task<LoadSample> SubmitAsync()
        {
            var n = Interlocked.Increment(ref sequence);
            var body = new Dictionary<string, object?>
            {
                ["mode"] = n % 2 == 0 ? "komplett" : "schnell",
                ["policyholderAgrees"] = true,
                ["consentToOptionalData"] = n % 4 == 0,
                ["surname"] = "Lasttest",
                ["phone"] = $"030 {1_000_000 + (n % 8_999_999)}",
                ["licencePlate"] = $"B-LT {1 + (n % 9_999)}",
                ["policyNumber"] = $"BENCH-{n}",
            };
            if (n % 4 == 0)
            {
                body["damageType"] = "steinschlag";
                body[n % 2 == 0 ? "additionalInfo" : "remarks"] = "Zufahrt über den Hof, bitte vorher anrufen.";
            }

            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync(url, body, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new LoadSample(response.StatusCode == System.Net.HttpStatusCode.Created, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        // Warm-up: JIT, connection pool, API-key and text-guard caches.
        for (var i = 0; i < 100; i++)
        {
            if (!(await SubmitAsync()).Ok)
            {
                await Console.Error.WriteLineAsync("Die Vermittlung wurde nicht angenommen: läuft Glasklar mit Demo-Daten (--Glasklar:Demo=true)?");
                return 1;
            }
        }

        var rate = BenchArgs.Get(args, "--rate", "");
        var result = rate.Length == 0
            ? await ClosedLoopLoad.RunSelfTimedAsync(clients, TimeSpan.FromSeconds(seconds), _ => SubmitAsync(), cancellationToken)
            : await PacedLoad.RunAsync(clients, double.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(seconds),
                async _ => (await SubmitAsync()).Ok, cancellationToken);
        Console.WriteLine($"referrals: {url} clients={clients} {(rate.Length == 0 ? "closed loop" : $"paced at {rate}/s")} duration={result.Elapsed.TotalSeconds:F1}s");
        Console.WriteLine($"  referrals={result.Count} errors={result.Errors} throughput={result.Throughput:F0} referrals/s");
        Console.WriteLine($"  latency ms: p50={result.P50:F2} p95={result.P95:F2} p99={result.P99:F2} max={result.Max:F2}");
        return result.Errors == 0 ? 0 : 1;
    }
}
