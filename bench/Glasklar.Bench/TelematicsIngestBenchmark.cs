using System.Collections.Concurrent;
using System.Diagnostics;
using Glasklar.Platform;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Privacy;
using Glasklar.Telematics;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Demo;
using Glasklar.Telematics.Listeners;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Glasklar.Bench;

/// <summary>
/// End to end over real TCP on loopback: the real telematics services (listener, pipeline, map, writer)
/// on a fresh database, and many simulated boxes, each sending Codec 8E packets and waiting for the ack.
/// Prints positions/s (acknowledged = durably stored), latency send→ack (p50/p99) and resident memory.
/// Usage: <c>... -- telematics-ingest [--connections 1000] [--seconds 20] [--records 25] [--postgres "conn"]</c>.
/// </summary>
internal sealed class TelematicsIngestBenchmark : IBenchmark
{
    public string Name => "telematics-ingest";

    public string Description => "Teltonika TCP end to end: positions/s, p99 send-to-ack, RSS (many connections)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var connections = int.Parse(Arg("--connections", "1000"), System.Globalization.CultureInfo.InvariantCulture);
        var seconds = int.Parse(Arg("--seconds", "20"), System.Globalization.CultureInfo.InvariantCulture);
        var perPacket = int.Parse(Arg("--records", "25"), System.Globalization.CultureInfo.InvariantCulture);
        var postgres = Arg("--postgres", "");
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
        var imeis = await CreateBoxesAsync(provider, connections, cancellationToken);
        var server = provider.GetRequiredService<TeltonikaServer>();
        await server.StartAsync(cancellationToken);
        var port = await provider.GetRequiredService<TelematicsEndpoints>().TeltonikaPort;

        var latencies = new ConcurrentBag<double>();
        long acked = 0;
        var stop = DateTime.UtcNow.AddSeconds(seconds);
        var baseTime = DateTimeOffset.UtcNow.AddDays(-1);
        var watch = Stopwatch.StartNew();
        var clients = imeis.Select(async (imei, index) =>
        {
            await using var device = new DeviceSimulator("127.0.0.1", port, imei);
            if (!await device.ConnectAsync(cancellationToken))
            {
                return;
            }

            var local = new List<double>();
            for (var packet = 0; DateTime.UtcNow < stop && !cancellationToken.IsCancellationRequested; packet++)
            {
                var records = Enumerable.Range(0, perPacket)
                    .Select(i => DeviceSimulator.Record(baseTime.AddSeconds((packet * perPacket) + i), 50 + (index * 1e-4), 10 + (packet * 1e-4), 60, 90, true))
                    .ToList();
                var sent = Stopwatch.GetTimestamp();
                if (!await device.SendAsync(records, cancellationToken))
                {
                    break;
                }

                local.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                Interlocked.Add(ref acked, perPacket);
            }

            foreach (var l in local)
            {
                latencies.Add(l);
            }
        }).ToList();
        await Task.WhenAll(clients);
        var elapsed = watch.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
        var rss = Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024);
        Console.WriteLine($"{(postgres.Length > 0 ? "PostgreSQL" : "SQLite")}: {connections} connections, {perPacket} records/packet, {elapsed:0.0} s");
        Console.WriteLine($"  {acked / elapsed:N0} positions/s acknowledged (durably stored), {acked:N0} in total");
        Console.WriteLine($"  send-to-ack p50 {Percentile(0.50):0.0} ms, p99 {Percentile(0.99):0.0} ms, max {Percentile(1):0.0} ms");
        Console.WriteLine($"  resident memory (server + load generator in one process) {rss:0} MiB");
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

    private static async Task<List<string>> CreateBoxesAsync(IServiceProvider provider, int count, CancellationToken cancellationToken)
    {
        var imeis = new List<string>();
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Benchmark");
        var contracts = scope.ServiceProvider.GetRequiredService<ContractService>();
        for (var i = 0; i < count; i++)
        {
            var imei = (359_000_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var contract = new TelematicsContract { OrganisationId = Guid.NewGuid(), ContractNumber = "B-" + imei, LastName = "Last", StartsOn = new DateOnly(2026, 1, 1) };
            await contracts.CreateAsync(contract, cancellationToken);
            await contracts.AssignBoxAsync(contract.Id, Guid.NewGuid(), imei, "V" + i, cancellationToken);
            await contracts.ActivateAsync(imei, cancellationToken);
            imeis.Add(imei);
        }

        return imeis;
    }
}
