using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Glasklar.Testing;

/// <summary>
/// The real `glasklar` program as a child process (the Host's own build output), on a free loopback
/// port and a test database. Output lines are collected so tests can check what was logged.
/// </summary>
public sealed class GlasklarProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private GlasklarProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<string> Output => [.. _output];

    public bool HasExited => _process.HasExited;

    /// <summary>Path of glasklar.dll from the Host project, built in the same configuration as the tests.</summary>
    public static string ProgramPath
    {
        get
        {
            var configuration = typeof(GlasklarProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var path = Path.Combine(RepositoryPaths.Root, "src", "Glasklar.Host", "bin", configuration, "net10.0", "glasklar.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: " + path);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a CLI verb to completion and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(TestDatabase? database, params string[] args) =>
        RunWithInputAsync(null, database, args);

    /// <summary>Runs a CLI verb with the given text on its standard input.</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunWithInputAsync(string? input, TestDatabase? database, params string[] args)
    {
        var info = StartInfo(database, args);
        info.RedirectStandardInput = true;
        info.StandardInputEncoding = new System.Text.UTF8Encoding(false);
        info.StandardOutputEncoding = System.Text.Encoding.UTF8;
        using var process = Process.Start(info)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts `glasklar serve` and waits until /health/ready answers 200 (at most 60 s).</summary>
    public static async Task<GlasklarProcess> StartAsync(TestDatabase database, params string[] extraArgs)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        string[] args = ["serve", "--urls", baseAddress.ToString().TrimEnd('/'), .. extraArgs];
        var process = Process.Start(StartInfo(database, args))!;
        var running = new GlasklarProcess(process, baseAddress);
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return running;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow first request
            }

            await Task.Delay(200);
        }

        var output = string.Join('\n', running.Output);
        await running.DisposeAsync();
        throw new InvalidOperationException($"glasklar did not become ready within 60 s. Output:\n{output}");
    }

    private static ProcessStartInfo StartInfo(TestDatabase? database, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = database?.DataDirectory ?? Path.GetTempPath(),
        };
        info.ArgumentList.Add(ProgramPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (database is not null)
        {
            foreach (var (key, value) in database.Settings)
            {
                info.ArgumentList.Add($"--{key}={value}");
            }
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        return info;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>Kills the program the hard way (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }
}
