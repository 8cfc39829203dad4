using System.Data.Common;
using Glasklar.Platform;
using Glasklar.Platform.Persistence;
using Glasklar.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Glasklar.Privacy.Tests.Consent;

/// <summary>The real platform + privacy service graph on a test database, with a clock the test moves.</summary>
internal static class PrivacyServices
{
    public static ServiceProvider Build(TestDatabase database, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddPlatform(configuration);
        services.AddPrivacy(configuration);
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public static async Task<ServiceProvider> MigratedAsync(TestDatabase database, TimeProvider? clock = null)
    {
        var services = Build(database, clock);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        return services;
    }

    /// <summary>A connection of its own, outside any service scope, for raw SQL and schema snapshots.</summary>
    public static DbConnection RawConnection(TestDatabase database) => database.Provider == Providers.Postgres
        ? new NpgsqlConnection(database.ConnectionString)
        : new SqliteConnection(database.ConnectionString);

    /// <summary>The consent table as raw SQL must name it (own schema on PostgreSQL).</summary>
    public static string RecordsTable(TestDatabase database) => database.Provider == Providers.Postgres
        ? "privacy.privacy_consent_records"
        : "privacy_consent_records";
}

/// <summary>A clock that only moves when told to, so recorded times can be asserted exactly.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
