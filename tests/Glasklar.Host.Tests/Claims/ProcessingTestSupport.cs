using System.Net;
using System.Text.Json;
using Glasklar.Claims.Demo;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Glasklar.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Glasklar.Host.Tests.Claims.ClaimsTestSupport;

namespace Glasklar.Host.Tests.Claims;

/// <summary>Steps shared by the claim-processing tests: a submitted claim, a fresh customer with a contract, mails.</summary>
internal static class ProcessingTestSupport
{
    public sealed record Submitted(Guid Id, string Number);

    public sealed record FreshCustomer(Guid UserId, string Email, string Cookie);

    public static async Task<Submitted> SubmitAsync(HttpClient client, string cookie, CancellationToken ct)
    {
        var insured = await FirstInsuredPersonAsync(client, cookie, ct);
        using var response = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", cookie, Claim(insured)), ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var json = await ReadJsonAsync(response, ct);
        return new Submitted(json.GetProperty("claimId").GetGuid(), json.GetProperty("number").GetString()!);
    }

    /// <summary>A new private customer, signed in, with the third demo contract linked (each test class has its own database).</summary>
    public static async Task<FreshCustomer> CustomerWithContractAsync(GlasklarFactory factory, HttpClient client, CancellationToken ct)
    {
        var email = $"kundin-{Guid.NewGuid():N}@test.glasklar.example";
        var id = Guid.NewGuid();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var user = new User(id, null, email, "Sascha", "Beispiel", DateTime.UtcNow);
            user.AddRole(Roles.Customer);
            user.MarkEmailVerified(DateTime.UtcNow);
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
        }

        var cookie = await TestLogins.SessionCookieAsync(factory, email);
        using var link = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims/contracts/link", cookie,
            new { policyNumber = DemoContracts.ThirdPolicy, birthDate = DemoContracts.ThirdPolicyholderBirthDate.ToString("yyyy-MM-dd") }), ct);
        link.StatusCode.ShouldBe(HttpStatusCode.OK);
        return new FreshCustomer(id, email, cookie);
    }

    public static IReadOnlyList<PickedUpMail> Mails(GlasklarFactory factory, string to) => PickupMailbox.For(factory.Database.DataDirectory, to);

    /// <summary>B7: a mail of claim processing says only that something waits in the portal.</summary>
    public static void ShouldBeNeutral(PickedUpMail mail, params string[] secrets)
    {
        mail.Subject.ShouldBe("Neue Nachricht in Ihrem Portal");
        mail.Body.ShouldContain("in Ihrem Glasklar-Portal gibt es etwas Neues");
        foreach (var secret in secrets.Concat(["EA-", "€", "EUR", "Konrad", "Kunde ", "Sascha", "ambulant", "Arznei", "84,20", "84.20", "rechnung"]))
        {
            mail.Body.ShouldNotContain(secret, Case.Insensitive);
            mail.Subject.ShouldNotContain(secret, Case.Insensitive);
        }
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path, string cookie, CancellationToken ct)
    {
        using var response = await client.SendAsync(TestLogins.Get(path, cookie), ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return await ReadJsonAsync(response, ct);
    }
}
