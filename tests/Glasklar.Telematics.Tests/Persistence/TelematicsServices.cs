using System.Data.Common;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Telematics.Contracts;
using Glasklar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Telematics.Tests.Persistence;

/// <summary>The real platform + privacy + telematics service graph on a test database (no web host, no listeners started).</summary>
internal static class TelematicsServices
{
    public static ServiceProvider Build(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null) =>
        ModuleTestServices.Build(database, (services, configuration) => services.AddTelematics(configuration), settings);

    public static Task<ServiceProvider> MigratedAsync(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null) =>
        ModuleTestServices.MigratedAsync(database, (services, configuration) => services.AddTelematics(configuration), settings);

    public static DbConnection RawConnection(TestDatabase database) => ModuleTestServices.RawConnection(database);

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
