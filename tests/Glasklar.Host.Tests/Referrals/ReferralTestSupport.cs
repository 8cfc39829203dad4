using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Referrals.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.Referrals;

/// <summary>Who sends a request: a demo user's session cookie or an organisation's API key.</summary>
public sealed record Sender(string? Cookie, string? ApiKey)
{
    public void Apply(HttpRequestMessage request)
    {
        if (Cookie is not null)
        {
            request.Headers.Add("Cookie", Cookie);
        }

        if (ApiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"ApiKey {ApiKey}");
        }
    }
}

/// <summary>Requests against the referral API as the demo parties, and a look into the stored rows.</summary>
internal static class ReferralTestSupport
{
    public const string AgentNorth = "agent-nord@demo.glasklar.example";
    public const string AgentSouth = "agent-sued@demo.glasklar.example";
    public const string Clerk = "glasnetz@demo.glasklar.example";
    public const string AgencyAdminNorth = "agentur-nord-admin@demo.glasklar.example";

    public static async Task<Sender> SessionAsync(AppFixture app, string email) => new(await TestLogins.SessionCookieAsync(app.Factory, email), null);

    public static Sender ApiKeyOf(string role) => new(null, DemoAccounts.ApiKey(DemoAccounts.All.First(d => d.Role == role))!.Key);

    public static Dictionary<string, object?> Minimal(string mode = "komplett") => new()
    {
        ["mode"] = mode,
        ["policyholderAgrees"] = true,
        ["consentToOptionalData"] = false,
        ["surname"] = "Musterfrau",
        ["phone"] = "030 1234567",
        ["licencePlate"] = "B-AB 123",
        ["policyNumber"] = "VS-2026-0001",
    };

    public static async Task<HttpResponseMessage> SendAsync(AppFixture app, HttpMethod method, string path, Sender sender, object? json = null)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        sender.Apply(request);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<HttpResponseMessage> SendRawAsync(AppFixture app, string path, Sender sender, HttpContent content)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        sender.Apply(request);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<Guid> CreateAsync(AppFixture app, Sender sender, Dictionary<string, object?>? body = null)
    {
        using var response = await SendAsync(app, HttpMethod.Post, "/api/v1/referrals", sender, body ?? Minimal());
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

    /// <summary>Runs a query on the referral tables across all tenants (what is really stored).</summary>
    public static async Task<T> StoredAsync<T>(AppFixture app, Func<ReferralsDbContext, Task<T>> query)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        return await query(scope.ServiceProvider.GetRequiredService<ReferralsDbContext>());
    }

    public static Task<int> CountReferralsAsync(AppFixture app) => StoredAsync(app, db => db.Referrals.CountAsync());

    /// <summary>A tiny valid baseline JPEG (16×16, flat grey) with an Exif block carrying a GPS position.</summary>
    public static byte[] JpegWithGps()
    {
        static byte[] Segment(int marker, byte[] payload) =>
            [0xFF, (byte)marker, (byte)((payload.Length + 2) >> 8), (byte)((payload.Length + 2) & 0xFF), .. payload];

        // TIFF (big endian): IFD0 with the GPS pointer; GPS IFD with latitude ref "N" and latitude 52/1, 31/1, 12/1.
        var tiff = new List<byte>();
        tiff.AddRange("MM"u8.ToArray());
        tiff.AddRange(new byte[] { 0, 42, 0, 0, 0, 8 });
        tiff.AddRange(new byte[] { 0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0 }); // IFD0 at 8, next IFD 0
        tiff.AddRange(new byte[] { 0, 2 }); // GPS IFD at 26
        tiff.AddRange(new byte[] { 0, 1, 0, 2, 0, 0, 0, 2, (byte)'N', 0, 0, 0 });
        tiff.AddRange(new byte[] { 0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 56 });
        tiff.AddRange(new byte[] { 0, 0, 0, 0 });
        foreach (var value in new[] { 52, 31, 12 })
        {
            tiff.AddRange(new byte[] { 0, 0, 0, (byte)value, 0, 0, 0, 1 });
        }

        byte[] exif = [.. "Exif\0\0"u8.ToArray(), .. tiff];
        byte[] quant = [0x00, .. Enumerable.Repeat((byte)1, 64)];
        byte[] sof = [8, 0, 16, 0, 16, 1, 1, 0x11, 0];
        byte[] dc = [0x00, 0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        byte[] ac = [0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00];
        byte[] sos = [1, 1, 0x00, 0, 63, 0];

        // Four blocks, each "00" (DC difference 0) + "0" (EOB): 12 bits, padded with ones.
        return
        [
            0xFF, 0xD8, .. Segment(0xE1, exif), .. Segment(0xDB, quant), .. Segment(0xC0, sof), .. Segment(0xC4, dc), .. Segment(0xC4, ac),
            .. Segment(0xDA, sos), 0x00, 0x0F, 0xFF, 0xD9,
        ];
    }

    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
