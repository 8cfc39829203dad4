using System.Net;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Glasklar.Host.Tests.Referrals.ReferralTestSupport;

namespace Glasklar.Host.Tests.Referrals;

/// <summary>Zusatzinfo, Bemerkungen and the Postkorb are stored encrypted (ARCHITECTURE §2) and read back as typed.</summary>
public abstract class FreeTextAtRestTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    private const string Info = "Zufahrt über den Hinterhof, Tor klemmt.";
    private const string Subject = "Termin verschieben";
    private const string Body = "Die Kundin bittet um einen Termin nach 16 Uhr.";

    [Fact]
    [Trait("Promise", "A8")]
    [Trait("Promise", "A13")]
    public async Task Free_text_is_ciphertext_in_the_database_and_plain_text_through_the_API_also_after_a_status_change()
    {
        var agent = await SessionAsync(App, AgentNorth);
        var clerk = await SessionAsync(App, Clerk);
        var body = Minimal();
        body["consentToOptionalData"] = true;
        body["additionalInfo"] = Info;
        var id = await CreateAsync(App, agent, body);
        using (var opened = await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/messages", agent, new { subject = Subject, body = Body }))
        {
            opened.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        (await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/status", clerk, new { status = "kunde-kontaktiert" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var stored = await RawColumnsAsync(id);
        stored.Count.ShouldBe(3);
        stored.ShouldAllBe(value => value.StartsWith("dp1:", StringComparison.Ordinal));
        stored.ShouldNotContain(value => value.Contains("Hinterhof", StringComparison.Ordinal) || value.Contains("verschieben", StringComparison.Ordinal)
            || value.Contains("16 Uhr", StringComparison.Ordinal));

        var referral = await JsonAsync(await SendAsync(App, HttpMethod.Get, $"/api/v1/referrals/{id}", agent));
        referral.GetProperty("status").GetString().ShouldBe("kunde-kontaktiert");
        referral.GetProperty("optionalData").GetProperty("additionalInfo").GetString().ShouldBe(Info);
        var thread = (await JsonAsync(await SendAsync(App, HttpMethod.Get, $"/api/v1/referrals/{id}/messages", clerk))).EnumerateArray().Single();
        thread.GetProperty("subject").GetString().ShouldBe(Subject);
        thread.GetProperty("messages")[0].GetProperty("body").GetString().ShouldBe(Body);
    }

    /// <summary>The stored Zusatzinfo, Betreff and message text of one referral, read past EF.</summary>
    private async Task<List<string>> RawColumnsAsync(Guid referralId)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        var prefix = session.Provider == DatabaseProvider.Postgres ? "referrals." : "";
        var connection = session.Connection;
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        var id = command.CreateParameter();
        id.ParameterName = "id";
        id.Value = session.Provider == DatabaseProvider.Postgres ? referralId : referralId.ToString().ToUpperInvariant();
        command.Parameters.Add(id);
        command.CommandText = $"""
            SELECT r."AdditionalInfo" FROM {prefix}referrals_referrals r WHERE r."Id" = @id
            UNION ALL SELECT t."Subject" FROM {prefix}referrals_tickets t WHERE t."ReferralId" = @id
            UNION ALL SELECT m."Body" FROM {prefix}referrals_messages m JOIN {prefix}referrals_tickets t ON m."TicketId" = t."Id" WHERE t."ReferralId" = @id
            """;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}

public sealed class FreeTextAtRestTestsSqlite(SqliteApp app) : FreeTextAtRestTests<SqliteApp>(app);

public sealed class FreeTextAtRestTestsPostgres(PostgresApp app) : FreeTextAtRestTests<PostgresApp>(app);
