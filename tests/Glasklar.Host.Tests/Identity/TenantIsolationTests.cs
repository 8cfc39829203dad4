using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Organisations;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.Identity;

/// <summary>
/// Tenant isolation is central: the same query, unchanged, returns only the rows of the scope's
/// organisation. Demo data: agency Nord has an API key, agency Süd has none.
/// </summary>
public abstract class TenantIsolationTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    private static readonly Guid North = DemoOrganisations.All[1].Id;
    private static readonly Guid South = DemoOrganisations.All[2].Id;

    [Fact]
    public async Task The_same_query_sees_only_the_own_organisations_rows()
    {
        (await KeysVisibleTo(TenantScope.For(North))).ShouldAllBe(k => k == North);
        (await KeysVisibleTo(TenantScope.For(North))).ShouldNotBeEmpty();
        (await KeysVisibleTo(TenantScope.For(South))).ShouldBeEmpty();
        (await KeysVisibleTo(TenantScope.Nobody)).ShouldBeEmpty();
        (await KeysVisibleTo(TenantScope.AllTenants("Test"))).Distinct().Count().ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task A_signed_in_agent_of_one_agency_never_gets_the_other_agencys_rows()
    {
        // The scope's tenant is set by the session handler from the signed-in user.
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, "agent-sued@demo.glasklar.example");
        using var response = await client.SendAsync(TestLogins.Get("/konto", cookie), Ct);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);

        await using var scope = App.Factory.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        session.Tenant = TenantScope.For(South);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        (await db.ApiKeys.AnyAsync(k => k.OrganisationId == North, Ct)).ShouldBeFalse();
    }

    private async Task<List<Guid>> KeysVisibleTo(TenantScope tenant)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = tenant;
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().ApiKeys.Select(k => k.OrganisationId).ToListAsync(Ct);
    }
}

public sealed class TenantIsolationTestsSqlite(SqliteApp app) : TenantIsolationTests<SqliteApp>(app);

public sealed class TenantIsolationTestsPostgres(PostgresApp app) : TenantIsolationTests<PostgresApp>(app);
