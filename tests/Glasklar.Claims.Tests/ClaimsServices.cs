using System.Data.Common;
using Glasklar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Claims.Tests;

/// <summary>The real platform + privacy + claims service graph on a test database.</summary>
internal static class ClaimsServices
{
    public static ServiceProvider Build(TestDatabase database, IDictionary<string, string?>? settings = null) =>
        ModuleTestServices.Build(database, (services, configuration) => services.AddClaims(configuration), settings);

    public static Task<ServiceProvider> MigratedAsync(TestDatabase database, IDictionary<string, string?>? settings = null) =>
        ModuleTestServices.MigratedAsync(database, (services, configuration) => services.AddClaims(configuration), settings);

    public static DbConnection RawConnection(TestDatabase database) => ModuleTestServices.RawConnection(database);
}
