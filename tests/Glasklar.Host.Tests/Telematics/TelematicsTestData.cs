using System.Globalization;
using System.Net.Sockets;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Telematics;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.Telematics;

/// <summary>Contracts and boxes through the module's own service, and raw counts of what is stored.</summary>
internal static class TelematicsTestData
{
    private static int _next = 100_000;

    public static string NewImei() => "35630704" + Interlocked.Increment(ref _next).ToString("D7", CultureInfo.InvariantCulture);

    public static async Task<(Guid ContractId, Guid BoxId)> ActiveBoxAsync(AppFixture app, string imei, bool activate = true)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        var contracts = scope.ServiceProvider.GetRequiredService<ContractService>();
        var contract = new TelematicsContract
        {
            OrganisationId = Guid.NewGuid(),
            ContractNumber = "T-" + imei,
            LastName = "Beispiel",
            StartsOn = new DateOnly(2026, 1, 1),
        };
        (await contracts.CreateAsync(contract, CancellationToken.None)).Succeeded.ShouldBeTrue();
        var boxId = Guid.NewGuid();
        (await contracts.AssignBoxAsync(contract.Id, boxId, imei, "FZ-" + imei[^5..], CancellationToken.None)).Succeeded.ShouldBeTrue();
        if (activate)
        {
            (await contracts.ActivateAsync(imei, CancellationToken.None)).Succeeded.ShouldBeTrue();
        }

        return (contract.Id, boxId);
    }

    public static async Task RevokeAsync(AppFixture app, Guid contractId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        (await scope.ServiceProvider.GetRequiredService<ContractService>().RevokeAsync(contractId, CancellationToken.None)).Succeeded.ShouldBeTrue();
    }

    public static async Task<long> PositionsAsync(AppFixture app, Guid boxId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await session.Connection.OpenAsync();
        await using var command = session.Connection.CreateCommand();
        var postgres = session.Provider == DatabaseProvider.Postgres;
        command.CommandText = $"SELECT count(*) FROM {PositionTable.Name(postgres)} WHERE \"BoxId\" = '{(postgres ? boxId.ToString() : boxId.ToString().ToUpperInvariant())}'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static Task<int> OsmAndPortAsync(AppFixture app) =>
        app.Factory.Services.GetRequiredService<TelematicsEndpoints>().OsmAndPort.WaitAsync(TimeSpan.FromSeconds(10));

    public static async Task<TcpClient> ConnectTeltonikaAsync(AppFixture app)
    {
        var port = await app.Factory.Services.GetRequiredService<TelematicsEndpoints>().TeltonikaPort.WaitAsync(TimeSpan.FromSeconds(10));
        var client = new TcpClient { NoDelay = true, ReceiveTimeout = 10_000 };
        await client.ConnectAsync("127.0.0.1", port);
        return client;
    }
}
