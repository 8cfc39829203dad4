using System.Data.Common;
using Glasklar.Platform;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Privacy;
using Glasklar.Telematics.Contracts;
using Glasklar.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Glasklar.Telematics.Tests.Persistence;

/// <summary>The real platform + privacy + telematics service graph on a test database (no web host, no listeners started).</summary>
internal static class TelematicsServices
{
    public static ServiceProvider Build(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddPlatform(configuration);
        services.AddPrivacy(configuration);
        services.AddTelematics(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public static async Task<ServiceProvider> MigratedAsync(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var services = Build(database, settings);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        return services;
    }

    public static DbConnection RawConnection(TestDatabase database) => database.Provider == Providers.Postgres
        ? new NpgsqlConnection(database.ConnectionString)
        : new SqliteConnection(database.ConnectionString);

    public static string Table(TestDatabase database, string name) => database.Provider == Providers.Postgres ? $"telematics.{name}" : name;

    /// <summary>A contract of a fresh organisation id with one box; activated unless told otherwise.</summary>
    public static async Task<(Guid ContractId, Guid BoxId)> ContractWithBoxAsync(IServiceProvider services, string imei, bool activate = true)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        var contracts = scope.ServiceProvider.GetRequiredService<ContractService>();
        var contract = new TelematicsContract
        {
            OrganisationId = Guid.NewGuid(),
            ContractNumber = "TV-" + imei,
            Salutation = "Frau",
            FirstName = "Erika",
            LastName = "Beispiel",
            Street = "Musterweg 1",
            PostalCode = "02625",
            City = "Bautzen",
            Email = "erika@example.invalid",
            LicencePlate = "BZ-T 100",
            MotorPolicyNumber = "KV-100",
            StartsOn = new DateOnly(2026, 1, 1),
        };
        (await contracts.CreateAsync(contract, TestContext.Current.CancellationToken)).Succeeded.ShouldBeTrue();
        var boxId = Guid.NewGuid();
        (await contracts.AssignBoxAsync(contract.Id, boxId, imei, "FZ-" + imei[^4..], TestContext.Current.CancellationToken)).Succeeded.ShouldBeTrue();
        if (activate)
        {
            (await contracts.ActivateAsync(imei, TestContext.Current.CancellationToken)).Succeeded.ShouldBeTrue();
        }

        return (contract.Id, boxId);
    }

    public static async Task<long> CountAsync(TestDatabase database, string sql)
    {
        await using var connection = RawConnection(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
