using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Glasklar.Telematics.Demo;
using Glasklar.Telematics.Persistence;
using Glasklar.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Glasklar.Host.Tests.Telematics;

/// <summary>
/// The real <c>glasklar</c> program is killed (SIGKILL) while a simulated box streams positions over TCP;
/// after a restart every record the box had been acknowledged is in the database.
/// </summary>
public abstract partial class CrashRecoveryTests(string provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Promise", "C2")]
    public async Task Kill_9_during_ingestion_loses_no_acknowledged_record()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        var imei = TelematicsDemo.Boxes[0].Imei;
        var acknowledged = new List<DateTimeOffset>();
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerSecond));

        await using (var glasklar = await GlasklarProcess.StartAsync(database, "--Glasklar:Demo=true"))
        {
            await using var device = new DeviceSimulator("127.0.0.1", await TeltonikaPortAsync(glasklar), imei);
            (await device.ConnectAsync(Ct)).ShouldBeTrue();
            var sending = Task.Run(async () =>
            {
                try
                {
                    for (var packet = 0; packet < 10_000; packet++)
                    {
                        var records = Enumerable.Range(0, 10)
                            .Select(i => DeviceSimulator.Record(start.AddSeconds((packet * 10) + i), 50.0 + (packet * 0.0001), 10.0, 50, 0, true))
                            .ToList();
                        if (!await device.SendAsync(records, Ct))
                        {
                            return;
                        }
                    }
                }
                catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or EndOfStreamException)
                {
                    // the server died mid-packet
                }
            }, Ct);

            while (device.Acknowledged.Count < 300 && !sending.IsCompleted)
            {
                await Task.Delay(20, Ct);
            }

            await glasklar.KillAsync();
            await sending;
            acknowledged.AddRange(device.Acknowledged);
        }

        acknowledged.Count.ShouldBeGreaterThanOrEqualTo(300);
        await using (var restarted = await GlasklarProcess.StartAsync(database, "--Glasklar:Demo=true"))
        {
            await using var device = new DeviceSimulator("127.0.0.1", await TeltonikaPortAsync(restarted), imei);
            (await device.ConnectAsync(Ct)).ShouldBeTrue();
            (await device.SendAsync([DeviceSimulator.Record(acknowledged.Max().AddMinutes(5), 50.1, 10.0, 0, 0, false)], Ct)).ShouldBeTrue();
        }

        var stored = await StoredTimesAsync(database);
        acknowledged.Where(a => !stored.Contains(a.ToUnixTimeMilliseconds())).ShouldBeEmpty("every acknowledged record is stored");
        stored.Count.ShouldBe(stored.Distinct().Count());
    }

    private static async Task<int> TeltonikaPortAsync(GlasklarProcess glasklar)
    {
        for (var i = 0; i < 100; i++)
        {
            var line = glasklar.Output.FirstOrDefault(l => l.Contains("Teltonika-Empfang auf Port", StringComparison.Ordinal));
            if (line is not null)
            {
                return int.Parse(PortPattern().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("Teltonika listener did not report its port:\n" + string.Join('\n', glasklar.Output));
    }

    private static async Task<HashSet<long>> StoredTimesAsync(TestDatabase database)
    {
        await using DbConnection connection = database.Provider == Providers.Postgres ? new NpgsqlConnection(database.ConnectionString) : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"GpsTimeMs\" FROM {PositionTable.Name(database.Provider == Providers.Postgres)}";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var times = new HashSet<long>();
        while (await reader.ReadAsync(Ct))
        {
            times.Add(reader.GetInt64(0));
        }

        return times;
    }

    [GeneratedRegex(@"Teltonika-Empfang auf Port (\d+)")]
    private static partial Regex PortPattern();
}

public sealed class CrashRecoveryTestsSqlite() : CrashRecoveryTests(Providers.Sqlite);

public sealed class CrashRecoveryTestsPostgres() : CrashRecoveryTests(Providers.Postgres);
