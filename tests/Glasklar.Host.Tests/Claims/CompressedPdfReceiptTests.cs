using System.Net;
using Glasklar.Claims.Tests.Submission;
using Glasklar.Host.Tests.Infrastructure;
using static Glasklar.Host.Tests.Claims.ClaimsTestSupport;

namespace Glasklar.Host.Tests.Claims;

/// <summary>Receipts that hide scripts, files or a zip bomb in compressed PDF streams are refused over HTTP (B2).</summary>
public abstract class CompressedPdfReceiptTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    public static TheoryData<string> Hidden() => ["script", "embedded", "bomb"];

    [Theory]
    [MemberData(nameof(Hidden))]
    [Trait("Promise", "B2")]
    public async Task A_pdf_hiding_active_content_or_a_zip_bomb_in_compressed_streams_is_refused_in_german_and_nothing_is_stored(string kind)
    {
        var (pdf, message) = kind switch
        {
            "script" => (TestPdfSamples.ScriptInObjectStream(), "Skripte oder eingebettete Dateien"),
            "embedded" => (TestPdfSamples.CompressedEmbeddedFile(), "Skripte oder eingebettete Dateien"),
            _ => (TestPdfSamples.ZipBomb(80L * 1024 * 1024), "entpackt unverhältnismäßig groß"),
        };
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var insured = await FirstInsuredPersonAsync(client, cookie, Ct);
        var before = await CountClaimsAsync(App.Factory);

        using var response = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", cookie,
            Claim(insured, ValidIban, ("ok.pdf", Pdf()), ("rechnung.pdf", pdf))), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await ReadJsonAsync(response, Ct)).GetProperty("errors");
        errors.TryGetProperty("receipts[0]", out _).ShouldBeFalse();
        errors.GetProperty("receipts[1]")[0].GetString()!.ShouldContain(message);
        (await CountClaimsAsync(App.Factory)).ShouldBe(before);
    }

    [Fact]
    [Trait("Promise", "B2")]
    public async Task A_compressed_pdf_as_pdfsharp_writes_it_is_accepted()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var insured = await FirstInsuredPersonAsync(client, cookie, Ct);

        using var response = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", cookie,
            Claim(insured, ValidIban, ("praxis.pdf", TestPdfSamples.PdfSharpInvoice()))), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ReadJsonAsync(response, Ct)).GetProperty("documents")[0].GetProperty("contentType").GetString().ShouldBe("application/pdf");
    }
}

public sealed class CompressedPdfReceiptTestsSqlite(SqliteApp app) : CompressedPdfReceiptTests<SqliteApp>(app);

public sealed class CompressedPdfReceiptTestsPostgres(PostgresApp app) : CompressedPdfReceiptTests<PostgresApp>(app);
