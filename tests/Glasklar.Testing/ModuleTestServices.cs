using System.Data.Common;
using Glasklar.Platform;
using Glasklar.Platform.Persistence;
using Glasklar.Privacy;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit;

namespace Glasklar.Testing;

/// <summary>
/// The real platform + privacy service graph plus one portal module on a test database, without a web
/// host: what a module's unit and persistence tests run against.
/// </summary>
public static class ModuleTestServices
{
    public static ServiceProvider Build(
        TestDatabase database,
        Action<IServiceCollection, IConfiguration> addModule,
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(addModule);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(database.Settings)
            .AddInMemoryCollection(settings ?? [])
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddPlatform(configuration);
        services.AddPrivacy(configuration);
        addModule(services, configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public static async Task<ServiceProvider> MigratedAsync(
        TestDatabase database,
        Action<IServiceCollection, IConfiguration> addModule,
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var services = Build(database, addModule, settings);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        return services;
    }

    /// <summary>A connection past EF and the application, for checking what really is in the tables.</summary>
    public static DbConnection RawConnection(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.Provider == Providers.Postgres
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionString);
    }
}
