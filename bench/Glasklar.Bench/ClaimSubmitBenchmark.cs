using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Glasklar.Claims;
using Glasklar.Claims.Contracts;
using Glasklar.Claims.Persistence;
using Glasklar.Host;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Sessions;
using Glasklar.Platform.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Bench;

/// <summary>
/// Issue 6 §11: the whole Glasklar web application in this process on a fresh SQLite file (or PostgreSQL),
/// Kestrel on loopback, N customers each with a linked contract and a session; each submits claims
/// (POST /api/v1/claims) with three 1 MB receipts (two camera-shaped JPEGs with metadata, one PDF) over
/// real HTTP, closed loop. Prints p50/p95/p99 and claims/s. Target: p95 under 300 ms with 20 customers on SQLite.
/// Usage: <c>... -- claims-submit [--customers 20] [--seconds 20] [--warmup 30] [--receipt-kb 1024] [--format multipart|json] [--postgres "conn"]</c>.
/// </summary>
internal sealed class ClaimSubmitBenchmark : IBenchmark
{
    public string Name => "claims-submit";

    public string Description => "POST claims with 3 x 1 MB receipts, in-process app on SQLite: --customers 20 --seconds 20";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var customers = int.Parse(BenchArgs.Get(args, "--customers", "20"), CultureInfo.InvariantCulture);
        var seconds = Math.Clamp(double.Parse(BenchArgs.Get(args, "--seconds", "20"), CultureInfo.InvariantCulture), 1, 300);
        // Unmeasured closed-loop time first: tiered JIT, pools and SQLite's WAL reach their steady state, as in a server
        // that has been running for a while (a short run otherwise measures the compiler too).
        var warmup = Math.Clamp(double.Parse(BenchArgs.Get(args, "--warmup", "30"), CultureInfo.InvariantCulture), 0, 120);
        var receiptBytes = int.Parse(BenchArgs.Get(args, "--receipt-kb", "1024"), CultureInfo.InvariantCulture) * 1024;
        var postgres = BenchArgs.Get(args, "--postgres", "");
        var multipart = BenchArgs.Get(args, "--format", "multipart") != "json";
        var directory = Path.Combine(Path.GetTempPath(), "glasklar-bench-" + Guid.NewGuid().ToString("N")[..8]);
        List<string> hostArgs =
        [
            "--urls=http://127.0.0.1:0", $"--Glasklar:DataDirectory={directory}", "--Glasklar:Demo=false",
            "--Logging:LogLevel:Default=Warning", "--Telematics:Teltonika:Port=0", "--Telematics:OsmAnd:Enabled=false",
        ];
        if (postgres.Length > 0)
        {
            hostArgs.AddRange(["--Database:Provider=Postgres", $"--ConnectionStrings:Glasklar={postgres}"]);
        }

