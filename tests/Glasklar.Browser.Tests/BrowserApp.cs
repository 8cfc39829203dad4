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

    /// <summary>The program's data directory (SQLite file, keys, and the mail pickup directory "mail").</summary>
    public string DataDirectory => _database!.DataDirectory;

    /// <summary>The program's SQLite database, for checks of what it stored.</summary>
    public string ConnectionString => _database!.ConnectionString;

    /// <summary>The program's database, for test hooks that run a job against it.</summary>
    public TestDatabase Database => _database!;

    /// <summary>Every page a plain GET can open, taken from the application's own endpoint table.</summary>
    public IReadOnlyList<string> Pages { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} fehlt: apt-get install chromium");
        }

        _database = TestDatabase.CreateSqlite();
        _glasklar = await Step("glasklar starten", GlasklarProcess.StartAsync(_database, $"--Glasklar:DataProtectionOfficer:Name={DpoName}"));
        Pages = await Step("Seitenliste lesen", ReadPageCatalogAsync());
        _playwright = await Step("Playwright starten", Playwright.CreateAsync());
        Browser = await Step("Chromium starten", _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        }));
    }

    /// <summary>A fixture step that hangs fails with its name instead of stalling the whole run.</summary>
    private static async Task<T> Step<T>(string name, Task<T> work)
    {
        try
        {
            return await work.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"Browser-Testumgebung: Schritt „{name}“ hat 90 s überschritten.");
        }
    }

    /// <summary>A user as an operator would create one: verified e-mail, no second factor yet.</summary>
    public async Task CreateUserWithoutSecondFactorAsync(string email, string password)
    {
        var options = new Glasklar.Platform.Persistence.DatabaseOptions(Glasklar.Platform.Persistence.DatabaseProvider.Sqlite, _database!.ConnectionString);
        await using var connection = Glasklar.Platform.Persistence.DbSession.Create(options);
        await connection.OpenAsync();
        var user = new Glasklar.Platform.Accounts.User(Guid.NewGuid(), null, email, "Neu", "Nutzer", DateTime.UtcNow);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO platform_users (Id, OrganisationId, Email, EmailVerifiedUtc, GivenName, FamilyName, PasswordHash, IsActive, CreatedUtc) " +
            "VALUES ($id, NULL, $email, $now, 'Neu', 'Nutzer', $hash, 1, $now); INSERT INTO platform_user_roles (UserId, Role) VALUES ($id, 'customer');";
        AddParameter(command, "$id", user.Id.ToString().ToUpperInvariant());
        AddParameter(command, "$email", email);
        AddParameter(command, "$now", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF"));
        AddParameter(command, "$hash", Glasklar.Platform.Accounts.AccountService.HashPassword(user, password));
        await command.ExecuteNonQueryAsync();
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    public async Task<IBrowserContext> NewContextAsync(bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "en-US", // German must come from Glasklar's default, not from the browser
            BypassCSP = bypassCsp,
        });

        // CI shares two cores between the program, Chromium and password hashing: allow for it.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

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
        return EndpointCatalog.GetPagePaths(factory.Services);
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
