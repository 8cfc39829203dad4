using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Glasklar.Claims.Persistence;
using Glasklar.Claims.Receipts;
using Glasklar.Claims.Submission;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Privacy.Tests.Images;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.Claims;

/// <summary>Requests and database look-ups shared by the claims HTTP tests.</summary>
internal static class ClaimsTestSupport
{
    public const string Customer = "kunde@demo.glasklar.example";
    public const string Clerk = "versicherer@demo.glasklar.example";
    public const string ValidIban = "DE89 3704 0044 0532 0130 00";

    public static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A camera-like JPEG whose Exif carries make, model, owner and GPS position.</summary>
    public static byte[] JpegWithGps() => TestJpeg.Encode().With(TestJpeg.Segment(0xE1, TestExif.App1Payload(1)));

    public static HttpRequestMessage Json(HttpMethod method, string path, string cookie, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Cookie", cookie);
        return request;
    }

    public static async Task<Guid> FirstInsuredPersonAsync(HttpClient client, string cookie, CancellationToken ct)
    {
        using var response = await client.SendAsync(TestLogins.Get("/api/v1/claims/contracts", cookie), ct);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return doc.RootElement[0].GetProperty("insuredPersons")[0].GetProperty("id").GetGuid();
    }

    public static object Claim(Guid insured, string iban = ValidIban, params (string Name, byte[] Content)[] receipts) => new
    {
        insuredPersonId = insured,
        items = new object[]
        {
            new { treatmentDate = "2026-11-02", kind = "ambulant", amount = 84.20m },
            new { treatmentDate = "2026-11-10", kind = "Arznei", amount = 12.95m },
        },
        receipts = (receipts.Length == 0 ? [("rechnung.pdf", Pdf())] : receipts)
            .Select(r => new { fileName = r.Name, contentBase64 = Convert.ToBase64String(r.Content) }).ToArray(),
        bank = new { holder = "Konrad Kunde", iban, bic = "COBADEFFXXX", bankName = "Demobank" },
        declarationsAccepted = true,
    };

    public static async Task<int> CountClaimsAsync(GlasklarFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        return await db.Claims.CountAsync() + await db.ClaimItems.CountAsync() + await db.Receipts.CountAsync() + ReceiptFileCount(scope.ServiceProvider);
    }

    /// <summary>How many receipt files lie in the data directory (ADR 0032).</summary>
    public static int ReceiptFileCount(IServiceProvider services)
    {
        var directory = services.GetRequiredService<ReceiptStore>().Directory;
        return Directory.Exists(directory) ? Directory.GetFiles(directory).Length : 0;
    }

    /// <summary>What is stored for a receipt: its sealed file, or the row's content for rows from before ADR 0032.</summary>
    public static async Task<byte[]> SealedContentAsync(IServiceProvider services, ClaimReceipt receipt, CancellationToken ct) =>
        receipt.ContentProtected.Length > 0 ? receipt.ContentProtected : await File.ReadAllBytesAsync(services.GetRequiredService<ReceiptStore>().PathOf(receipt.Id), ct);

    /// <summary>A second private customer (no contract), signed in.</summary>
    public static async Task<string> OtherCustomerCookieAsync(GlasklarFactory factory)
    {
        var email = $"andere-{Guid.NewGuid():N}@test.glasklar.example";
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var user = new User(Guid.NewGuid(), null, email, "Olivia", "Andere", DateTime.UtcNow);
            user.AddRole(Roles.Customer);
            user.MarkEmailVerified(DateTime.UtcNow);
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        return await TestLogins.SessionCookieAsync(factory, email);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return doc.RootElement.Clone();
    }
}
