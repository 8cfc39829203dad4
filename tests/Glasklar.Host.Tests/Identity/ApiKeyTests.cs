using System.Net;
using System.Net.Http.Json;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.Identity;

/// <summary>Machine clients authenticate with "Authorization: ApiKey …"; keys are hashed, revocable, last use recorded.</summary>
public abstract class ApiKeyTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    public async Task A_valid_key_is_accepted_and_its_last_use_recorded()
    {
        var definition = DemoAccounts.All.First(d => d.Role == Roles.InsurerClerk);
        var key = DemoAccounts.ApiKey(definition)!;

        using var response = await CheckTextAsync($"ApiKey {key.Key}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var scope = App.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        var stored = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().ApiKeys.SingleAsync(k => k.Prefix == key.Prefix, Ct);
        stored.LastUsedUtc.ShouldNotBeNull();
        stored.SecretHash.ShouldNotContain(key.Key.Split('_')[2]);
    }

    [Theory]
    [InlineData("ApiKey gk_abcdefgh_falsch")]
    [InlineData("ApiKey kein-schluessel")]
    [InlineData("Bearer irgendwas")]
    public async Task Wrong_or_malformed_keys_are_refused(string header)
    {
        using var response = await CheckTextAsync(header);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_revoked_key_is_refused()
    {
        var definition = DemoAccounts.All.First(d => d.Role == Roles.WorkshopAdmin);
        var key = DemoAccounts.ApiKey(definition)!;
        (await CheckTextAsync($"ApiKey {key.Key}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var stored = await db.ApiKeys.SingleAsync(k => k.Prefix == key.Prefix, Ct);
            (await scope.ServiceProvider.GetRequiredService<ApiKeyAdministration>().RevokeAsync(stored.Id, stored.CreatedByUserId, "127.0.0.1", Ct)).ShouldBeTrue();
        }

        (await CheckTextAsync($"ApiKey {key.Key}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpResponseMessage> CheckTextAsync(string authorization)
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/privacy/text-check") { Content = JsonContent.Create(new { text = "Steinschlag links" }) };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await client.SendAsync(request, Ct);
    }
}

public sealed class ApiKeyTestsSqlite(SqliteApp app) : ApiKeyTests<SqliteApp>(app);

public sealed class ApiKeyTestsPostgres(PostgresApp app) : ApiKeyTests<PostgresApp>(app);
