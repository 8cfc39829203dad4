using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using Glasklar.Host.Tests.Infrastructure;
using static Glasklar.Host.Tests.Claims.ClaimsTestSupport;

namespace Glasklar.Host.Tests.Claims;

/// <summary>The claim wizard page (a form without JavaScript) over real HTTP, with antiforgery and file upload.</summary>
public abstract class ClaimWizardTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    [Trait("Promise", "B1")]
    [Trait("Promise", "B2")]
    public async Task The_wizard_refuses_a_bad_iban_in_german_storing_nothing_then_submits_and_shows_the_confirmation()
    {
        using var client = App.CreateClient();
        var session = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        using var form = await client.SendAsync(TestLogins.Get("/kunde/antraege/neu", session), Ct);
        form.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = new HtmlParser().ParseDocument(await form.Content.ReadAsStringAsync(Ct));
        var token = page.QuerySelector("input[name=__af]")!.GetAttribute("value")!;
        var insured = page.QuerySelector("input[name=InsuredPersonId]")!.GetAttribute("value")!;
        var antiforgery = form.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("glasklar-af=", StringComparison.Ordinal)).Split(';')[0];
        var cookie = $"{session}; {antiforgery}";
        var before = await CountClaimsAsync(App.Factory);

        using var bad = await client.SendAsync(Post(cookie, token, insured, "DE00 1234"), Ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync(Ct)).QuerySelector("[data-testid=errors]")!;
        errors.QuerySelector("li[data-field='bank.iban']")!.TextContent.ShouldContain("IBAN");
        errors.TextContent.ShouldContain("Es wurde nichts gespeichert.");
        (await CountClaimsAsync(App.Factory)).ShouldBe(before);

        using var good = await client.SendAsync(Post(cookie, token, insured, ValidIban), Ct);
        good.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = good.Headers.Location!.OriginalString;
        location.ShouldStartWith("/kunde/antraege/");
        using var confirmation = await client.SendAsync(TestLogins.Get(location, session), Ct);
        var html = await confirmation.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Empfangsbestätigung");
        html.ShouldContain("beleg.jpg");
    }

    private static HttpRequestMessage Post(string cookie, string token, string insured, string iban)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__af" },
            { new StringContent(insured), "InsuredPersonId" },
            { new StringContent("2026-11-20"), "TreatmentDate[0]" },
            { new StringContent("Zahn"), "Kind[0]" },
            { new StringContent("120.50"), "Amount[0]" },
            { new StringContent("Konrad Kunde"), "Holder" },
            { new StringContent(iban), "Iban" },
            { new StringContent("true"), "Declarations" },
        };
        var file = new ByteArrayContent(JpegWithGps());
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        content.Add(file, "receipts", "beleg.jpg");
        var request = new HttpRequestMessage(HttpMethod.Post, "/kunde/antraege/neu") { Content = content };
        request.Headers.Add("Cookie", cookie);
        return request;
    }
}

public sealed class ClaimWizardTestsSqlite(SqliteApp app) : ClaimWizardTests<SqliteApp>(app);

public sealed class ClaimWizardTestsPostgres(PostgresApp app) : ClaimWizardTests<PostgresApp>(app);
