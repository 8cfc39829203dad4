using System.Diagnostics;
using System.Globalization;
using Glasklar.Platform;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Privacy;
using Glasklar.Telematics;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Demo;
using Glasklar.Telematics.Ingestion;
using Glasklar.Telematics.Listeners;
using Glasklar.Telematics.Map;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Glasklar.Bench;

/// <summary>
/// End to end over real TCP on loopback: the real telematics services (listener, pipeline, demo road map, writer)
/// on a fresh database, and many simulated boxes sending pre-encoded Codec 8E packets and waiting for each ack.
/// <c>--mode paced</c> (default): each connection sends one packet on a fixed schedule, so the offered load is
/// <c>--rate</c> positions/s as with real boxes; latency runs from the scheduled send time to the ack (queueing
/// behind a slow ack counts). <c>--mode closed</c>: each connection sends its next packet as soon as the last
/// was acknowledged (saturation throughput; its latency is queueing time by Little's law).
/// Usage: <c>... -- telematics-ingest [--mode paced|closed] [--rate 50000] [--connections 1000] [--seconds 20]
/// [--warmup 8] [--records 25] [--postgres "conn"]</c>.
/// </summary>
internal sealed class TelematicsIngestBenchmark : IBenchmark
{
    public string Name => "telematics-ingest";

    public string Description => "Teltonika TCP end to end: positions/s, p99 send-to-ack, RSS (paced or closed loop)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var mode = BenchArgs.Get(args, "--mode", "paced");
        var rate = Number(args, "--rate", 50_000);
        var connections = Number(args, "--connections", 1000);
        var seconds = Number(args, "--seconds", 20);
        var warmup = Number(args, "--warmup", 8); // 1,000 boxes connecting at once make a burst that takes ~5 s to drain
        var perPacket = Number(args, "--records", 25);
        var postgres = BenchArgs.Get(args, "--postgres", "");
        if (mode is not ("paced" or "closed"))
        {
            Console.Error.WriteLine("--mode must be paced or closed");
            return 2;
        }

        var directory = Path.Combine(Path.GetTempPath(), "glasklar-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var settings = new Dictionary<string, string?>
        {
            ["Glasklar:DataDirectory"] = directory,
            ["Glasklar:Demo"] = "false",
            ["Telematics:Teltonika:Port"] = "0",
            ["Telematics:OsmAnd:Enabled"] = "false",
        };
        if (postgres.Length > 0)
        {
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Glasklar"] = postgres;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(l => l.AddConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddPlatform(configuration);
        services.AddPrivacy(configuration);
        services.AddTelematics(configuration);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        provider.GetRequiredService<RoadMap>().Use(new RoadIndex(DemoMap.Roads())); // enrichment does real matching
        var imeis = await CreateBoxesAsync(provider, connections, cancellationToken);
        var server = provider.GetRequiredService<TeltonikaServer>();
        await server.StartAsync(cancellationToken);
        var port = await provider.GetRequiredService<TelematicsEndpoints>().TeltonikaPort;

        var interval = TimeSpan.FromSeconds((double)connections * perPacket / rate);
        var load = new TeltonikaLoad(port, perPacket, DateTimeOffset.UtcNow.AddDays(-1));
        var gcBefore = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        using var probe = new StallProbe();
        _ = Task.Delay(TimeSpan.FromSeconds(warmup), cancellationToken).ContinueWith(_ =>
        {
            server.AckLatency.Reset();
            provider.GetRequiredService<IngestionPipeline>().Stats.ResetSlowest();
        }, TaskScheduler.Default);
        var result = await load.RunAsync(imeis, mode == "paced" ? interval : null, TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds), cancellationToken);
        var process = Process.GetCurrentProcess();
        var sorted = result.Latencies;
        Console.WriteLine(mode == "paced"
            ? $"{(postgres.Length > 0 ? "PostgreSQL" : "SQLite")} paced: {connections} connections, {perPacket} records/packet, one packet per connection every {interval.TotalMilliseconds:0} ms = {rate:N0} positions/s offered; {seconds} s measured after {warmup} s warm-up"
            : $"{(postgres.Length > 0 ? "PostgreSQL" : "SQLite")} closed loop: {connections} connections, {perPacket} records/packet; {seconds} s measured after {warmup} s warm-up");
        Console.WriteLine($"  {result.Acknowledged / result.Elapsed.TotalSeconds:N0} positions/s acknowledged (durably stored), {result.Acknowledged:N0} in the window; {result.Failures} connections failed");
        Console.WriteLine($"  {(mode == "paced" ? "scheduled-send" : "send")}-to-ack p50 {ClosedLoopLoad.Percentile(sorted, 0.50):0.0} ms, p95 {ClosedLoopLoad.Percentile(sorted, 0.95):0.0} ms, p99 {ClosedLoopLoad.Percentile(sorted, 0.99):0.0} ms, max {ClosedLoopLoad.Percentile(sorted, 1):0.0} ms ({sorted.Length:N0} packets)");
        var ack = server.AckLatency;
        Console.WriteLine($"  server side, packet receipt to ack (the target's figure): p50 {ack.Quantile(0.50):0.0} ms, p95 {ack.Quantile(0.95):0.0} ms, p99 {ack.Quantile(0.99):0.0} ms, max {ack.Quantile(1):0.0} ms ({ack.Count:N0} packets)");
        Console.WriteLine($"  {probe.Summary()}");
        Console.WriteLine($"  resident memory (server + load generator in one process) {process.WorkingSet64 / 1048576.0:0} MiB, peak {process.PeakWorkingSet64 / 1048576.0:0} MiB");
        Console.WriteLine($"  CPU (server + load generator) {result.CpuTime.TotalSeconds / result.Elapsed.TotalSeconds:0.00} cores busy, {result.CpuTime.TotalMilliseconds * 1000 / Math.Max(1, result.Acknowledged):0.0} µs per acknowledged position");
        Console.WriteLine($"  GC during the run (incl. warm-up): {(GC.GetTotalPauseDuration() - gcBefore.Item1).TotalMilliseconds:0} ms paused; collections gen0 {GC.CollectionCount(0) - gcBefore.Item2}, gen1 {GC.CollectionCount(1) - gcBefore.Item3}, gen2 {GC.CollectionCount(2) - gcBefore.Item4}; server GC {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine($"  pipeline: {provider.GetRequiredService<IngestionPipeline>().Stats}");
        Console.WriteLine(provider.GetRequiredService<IngestionPipeline>().Stats.Slowest());
        await server.StopAsync(CancellationToken.None);
        if (postgres.Length == 0)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return 0;
    }

    private static int Number(string[] args, string name, int fallback) =>
        int.Parse(BenchArgs.Get(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    private static async Task<List<string>> CreateBoxesAsync(IServiceProvider provider, int count, CancellationToken cancellationToken)
    {
        var imeis = new List<string>();
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Benchmark");
        var contracts = scope.ServiceProvider.GetRequiredService<ContractService>();
        for (var i = 0; i < count; i++)
        {
            var imei = (359_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture);
            var contract = new TelematicsContract { OrganisationId = Guid.NewGuid(), ContractNumber = "B-" + imei, LastName = "Last", StartsOn = new DateOnly(2026, 1, 1) };
            await contracts.CreateAsync(contract, cancellationToken);
            await contracts.AssignBoxAsync(contract.Id, Guid.NewGuid(), imei, "V" + i, cancellationToken);
            await contracts.ActivateAsync(imei, cancellationToken);
            imeis.Add(imei);
        }

        return imeis;
    }
}
