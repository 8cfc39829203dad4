using System.Net;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Privacy.Consent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Glasklar.Host.Tests.Referrals.ReferralTestSupport;

namespace Glasklar.Host.Tests.Referrals;

/// <summary>POST/GET /api/v1/referrals over real HTTP on both databases (issue 5 §7).</summary>
public abstract class ReferralApiTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Theory]
    [Trait("Promise", "A1")]
    [Trait("Promise", "A2")]
    [Trait("Promise", "A3")]
    [InlineData("komplett")]
    [InlineData("schnell")]
    public async Task Only_the_four_mandatory_fields_are_accepted_and_the_service_number_comes_from_the_account(string mode)
    {
        var agent = await SessionAsync(App, AgentNorth);
        using var response = await SendAsync(App, HttpMethod.Post, "/api/v1/referrals", agent, Minimal(mode));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await JsonAsync(response);
        created.GetProperty("serviceNumber").GetString().ShouldStartWith("SN-");
        created.GetProperty("mode").GetString().ShouldBe(mode);
        response.Headers.Location!.OriginalString.ShouldBe($"/api/v1/referrals/{created.GetProperty("id").GetGuid()}");

        using var read = await SendAsync(App, HttpMethod.Get, response.Headers.Location.OriginalString, agent);
        var referral = await JsonAsync(read);
        referral.GetProperty("phone").GetString().ShouldBe("+49301234567");
        referral.GetProperty("licencePlate").GetString().ShouldBe("B-AB 123");
        referral.GetProperty("policyNumber").GetString().ShouldBe("VS20260001");
        referral.GetProperty("serviceNumber").GetString().ShouldBe(created.GetProperty("serviceNumber").GetString());
        referral.GetProperty("optionalData").EnumerateObject().ShouldBeEmpty();
    }

    [Theory]
    [Trait("Promise", "A2")]
    [InlineData("surname", "Nachname")]
    [InlineData("phone", "Telefon")]
    [InlineData("licencePlate", "Kfz-Kennzeichen")]
    [InlineData("policyNumber", "Versicherungsscheinnummer")]
    public async Task Each_missing_mandatory_field_is_a_400_that_names_it_in_german(string field, string label)
    {
        var body = Minimal();
        body.Remove(field);
        var before = await CountReferralsAsync(App);

        using var response = await SendAsync(App, HttpMethod.Post, "/api/v1/referrals", await SessionAsync(App, AgentNorth), body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await JsonAsync(response);
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldBe([field]);
        errors.GetProperty(field)[0].GetString()!.ShouldContain(label);
        problem.GetProperty("title").GetString().ShouldBe("Die Vermittlung wurde nicht angelegt.");
        (await CountReferralsAsync(App)).ShouldBe(before);
    }

    [Fact]
    [Trait("Promise", "A6")]
    public async Task An_optional_value_without_consent_is_a_400_and_nothing_is_stored()
    {
        var body = Minimal();
        body["firstName"] = "Erika";
        body["damageType"] = "steinschlag";
        var before = await CountReferralsAsync(App);

        using var response = await SendAsync(App, HttpMethod.Post, "/api/v1/referrals", await SessionAsync(App, AgentNorth), body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["consentToOptionalData", "damageType", "firstName"]);
        (await CountReferralsAsync(App)).ShouldBe(before);
    }

    [Fact]
    [Trait("Promise", "A6")]
    [Trait("Promise", "A7")]
    public async Task Optional_data_with_consent_is_stored_and_the_consent_lands_in_the_ledger_with_its_fields_and_text_version()
    {
        var body = Minimal();
        body["consentToOptionalData"] = true;
        body["firstName"] = "Erika";
        body["damageType"] = "steinschlag";
        body["glassPosition"] = "keine-angabe";
        body["additionalInfo"] = "Bitte laut und deutlich klingeln.";

        var id = await CreateAsync(App, await SessionAsync(App, AgentNorth), body);

        await using var scope = App.Factory.Services.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<IConsentLedger>();
        var state = await ledger.GetCurrentAsync($"referral:{id}", "vermittlung-freiwillige-angaben", Ct);
        state.Granted.ShouldBeTrue();
        state.Scope.Order().ShouldBe(["additionalInfo", "damageType", "firstName"]); // "keine Angabe" is no answer
        state.TextVersion.ShouldBe("vermittlung-freiwillig-2026-12");
        state.Latest!.Actor.OnBehalfOf.ShouldBeTrue();
        var stored = await StoredAsync(App, db => db.Referrals.SingleAsync(r => r.Id == id, Ct));
        stored.GlassPosition.ShouldBeNull();
        stored.FirstName.ShouldBe("Erika");
        stored.ConsentTextVersion.ShouldBe("vermittlung-freiwillig-2026-12");
    }

    [Fact]
    [Trait("Promise", "A5")]
    public async Task Without_the_policyholders_agreement_nothing_is_referred()
    {
        var body = Minimal();
        body["policyholderAgrees"] = false;

        using var response = await SendAsync(App, HttpMethod.Post, "/api/v1/referrals", await SessionAsync(App, AgentNorth), body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(response)).GetProperty("errors").GetProperty("policyholderAgrees")[0].GetString()!.ShouldContain("einverstanden");
    }

    [Theory]
    [Trait("Promise", "A4")]
    [InlineData("Meier (schwerhörig)")]
    [InlineData("Meier, Rollstuhl")]
    [InlineData("Meier schwerhörig")]
    public async Task A_descriptive_name_is_refused_with_an_explanation(string surname)
    {
        var body = Minimal();
        body["surname"] = surname;

        using var response = await SendAsync(App, HttpMethod.Post, "/api/v1/referrals", await SessionAsync(App, AgentNorth), body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(response)).GetProperty("errors").GetProperty("surname")[0].GetString()!.ShouldContain("nur den Namen");
    }

    [Fact]
    [Trait("Promise", "A8")]
    public async Task Special_category_Zusatzinfo_is_refused_with_a_neutral_suggestion()
    {
        var body = Minimal();
        body["consentToOptionalData"] = true;
        body["additionalInfo"] = "Kunde ist schwerhörig";
        var before = await CountReferralsAsync(App);

        using var response = await SendAsync(App, HttpMethod.Post, "/api/v1/referrals", await SessionAsync(App, AgentNorth), body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await JsonAsync(response);
        problem.GetProperty("errors").GetProperty("additionalInfo")[0].GetString()!.ShouldContain("Art. 9 DSGVO");
        problem.GetProperty("suggestions").GetProperty("additionalInfo").GetString().ShouldBe("Bitte laut und deutlich klingeln.");
        (await CountReferralsAsync(App)).ShouldBe(before);
    }

    [Fact]
    public async Task Unknown_fields_and_wrong_types_are_named()
    {
        var body = Minimal();
        body["geburtsdatum"] = "01.01.1970";
        body["phone"] = true;

        using var response = await SendAsync(App, HttpMethod.Post, "/api/v1/referrals", await SessionAsync(App, AgentNorth), body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        errors.GetProperty("geburtsdatum")[0].GetString()!.ShouldContain("gibt es in einer Vermittlung nicht");
        errors.GetProperty("phone")[0].GetString()!.ShouldContain("Text");
    }

    [Fact]
    [Trait("Promise", "A10")]
    public async Task An_agency_api_key_submits_and_the_referral_records_agent_agency_and_time()
    {
        var id = await CreateAsync(App, ApiKeyOf(Roles.AgencyAdmin));

        var stored = await StoredAsync(App, db => db.Referrals.SingleAsync(r => r.Id == id, Ct));
        stored.OrganisationId.ShouldBe(new Guid("00000000-0000-4000-8000-000000000002"));
        stored.AgentUserId.ShouldNotBe(Guid.Empty);
        stored.CreatedUtc.ShouldBeGreaterThan(DateTime.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Another_agencys_agent_gets_404_on_the_referral_its_photos_and_its_Postkorb()
    {
        var id = await CreateAsync(App, await SessionAsync(App, AgentNorth));
        var south = await SessionAsync(App, AgentSouth);

        foreach (var path in new[] { $"/api/v1/referrals/{id}", $"/api/v1/referrals/{id}/photos", $"/api/v1/referrals/{id}/messages", $"/vermittlung/{id}" })
        {
            using var response = await SendAsync(App, HttpMethod.Get, path, south);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        }

        using var message = await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/messages", south, new { subject = "Frage", body = "Termin?" });
        message.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var photo = await SendRawAsync(App, $"/api/v1/referrals/{id}/photos", south, PhotoContent(JpegWithGps()));
        photo.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var list = await SendAsync(App, HttpMethod.Get, "/api/v1/referrals", south);
        (await JsonAsync(list)).EnumerateArray().ShouldNotContain(r => r.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task The_repair_network_lists_new_referrals_since_a_time_and_its_status_changes_reach_the_agent()
    {
        var since = DateTime.UtcNow.AddSeconds(-1).ToString("O");
        var agent = await SessionAsync(App, AgentNorth);
        var id = await CreateAsync(App, agent);
        var clerk = ApiKeyOf(Roles.RepairNetworkClerk);

        using var list = await SendAsync(App, HttpMethod.Get, $"/api/v1/referrals?since={Uri.EscapeDataString(since)}", clerk);
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(list)).EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ShouldContain(id);

        (await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/status", clerk, new { status = "kunde-kontaktiert" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var back = await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/status", clerk, new { status = "eingegangen" });
        back.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/status", agent, new { status = "erledigt" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using var seen = await SendAsync(App, HttpMethod.Get, $"/api/v1/referrals/{id}", agent);
        (await JsonAsync(seen)).GetProperty("status").GetString().ShouldBe("kunde-kontaktiert");
        using var bad = await SendAsync(App, HttpMethod.Get, "/api/v1/referrals?since=gestern", clerk);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Other_parties_and_anonymous_callers_cannot_submit()
    {
        (await SendAsync(App, HttpMethod.Post, "/api/v1/referrals", new Sender(null, null), Minimal())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await SendAsync(App, HttpMethod.Post, "/api/v1/referrals", ApiKeyOf(Roles.InsurerClerk), Minimal())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SendAsync(App, HttpMethod.Post, "/api/v1/referrals", ApiKeyOf(Roles.RepairNetworkClerk), Minimal())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_referral_api()
    {
        using var client = App.CreateClient();
        var document = await client.GetStringAsync("/openapi/v1.json", Ct);

        document.ShouldContain("\"/api/v1/referrals\"");
        document.ShouldContain("\"/api/v1/referrals/{id}\"");
        document.ShouldContain("\"/api/v1/referrals/{id}/photos\"");
        document.ShouldContain("\"/api/v1/referrals/{id}/messages\"");
    }

    [Fact]
    [Trait("Promise", "A11")]
    [Trait("Promise", "X9")]
    public async Task A_submission_is_in_the_access_log_by_path_and_status_only_and_no_log_line_names_the_policyholder()
    {
        var body = Minimal();
        body["surname"] = "Protokollvermeider";
        body["licencePlate"] = "KI-PV 917";
        body["policyNumber"] = "LOG-99172";
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/referrals") { Content = System.Net.Http.Json.JsonContent.Create(body) };
        var agent = "ReferralLogTest/" + Guid.NewGuid().ToString("N")[..8];
        request.Headers.UserAgent.ParseAdd(agent);
        (await SessionAsync(App, AgentNorth)).Apply(request);
        (await client.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        Glasklar.Platform.AccessLog.AccessLogEntry? entry = null;
        for (var i = 0; i < 100 && entry is null; i++)
        {
            await using var scope = App.Factory.Services.CreateAsyncScope();
            entry = await scope.ServiceProvider.GetRequiredService<Glasklar.Platform.Persistence.PlatformDbContext>().AccessLog.AsNoTracking()
                .FirstOrDefaultAsync(a => a.UserAgent == agent, Ct);
            if (entry is null)
            {
                await Task.Delay(100, Ct);
            }
        }

        entry.ShouldNotBeNull();
        entry.Path.ShouldBe("/api/v1/referrals");
        entry.Status.ShouldBe(201);
        App.Factory.LogLines.ShouldNotContain(l => l.Contains("Protokollvermeider", StringComparison.Ordinal)
            || l.Contains("KI-PV", StringComparison.Ordinal) || l.Contains("99172", StringComparison.Ordinal));
    }

    internal static MultipartFormDataContent PhotoContent(byte[] bytes, string name = "schaden.jpg")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        content.Add(file, "file", name);
        return content;
    }
}

public sealed class ReferralApiTestsSqlite(SqliteApp app) : ReferralApiTests<SqliteApp>(app);

public sealed class ReferralApiTestsPostgres(PostgresApp app) : ReferralApiTests<PostgresApp>(app);
