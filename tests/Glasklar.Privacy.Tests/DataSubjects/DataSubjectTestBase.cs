using Glasklar.Privacy.Tests.Consent;
using Glasklar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Clock = Glasklar.Testing.ManualClock;

namespace Glasklar.Privacy.Tests.DataSubjects;

/// <summary>Platform + privacy on a migrated real database with a clock the test moves.</summary>
public abstract class DataSubjectTestBase(string provider) : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 1, 31, 10, 0, 0, TimeSpan.Zero);

    protected Clock Clock { get; } = new(Start);

    protected ServiceProvider Services { get; private set; } = null!;

    protected TestDatabase Database { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Database = await Providers.CreateDatabaseAsync(provider);
        Services = await PrivacyServices.MigratedAsync(Database, Clock);
    }

    public async ValueTask DisposeAsync()
    {
        if (Services is not null)
        {
            await Services.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Runs <paramref name="work"/> in a fresh scope (a request, a job run).</summary>
    protected async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Glasklar.Platform.Persistence.DbSession>().Tenant = Glasklar.Platform.Tenancy.TenantScope.AllTenants("Test");
        return await work(scope.ServiceProvider);
    }
}
