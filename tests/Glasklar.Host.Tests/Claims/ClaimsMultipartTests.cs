using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Glasklar.Claims;
using Glasklar.Claims.Persistence;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Glasklar.Host.Tests.Claims.ClaimsTestSupport;

namespace Glasklar.Host.Tests.Claims;

/// <summary>POST /api/v1/claims as multipart/form-data: claim JSON in part "claim", receipts as file parts (ADR 0030).</summary>
public abstract class ClaimsMultipartTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    [Trait("Promise", "B1")]
    [Trait("Promise", "B2")]
    public async Task A_multipart_claim_is_confirmed_and_its_receipts_are_stored_sealed_without_the_gps_position()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var insured = await FirstInsuredPersonAsync(client, cookie, Ct);

        using var response = await client.SendAsync(Multipart(cookie, ClaimWithoutReceipts(insured), ("rechnung.pdf", Pdf()), ("apotheke.jpg", JpegWithGps())), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var confirmation = await ReadJsonAsync(response, Ct);
        confirmation.GetProperty("number").GetString()!.ShouldStartWith("EA-");
        var documents = confirmation.GetProperty("documents");
        documents.GetArrayLength().ShouldBe(2);
        documents[0].GetProperty("fileName").GetString().ShouldBe("rechnung.pdf");
        documents[1].GetProperty("contentType").GetString().ShouldBe("image/jpeg");

        await using var scope = App.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var id = confirmation.GetProperty("claimId").GetGuid();
        var stored = await db.Receipts.AsNoTracking().Where(r => r.ClaimId == id).OrderBy(r => r.Position).ToListAsync(Ct);
        stored.Count.ShouldBe(2);
        var sealedFiles = new List<byte[]>();
        foreach (var receipt in stored)
        {
            receipt.ContentProtected.ShouldBeEmpty();
            sealedFiles.Add(await SealedContentAsync(scope.ServiceProvider, receipt, Ct));
            var raw = Encoding.Latin1.GetString(sealedFiles[^1]);
            raw.ShouldStartWith("GKS1");
            raw.ShouldNotContain("%PDF");
            raw.ShouldNotContain("JFIF");
        }

        var protector = scope.ServiceProvider.GetRequiredService<ClaimsProtector>();
        protector.UnprotectBytes(ClaimsProtector.Receipt, sealedFiles[0]).ShouldBe(Pdf());
        var photo = Encoding.Latin1.GetString(protector.UnprotectBytes(ClaimsProtector.Receipt, sealedFiles[1]));
        photo.ShouldStartWith("\u00FF\u00D8");
        foreach (var trace in new[] { "Exif", "Canon", "GPS", "Max Mustermann" })
        {
            photo.ShouldNotContain(trace);
        }

        // The clerk downloads the clean photo through the API, decrypted from the sealed form.
        var clerk = await TestLogins.SessionCookieAsync(App.Factory, Clerk);
        using var download = await client.SendAsync(TestLogins.Get($"/api/v1/claims/queue/{id}/receipts/{stored[1].Id}", clerk), Ct);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(Encoding.Latin1.GetBytes(photo));
    }

    [Fact]
    [Trait("Promise", "B2")]
    public async Task A_multipart_claim_with_a_fake_pdf_is_refused_in_german_and_nothing_is_stored()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var insured = await FirstInsuredPersonAsync(client, cookie, Ct);
        var before = await CountClaimsAsync(App.Factory);

        using var response = await client.SendAsync(Multipart(cookie, ClaimWithoutReceipts(insured),
            ("ok.pdf", Pdf()), ("rechnung.pdf", Encoding.UTF8.GetBytes("<html>keine Rechnung</html>"))), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await ReadJsonAsync(response, Ct)).GetProperty("errors");
        errors.TryGetProperty("receipts[0]", out _).ShouldBeFalse();
        errors.GetProperty("receipts[1]")[0].GetString()!.ShouldContain("keine PDF-Datei");
        (await CountClaimsAsync(App.Factory)).ShouldBe(before);
    }

    [Fact]
    [Trait("Promise", "B1")]
    public async Task A_multipart_request_without_claim_part_or_with_base64_receipts_in_it_is_refused_in_german()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var insured = await FirstInsuredPersonAsync(client, cookie, Ct);
        var before = await CountClaimsAsync(App.Factory);

        using var noClaim = await client.SendAsync(Multipart(cookie, null, ("rechnung.pdf", Pdf())), Ct);
        noClaim.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(noClaim, Ct)).GetProperty("errors").GetProperty("claim")[0].GetString()
            .ShouldBe("Bitte senden Sie die Antragsdaten als JSON im Teil „claim“.");

        using var base64 = await client.SendAsync(Multipart(cookie, JsonSerializer.Serialize(Claim(insured)), ("rechnung.pdf", Pdf())), Ct);
        base64.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(base64, Ct)).GetProperty("errors").GetProperty("claim")[0].GetString()!.ShouldContain("als Dateien in das Feld „receipts“");

        using var broken = await client.SendAsync(Multipart(cookie, "{ kein JSON", ("rechnung.pdf", Pdf())), Ct);
        broken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(broken, Ct)).GetProperty("errors").GetProperty("claim")[0].GetString().ShouldBe("Der Teil „claim“ ist kein gültiges JSON.");
        (await CountClaimsAsync(App.Factory)).ShouldBe(before);
    }

    [Fact]
    [Trait("Promise", "B1")]
    public async Task A_claim_in_neither_json_nor_multipart_gets_415_and_the_openapi_operation_describes_both()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/claims") { Content = new StringContent("Antrag", Encoding.UTF8, "text/plain") };
        request.Headers.Add("Cookie", cookie);

        using var response = await client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Ct));
        var operation = document.RootElement.GetProperty("paths").GetProperty("/api/v1/claims").GetProperty("post");
        operation.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _).ShouldBeTrue();
        operation.GetProperty("description").GetString()!.ShouldContain("multipart/form-data");
    }

    private static string ClaimWithoutReceipts(Guid insured) => JsonSerializer.Serialize(new
    {
        insuredPersonId = insured,
        items = new object[] { new { treatmentDate = "2026-11-02", kind = "ambulant", amount = 84.20m } },
        bank = new { holder = "Konrad Kunde", iban = ValidIban, bic = "COBADEFFXXX", bankName = "Demobank" },
        declarationsAccepted = true,
    });

    private static HttpRequestMessage Multipart(string cookie, string? claimJson, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        if (claimJson is not null)
        {
            form.Add(new StringContent(claimJson, Encoding.UTF8, "application/json"), "claim");
        }

        foreach (var (name, content) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "receipts", name);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/claims") { Content = form };
        request.Headers.Add("Cookie", cookie);
        return request;
    }
}

public sealed class ClaimsMultipartTestsSqlite(SqliteApp app) : ClaimsMultipartTests<SqliteApp>(app);

public sealed class ClaimsMultipartTestsPostgres(PostgresApp app) : ClaimsMultipartTests<PostgresApp>(app);