        await using var app = GlasklarWebApp.Build([.. hostArgs]);
        await app.StartAsync(cancellationToken);
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var prepared = await PrepareAsync(app.Services, customers, receiptBytes, multipart, cancellationToken);
            var bodies = new ConcurrentQueue<(string Cookie, byte[] Body)>(prepared.Bodies);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = customers, UseCookies = false }) { BaseAddress = address };

            async Task<LoadSample> SubmitAsync(CancellationToken token)
            {
                // Each request takes a customer nobody else is using right now: 20 clients, 20 distinct customers.
                bodies.TryDequeue(out var customer);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/claims") { Content = new ByteArrayContent(customer.Body) };
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(prepared.ContentType);
                request.Headers.Add("Cookie", customer.Cookie);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request, token);
                await response.Content.ReadAsByteArrayAsync(token);
                var sample = new LoadSample(response.StatusCode == System.Net.HttpStatusCode.Created, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                bodies.Enqueue(customer);
                return sample;
            }

            for (var i = 0; i < 10; i++)
            {
                if (!(await SubmitAsync(cancellationToken)).Ok)
                {
                    await Console.Error.WriteLineAsync("Der Antrag wurde nicht angenommen.");
                    return 1;
                }
            }

            if (warmup > 0)
            {
                var warm = await ClosedLoopLoad.RunSelfTimedAsync(customers, TimeSpan.FromSeconds(warmup), SubmitAsync, cancellationToken);
                if (warm.Errors > 0)
                {
                    await Console.Error.WriteLineAsync($"Beim Aufwärmen wurden {warm.Errors} Anträge nicht angenommen.");
                    return 1;
                }
            }

            // CPU of the whole process (server and load generator) over the measured run: the figure to compare
            // while other work shares the two cores, where wall-clock latency mostly measures waiting for a core.
            var process = Process.GetCurrentProcess();
            var (cpuBefore, userBefore) = (process.TotalProcessorTime, process.UserProcessorTime);
            var gcBefore = (GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(2));
            var result = await ClosedLoopLoad.RunSelfTimedAsync(customers, TimeSpan.FromSeconds(seconds), SubmitAsync, cancellationToken);
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var user = process.UserProcessorTime - userBefore;
            var claimsDone = Math.Max(1, result.Count);
            var provider = postgres.Length > 0 ? "PostgreSQL" : "SQLite";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"claims-submit: {provider}, {(multipart ? "multipart/form-data" : "JSON with base64")}, customers={customers}, receipts=3 x {receiptBytes / 1024} KB, duration={result.Elapsed.TotalSeconds:F1}s after {warmup:F0}s warm-up, cores={Environment.ProcessorCount}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  claims={result.Count} errors={result.Errors} throughput={result.Throughput:F1} claims/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  latency ms: p50={result.P50:F1} p95={result.P95:F1} p99={result.P99:F1} max={result.Max:F1} (target p95 < 300 ms)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  CPU per claim (server + load generator): {cpu.TotalMilliseconds / claimsDone:F1} ms (user {user.TotalMilliseconds / claimsDone:F1}, system {(cpu - user).TotalMilliseconds / claimsDone:F1}); {cpu.TotalSeconds / result.Elapsed.TotalSeconds:F2} cores busy"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  GC: {(GC.GetTotalAllocatedBytes() - gcBefore.Item2) / claimsDone / 1048576.0:F1} MB allocated per claim, {(GC.GetTotalPauseDuration() - gcBefore.Item1).TotalMilliseconds:F0} ms paused, gen0 {GC.CollectionCount(0) - gcBefore.Item3}, gen2 {GC.CollectionCount(2) - gcBefore.Item4}"));
            return result.Errors == 0 ? 0 : 1;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            if (postgres.Length == 0)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                    // a temporary folder; the OS cleans it up
                }
            }
        }
    }

    /// <summary>
    /// As browsers and most clients write JSON: base64's '+' stays '+'. (The default encoder would send "\u002B"
    /// for every plus sign, which makes the body larger and its parsing several times slower than in real use.)
    /// </summary>
    private static readonly JsonSerializerOptions Unescaped = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Customers with a linked contract and a session, and each one's request body (serialised once, outside the timing):
    /// multipart/form-data as a browser form sends it, or the JSON variant with base64 receipts.
    /// </summary>
    private static async Task<(List<(string Cookie, byte[] Body)> Bodies, string ContentType)> PrepareAsync(
        IServiceProvider services, int customers, int receiptBytes, bool multipart, CancellationToken cancellationToken)
    {
        var random = new Random(4711);
        var files = new[]
        {
            ("rechnung-1.jpg", "image/jpeg", ImageSanitizerBenchmark.Jpeg(random, receiptBytes)),
            ("rechnung-2.jpg", "image/jpeg", ImageSanitizerBenchmark.Jpeg(random, receiptBytes)),
            ("rechnung-3.pdf", "application/pdf", Pdf(random, receiptBytes)),
        };
        var receipts = multipart ? null : files.Select(f => new { fileName = f.Item1, contentBase64 = Convert.ToBase64String(f.Item3) }).ToArray();
        const string boundary = "----GlasklarBench7MA4YWxkTrZu0gW";
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Lasttest: Kunden anlegen");
        var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var claims = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<ClaimsProtector>();
        var sessions = scope.ServiceProvider.GetRequiredService<SessionService>();
        var insurer = Guid.NewGuid();
        var prepared = new List<(string, byte[])>();
        for (var i = 0; i < customers; i++)
        {
            var user = new User(Guid.NewGuid(), null, $"lasttest-{i}@bench.glasklar.invalid", "Lara", $"Last{i}", DateTime.UtcNow);
            user.AddRole(Roles.Customer);
            user.MarkEmailVerified(DateTime.UtcNow);
            platform.Users.Add(user);
            var birth = new DateOnly(1980, 1, 1).AddDays(i);
            var contract = new InsuranceContract(Guid.NewGuid(), insurer, $"BENCH-{i:D6}", Salutation.Frau, "Lara", $"Last{i}",
                protector.Protect(ClaimsProtector.BirthDate, ContractService.Format(birth)), "Ambulant, stationär, Zahn", DateTime.UtcNow);
            var insured = contract.AddInsured(Guid.NewGuid(), Salutation.Frau, "Lara", $"Last{i}", birth);
            contract.LinkTo(user.Id, DateTime.UtcNow);
            claims.Contracts.Add(contract);
            await platform.SaveChangesAsync(cancellationToken);
            await claims.SaveChangesAsync(cancellationToken);
            var token = await sessions.StartAsync(user, "Lasttest / claims-submit", cancellationToken);
            var claim = JsonSerializer.SerializeToUtf8Bytes(new
            {
                insuredPersonId = insured.Id,
                items = new object[]
                {
                    new { treatmentDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)), kind = "ambulant", amount = 84.20m },
                    new { treatmentDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2)), kind = "Arznei", amount = 12.95m },
                },
                receipts,
                bank = new { holder = $"Lara Last{i}", iban = "DE89 3704 0044 0532 0130 00", bic = "COBADEFFXXX", bankName = "Lastbank" },
                declarationsAccepted = true,
            }, Unescaped);
            prepared.Add(($"{LoginSessionOptions.CookieName}={token}", multipart ? await MultipartAsync(boundary, claim, files) : claim));
        }

        return (prepared, multipart ? $"multipart/form-data; boundary={boundary}" : "application/json");
    }

    private static async Task<byte[]> MultipartAsync(string boundary, byte[] claim, (string Name, string Type, byte[] Content)[] files)
    {
        using var form = new MultipartFormDataContent(boundary);
        var json = new ByteArrayContent(claim);
        json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(json, "claim");
        foreach (var (name, type, content) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(file, "receipts", name);
        }

        return await form.ReadAsByteArrayAsync();
    }

    /// <summary>A plain, valid PDF whose one content stream fills it to the size (no JavaScript, no embedded files, not encrypted).</summary>
    private static byte[] Pdf(Random random, int size)
    {
        const string alphabet = "0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz";
        var filler = new char[Math.Max(0, size - 400)];
        for (var i = 0; i < filler.Length; i++)
        {
            filler[i] = alphabet[random.Next(alphabet.Length)];
        }

        var stream = "BT /F1 12 Tf 72 720 Td (Rechnung) Tj ET\n% " + new string(filler) + "\n";
        var pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n"
            + $"4 0 obj << /Length {stream.Length} >> stream\n{stream}endstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
        return Encoding.ASCII.GetBytes(pdf);
    }
}
