using Glasklar.Testing;

namespace Glasklar.Host.Tests.Infrastructure;

/// <summary>One running application per test class and provider.</summary>
public abstract class AppFixture(string provider, ManualClock? clock = null, IReadOnlyDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    private TestDatabase? _database;
    private GlasklarFactory? _factory;

    public string Provider => provider;

    /// <summary>The application's clock when the fixture controls time; otherwise null (system clock).</summary>
    public ManualClock? Clock => clock;

    public GlasklarFactory Factory => _factory ?? throw new InvalidOperationException("Fixture not started.");

    public async ValueTask InitializeAsync()
    {
        if (provider == Providers.Postgres && !TestDatabase.PostgresAvailable)
        {
            return; // every test of this provider reports itself as skipped
        }

        _database = await TestDatabase.CreateAsync(provider);
        _factory = new GlasklarFactory(_database, settings, clock);
        _ = _factory.Server; // start now: migrations and demo seeding run once per fixture
    }

    public HttpClient CreateClient() => Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = false,
    });

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp() : AppFixture(Providers.Sqlite);

public sealed class PostgresApp() : AppFixture(Providers.Postgres);

/// <summary>An application whose clock the tests move (session expiry, TOTP steps).</summary>
public sealed class SqliteClockedApp() : AppFixture(Providers.Sqlite, new ManualClock());

public sealed class PostgresClockedApp() : AppFixture(Providers.Postgres, new ManualClock());

/// <summary>Base of provider-generic HTTP tests: skips PostgreSQL runs when no server is configured.</summary>
public abstract class AppTests<TApp> : IClassFixture<TApp>
    where TApp : AppFixture
{
    protected AppTests(TApp app)
    {
        Providers.SkipUnlessAvailable(app.Provider);
        App = app;
    }

    protected TApp App { get; }

    protected CancellationToken Ct => TestContext.Current.CancellationToken;
}
