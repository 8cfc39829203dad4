using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Glasklar.Host.Tests.Infrastructure;
using static Glasklar.Host.Tests.Claims.ClaimsTestSupport;

namespace Glasklar.Host.Tests.Claims;

/// <summary>Customers download their own receipts again from the claim page (B1, B3: receipts live in the portal, not in e-mail).</summary>
public abstract class ReceiptDownloadTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    [Trait("Promise", "B1")]
    [Trait("Promise", "B3")]
    public async Task The_claim_page_links_each_receipt_and_the_owner_downloads_it_decrypted_uncached_and_under_a_safe_name()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var insured = await FirstInsuredPersonAsync(client, cookie, Ct);
        var pdf = Pdf();
        using var submitted = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", cookie,
            Claim(insured, ValidIban, ("Rechnung \"Mai\"; 2026.html", pdf), ("apotheke.jpg", JpegWithGps()))), Ct);
        submitted.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await ReadJsonAsync(submitted, Ct)).GetProperty("claimId").GetGuid();

        using var page = await client.SendAsync(TestLogins.Get($"/kunde/antraege/{id}", cookie), Ct);
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync(Ct));
        var links = document.QuerySelectorAll("a[data-testid=receipt]").ToList();
        links.Select(a => a.TextContent).ShouldBe(["Rechnung \"Mai\"; 2026.html", "apotheke.jpg"]);
        links.ShouldAllBe(a => a.GetAttribute("href")!.StartsWith($"/api/v1/claims/{id}/receipts/", StringComparison.Ordinal));

        using var first = await client.SendAsync(TestLogins.Get(links[0].GetAttribute("href")!, cookie), Ct);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Headers.CacheControl!.NoStore.ShouldBeTrue();
        first.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var disposition = first.Content.Headers.ContentDisposition!;
        disposition.DispositionType.ShouldBe("attachment");
        disposition.FileNameStar.ShouldBe("Rechnung _Mai__ 2026.html.pdf"); // no quote or semicolon, and the extension of the content
        (await first.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(pdf);

        using var second = await client.SendAsync(TestLogins.Get(links[1].GetAttribute("href")!, cookie), Ct);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        second.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("apotheke.jpg");
        var photo = Encoding.Latin1.GetString(await second.Content.ReadAsByteArrayAsync(Ct));
        photo.ShouldStartWith("\u00FF\u00D8");
        photo.ShouldNotContain("Canon"); // the cleaned copy, as stored
    }

    [Fact]
    [Trait("Promise", "B3")]
    public async Task Another_customer_gets_404_and_a_receipt_is_found_only_under_its_own_claim()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var insured = await FirstInsuredPersonAsync(client, cookie, Ct);
        var first = await ReceiptLinkAsync(client, cookie, insured);
        var second = await ReceiptLinkAsync(client, cookie, insured);
        var other = await OtherCustomerCookieAsync(App.Factory);

        using var own = await client.SendAsync(TestLogins.Get(first, cookie), Ct);
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var foreign = await client.SendAsync(TestLogins.Get(first, other), Ct);
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await foreign.Content.ReadAsByteArrayAsync(Ct)).ShouldNotBe(Pdf());
        using var anonymous = await client.SendAsync(TestLogins.Get(first, null), Ct);
        anonymous.IsSuccessStatusCode.ShouldBeFalse();

        // The second claim's receipt asked for under the first claim: not there.
        var mixed = first[..first.LastIndexOf('/')] + second[second.LastIndexOf('/')..];
        using var crossed = await client.SendAsync(TestLogins.Get(mixed, cookie), Ct);
        crossed.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<string> ReceiptLinkAsync(HttpClient client, string cookie, Guid insured)
    {
        using var submitted = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", cookie, Claim(insured)), Ct);
        var id = (await ReadJsonAsync(submitted, Ct)).GetProperty("claimId").GetGuid();
        using var page = await client.SendAsync(TestLogins.Get($"/kunde/antraege/{id}", cookie), Ct);
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync(Ct));
        return document.QuerySelector("a[data-testid=receipt]")!.GetAttribute("href")!;
    }
}

public sealed class ReceiptDownloadTestsSqlite(SqliteApp app) : ReceiptDownloadTests<SqliteApp>(app);

public sealed class ReceiptDownloadTestsPostgres(PostgresApp app) : ReceiptDownloadTests<PostgresApp>(app);
