using System.Net;
using System.Text;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Glasklar.Platform.Tenancy;
using Glasklar.Privacy.Consent;
using Glasklar.Privacy.DataSubjects;
using Glasklar.Referrals.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Glasklar.Host.Tests.Referrals.ReferralTestSupport;

namespace Glasklar.Host.Tests.Referrals;

/// <summary>Commission report and CSV (A10), access report with provenance (A14), erasure and retention (X6).</summary>
public abstract class CommissionAndPrivacyTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    [Trait("Promise", "A10")]
    public async Task The_commission_csv_counts_per_mode_and_outcome_and_totals_in_german_number_format()
    {
        // Agency Süd alone in this test: only its own referrals count.
        var south = await SessionAsync(App, AgentSouth);
        var clerk = ApiKeyOf(Roles.RepairNetworkClerk);
        var before = await CsvTotalsAsync();
        var done = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            done.Add(await CreateAsync(App, south, Minimal(i < 2 ? "komplett" : "schnell")));
        }

        var cancelled = await CreateAsync(App, south, Minimal("schnell"));
        foreach (var id in done)
        {
            (await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/status", clerk, new { status = "erledigt" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        (await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{cancelled}/status", clerk, new { status = "storniert" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var admin = await SessionAsync(App, "agentur-nord-admin@demo.glasklar.example");
        using var northCsv = await SendAsync(App, HttpMethod.Get, "/vermittlung/provision.csv", admin);
        northCsv.StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await CsvTotalsAsync();

        // Default rates: 30,00 € per completed full referral, 20,00 € per completed quick referral, nothing for cancelled.
        (after.Count - before.Count).ShouldBe(4);
        (after.Amount - before.Amount).ShouldBe(80m);
        (await SendAsync(App, HttpMethod.Get, "/vermittlung/provision.csv", south)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SendAsync(App, HttpMethod.Get, "/vermittlung/provision.csv?monat=Dezember", admin)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    /// <summary>Reads agency Süd's CSV through a session of a temporary Süd admin (the demo has none).</summary>
    private async Task<(int Count, decimal Amount)> CsvTotalsAsync()
    {
        var admin = await SouthAdminAsync();
        using var response = await SendAsync(App, HttpMethod.Get, "/vermittlung/provision.csv", admin);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("Monat;Vermittlungsart;Ergebnis;Anzahl;Satz (EUR);Provision (EUR)");
        lines.Length.ShouldBe(8);
        lines.ShouldContain(l => l.Contains(";Komplettvermittlung;erledigt;", StringComparison.Ordinal) && l.Contains(";30,00;", StringComparison.Ordinal));
        var total = lines[^1].Split(';');
        total[1].ShouldBe("Summe");
        var de = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        var lineSum = lines[1..^1].Sum(l => decimal.Parse(l.Split(';')[5], de));
        decimal.Parse(total[5], de).ShouldBe(lineSum);
        return (int.Parse(total[3], de), decimal.Parse(total[5], de));
    }

    private async Task<Sender> SouthAdminAsync()
    {
        const string email = "agentur-sued-admin@test.glasklar.example";
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            if (!await db.Users.AnyAsync(u => u.Email == email, Ct))
            {
                var user = new User(Guid.NewGuid(), new Guid("00000000-0000-4000-8000-000000000003"), email, "Sina", "Süd", DateTime.UtcNow);
                user.AddRole(Roles.AgencyAdmin);
                db.Users.Add(user);
                await db.SaveChangesAsync(Ct);
            }
        }

        return await SessionAsync(App, email);
    }

    [Fact]
    [Trait("Promise", "A14")]
    public async Task The_access_report_discloses_referral_photos_consent_and_Postkorb_entries_with_their_origin()
    {
        var agent = await SessionAsync(App, AgentNorth);
        var clerk = await SessionAsync(App, Clerk);
        var body = Minimal();
        body["surname"] = "Auskunftsberg";
        body["consentToOptionalData"] = true;
        body["firstName"] = "Ada";
        var id = await CreateAsync(App, agent, body);
        (await SendRawAsync(App, $"/api/v1/referrals/{id}/photos", agent, ReferralApiTests<TApp>.PhotoContent(JpegWithGps()))).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var opened = await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/messages", agent, new { subject = "Rückruf", body = "Bitte am Vormittag anrufen." });
        var ticketId = (await JsonAsync(opened)).GetProperty("id").GetGuid();
        await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/messages", clerk, new { ticketId, body = "Wird erledigt." });

        var data = await CollectAsync(new DataSubject(Surname: "Auskunftsberg", PolicyNumber: "vs 2026 0001"));

        var north = new Guid("00000000-0000-4000-8000-000000000002");
        var network = new Guid("00000000-0000-4000-8000-000000000004");
        data.ShouldContain(d => d.Category == "Vermittlung" && d.Field == "Vorname" && d.Value == "Ada" && d.Provenance.EnteredByOrganisationId == north);
        data.ShouldContain(d => d.Category == "Schadenfoto" && d.Value!.Contains("Exif", StringComparison.Ordinal));
        data.ShouldContain(d => d.Category == "Einwilligung" && d.Value!.Contains("Vorname", StringComparison.Ordinal));
        data.ShouldContain(d => d.Category == "Postkorb" && d.Field == "Betreff" && d.Value == "Rückruf" && d.Provenance.EnteredByOrganisationId == north);
        var answer = data.Single(d => d.Category == "Postkorb" && d.Value == "Wird erledigt.");
        answer.Provenance.EnteredByOrganisationId.ShouldBe(network);
        answer.Provenance.EnteredByUserId.ShouldNotBeNull();
        answer.Provenance.Module.ShouldBe("Vermittlung");
        (await CollectAsync(new DataSubject(Surname: "Auskunftsberg", PolicyNumber: "ANDERE"))).ShouldBeEmpty();
        (await CollectAsync(new DataSubject(Surname: "Auskunftsberg"))).ShouldBeEmpty();
    }

    [Fact]
    [Trait("Promise", "A6")]
    public async Task Erasure_removes_referral_photos_Postkorb_and_consent_and_keeps_only_commission_counts()
    {
        var agent = await SessionAsync(App, AgentNorth);
        var body = Minimal();
        body["surname"] = "Löschmann";
        body["consentToOptionalData"] = true;
        body["damageType"] = "riss";
        var id = await CreateAsync(App, agent, body);
        (await SendRawAsync(App, $"/api/v1/referrals/{id}/photos", agent, ReferralApiTests<TApp>.PhotoContent(JpegWithGps()))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/messages", agent, new { subject = "Frage", body = "Geht es schneller?" });

        ErasureOutcome outcome;
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var source = scope.ServiceProvider.GetServices<IPersonalDataSource>().OfType<ReferralPersonalData>().Single();
            outcome = await source.EraseAsync(new DataSubject(Surname: "Löschmann", LicencePlate: "b ab 123"), Ct);
        }

        outcome.Deleted.ShouldBe(1);
        outcome.Kept.Single().Category.ShouldContain("Provision");
        (await StoredAsync(App, db => db.Referrals.AnyAsync(r => r.Id == id, Ct))).ShouldBeFalse();
        (await StoredAsync(App, db => db.Photos.IgnoreQueryFilters().AnyAsync(p => p.ReferralId == id, Ct))).ShouldBeFalse();
        (await StoredAsync(App, db => db.Tickets.IgnoreQueryFilters().AnyAsync(t => t.ReferralId == id, Ct))).ShouldBeFalse();
        (await StoredAsync(App, db => db.CommissionTallies.IgnoreQueryFilters().SumAsync(t => t.Count, Ct))).ShouldBeGreaterThan(0);
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<IConsentLedger>().GetHistoryAsync($"referral:{id}", cancellationToken: Ct)).ShouldBeEmpty();
        }
    }

    [Fact]
    [Trait("Promise", "A10")]
    public async Task Retention_deletes_completed_referrals_after_thirteen_months_and_keeps_the_counts()
    {
        var agent = await SessionAsync(App, AgentNorth);
        var old = await CreateAsync(App, agent);
        var fresh = await CreateAsync(App, agent);
        var clerk = ApiKeyOf(Roles.RepairNetworkClerk);
        await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{old}/status", clerk, new { status = "erledigt" });
        await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{fresh}/status", clerk, new { status = "erledigt" });

        await using var scope = App.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        var rule = scope.ServiceProvider.GetServices<IRetentionRule>().OfType<ReferralRetention>().Single();
        rule.Policy.ClockStartsAt.ShouldContain("Abschluss");

        // Twelve months later nothing is due; fourteen months later both are (the run's clock moves, not the data).
        (await rule.ApplyAsync(new RetentionContext(DateTime.UtcNow.AddMonths(12), new NoHolds()), Ct)).Deleted.ShouldBe(0);
        var held = new HoldOn($"referral:{fresh}");
        var outcome = await rule.ApplyAsync(new RetentionContext(DateTime.UtcNow.AddMonths(14), held), Ct);

        outcome.Blocked.ShouldBe(1);
        (await StoredAsync(App, db => db.Referrals.AnyAsync(r => r.Id == old, Ct))).ShouldBeFalse();
        (await StoredAsync(App, db => db.Referrals.SingleAsync(r => r.Id == fresh, Ct))).Restricted.ShouldBeTrue();
        (await SendAsync(App, HttpMethod.Get, $"/api/v1/referrals/{fresh}", clerk)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<List<PersonalDatum>> CollectAsync(DataSubject subject)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetServices<IPersonalDataSource>().Single(s => s.Module == "Vermittlung");
        var list = new List<PersonalDatum>();
        await foreach (var datum in source.CollectAsync(subject, Ct))
        {
            list.Add(datum);
        }

        return list;
    }

    private sealed class NoHolds : ILegalHolds
    {
        public Task<bool> IsHeldAsync(string subjectRef, string category, CancellationToken cancellationToken) => Task.FromResult(false);
    }

    private sealed class HoldOn(string held) : ILegalHolds
    {
        public Task<bool> IsHeldAsync(string subjectRef, string category, CancellationToken cancellationToken) => Task.FromResult(subjectRef == held);
    }
}

public sealed class CommissionAndPrivacyTestsSqlite(SqliteApp app) : CommissionAndPrivacyTests<SqliteApp>(app);

public sealed class CommissionAndPrivacyTestsPostgres(PostgresApp app) : CommissionAndPrivacyTests<PostgresApp>(app);
