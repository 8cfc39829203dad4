using Glasklar.Host.Web;
using Glasklar.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Glasklar.Browser.Tests.BrowserApp))]

namespace Glasklar.Browser.Tests;

/// <summary>
/// The real `glasklar` program on a fresh SQLite database, and Debian's Chromium driven by Playwright
/// (never a downloaded browser). Started once for all browser tests.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string DpoName = "Dr. Bea Browser (Datenschutz)";
    public const string ChromiumPath = "/usr/bin/chromium";

    private TestDatabase? _database;
    private GlasklarProcess? _glasklar;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => _glasklar!.BaseAddress;

    public GlasklarProcess Program => _glasklar!;

    /// <summary>Every page a plain GET can open, taken from the application's own endpoint table.</summary>
    public IReadOnlyList<string> Pages { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} fehlt: apt-get install chromium");
        }

        _database = TestDatabase.CreateSqlite();
        _glasklar = await GlasklarProcess.StartAsync(_database, $"--Glasklar:DataProtectionOfficer:Name={DpoName}");
        Pages = await ReadPageCatalogAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task<IBrowserContext> NewContextAsync(bool bypassCsp = false) =>
        await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "en-US", // German must come from Glasklar's default, not from the browser
            BypassCSP = bypassCsp,
        });

    private static async Task<IReadOnlyList<string>> ReadPageCatalogAsync()
    {
        await using var catalogDatabase = TestDatabase.CreateSqlite();
        await using var factory = new WebApplicationFactory<global::Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in catalogDatabase.Settings)
            {
                b.UseSetting(key, value);
            }
        });
        return PageCatalog.GetPagePaths(factory.Services);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_glasklar is not null)
        {
            await _glasklar.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
