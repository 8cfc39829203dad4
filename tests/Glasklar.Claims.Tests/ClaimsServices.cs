using System.Data.Common;
using Glasklar.Platform;
using Glasklar.Platform.Persistence;
using Glasklar.Privacy;
using Glasklar.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Glasklar.Claims.Tests;

/// <summary>The real platform + privacy + claims service graph on a test database.</summary>
internal static class ClaimsServices
{
    public static ServiceProvider Build(TestDatabase database, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddPlatform(configuration);
        services.AddPrivacy(configuration);
        services.AddClaims(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public static async Task<ServiceProvider> MigratedAsync(TestDatabase database, IDictionary<string, string?>? settings = null)
    {
        var services = Build(database, settings);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        return services;
    }

    public static DbConnection RawConnection(TestDatabase database) => database.Provider == Providers.Postgres
        ? new NpgsqlConnection(database.ConnectionString)
        : new SqliteConnection(database.ConnectionString);
}
