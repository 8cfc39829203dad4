using System.Net;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Accounts;
using Glasklar.Referrals.Photos;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Glasklar.Host.Tests.Referrals.ReferralTestSupport;

namespace Glasklar.Host.Tests.Referrals;

/// <summary>Damage photos (A9) and Mein Postkorb (A13) over real HTTP on both databases.</summary>
public abstract class PhotoAndPostkorbTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    [Trait("Promise", "A9")]
    public async Task An_uploaded_JPEG_with_GPS_is_stored_without_it_outside_the_web_root_and_served_only_with_no_store()
    {
        var agent = await SessionAsync(App, AgentNorth);
        var id = await CreateAsync(App, agent);
        var upload = JpegWithGps();
        Contains(upload, Ascii("Exif")).ShouldBeTrue();

        using var response = await SendRawAsync(App, $"/api/v1/referrals/{id}/photos", agent, ReferralApiTests<TApp>.PhotoContent(upload));

        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        var photo = await JsonAsync(response);
        photo.GetProperty("removedMetadata").GetString()!.ShouldContain("Exif");
        var photoId = photo.GetProperty("id").GetGuid();

        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var directory = scope.ServiceProvider.GetRequiredService<PhotoService>().Directory;
            directory.ShouldStartWith(App.Factory.Database.DataDirectory);
            var file = Directory.GetFiles(directory).Single(f => f.Contains(photoId.ToString("N"), StringComparison.Ordinal));
            var stored = await File.ReadAllBytesAsync(file, Ct);
            Contains(stored, Ascii("Exif")).ShouldBeFalse();
            Contains(stored, [0, 0, 0, 52, 0, 0, 0, 1]).ShouldBeFalse(); // the latitude rational is gone
            stored[..2].ShouldBe(new byte[] { 0xFF, 0xD8 });
        }

        using var served = await SendAsync(App, HttpMethod.Get, $"/api/v1/referrals/{id}/photos/{photoId}", agent);
        served.StatusCode.ShouldBe(HttpStatusCode.OK);
        served.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        served.Headers.CacheControl!.NoStore.ShouldBeTrue();
        Contains(await served.Content.ReadAsByteArrayAsync(Ct), Ascii("Exif")).ShouldBeFalse();

        (await SendAsync(App, HttpMethod.Get, $"/api/v1/referrals/{id}/photos/{photoId}", new Sender(null, null))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await SendAsync(App, HttpMethod.Get, $"/api/v1/referrals/{id}/photos/{photoId}", await SessionAsync(App, AgentSouth))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SendAsync(App, HttpMethod.Get, $"/api/v1/referrals/{id}/photos/{photoId}", ApiKeyOf(Roles.RepairNetworkClerk))).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var client = App.CreateClient();
        (await client.GetAsync($"/referrals/photos/{photoId:N}.jpg", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    [Trait("Promise", "A9")]
    public async Task Only_images_are_accepted_and_at_most_five_per_referral()
    {
        var agent = await SessionAsync(App, AgentNorth);
        var id = await CreateAsync(App, agent);

        using var pdf = await SendRawAsync(App, $"/api/v1/referrals/{id}/photos", agent, ReferralApiTests<TApp>.PhotoContent(Ascii("%PDF-1.4 kein Bild"), "ausweis.pdf"));
        pdf.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(pdf)).GetProperty("errors").GetProperty("file")[0].GetString().ShouldNotBeNullOrWhiteSpace();

        for (var i = 0; i < 5; i++)
        {
            (await SendRawAsync(App, $"/api/v1/referrals/{id}/photos", agent, ReferralApiTests<TApp>.PhotoContent(JpegWithGps()))).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using var sixth = await SendRawAsync(App, $"/api/v1/referrals/{id}/photos", agent, ReferralApiTests<TApp>.PhotoContent(JpegWithGps()));
        sixth.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(sixth)).GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("höchstens 5");
    }

    [Fact]
    [Trait("Promise", "A13")]
    public async Task Postkorb_tickets_thread_between_agency_and_repair_network_and_notify_without_content()
    {
        var agent = await SessionAsync(App, AgentNorth);
        var clerk = await SessionAsync(App, Clerk);
        var id = await CreateAsync(App, agent);
        var mailDirectory = Path.Combine(App.Factory.Database.DataDirectory, "mail");
        var mailsBefore = Directory.Exists(mailDirectory) ? Directory.GetFiles(mailDirectory).Length : 0;

        using var opened = await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/messages", agent,
            new { subject = "Terminwunsch ändern", body = "Die Kundin bittet um einen Termin am Nachmittag." });
        opened.StatusCode.ShouldBe(HttpStatusCode.Created);
        var ticket = await JsonAsync(opened);
        ticket.GetProperty("state").GetString().ShouldBe("offen");
        var ticketId = ticket.GetProperty("id").GetGuid();

        using var reply = await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/messages", clerk, new { ticketId, body = "Termin am Donnerstag, 15 Uhr, ist eingetragen." });
        (await JsonAsync(reply)).GetProperty("state").GetString().ShouldBe("beantwortet");

        using var list = await SendAsync(App, HttpMethod.Get, $"/api/v1/referrals/{id}/messages", agent);
        var thread = (await JsonAsync(list)).EnumerateArray().Single();
        thread.GetProperty("messages").GetArrayLength().ShouldBe(2);

        var mails = Directory.GetFiles(mailDirectory).OrderBy(f => f).Skip(mailsBefore).Select(File.ReadAllText).ToList();
        mails.Count.ShouldBeGreaterThanOrEqualTo(2);
        mails.ShouldAllBe(m => !m.Contains("Termin", StringComparison.Ordinal) && !m.Contains("Musterfrau", StringComparison.Ordinal));
        mails.ShouldContain(m => m.Contains($"/vermittlung/{id}", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Promise", "A13")]
    public async Task Special_category_data_is_refused_and_unnecessary_data_needs_confirmation()
    {
        var agent = await SessionAsync(App, AgentNorth);
        var id = await CreateAsync(App, agent);

        using var special = await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/messages", agent, new { subject = "Hinweis", body = "Der Kunde ist schwerhörig." });
        special.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(special)).GetProperty("errors").GetProperty("body")[0].GetString()!.ShouldContain("Art. 9 DSGVO");

        using var specialSubject = await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/messages", agent, new { subject = "Kunde im Rollstuhl", body = "Bitte beachten." });
        (await JsonAsync(specialSubject)).GetProperty("errors").GetProperty("subject")[0].GetString()!.ShouldContain("Art. 9 DSGVO");

        var iban = new { subject = "Erstattung", body = "Bitte an DE89 3704 0044 0532 0130 00 überweisen." };
        using var warned = await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/messages", agent, iban);
        warned.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(warned)).GetProperty("warnings")[0].GetString()!.ShouldContain("IBAN");
        (await StoredAsync(App, db => db.Tickets.CountAsync(t => t.ReferralId == id, Ct))).ShouldBe(0);

        using var confirmed = await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/messages", agent, new { iban.subject, iban.body, acknowledgeWarnings = true });
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    [Trait("Promise", "A13")]
    public async Task A_closed_ticket_takes_no_more_replies()
    {
        var agent = await SessionAsync(App, AgentNorth);
        var id = await CreateAsync(App, agent);
        using var opened = await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/messages", agent, new { subject = "Frage", body = "Ist ein Termin frei?" });
        var ticketId = (await JsonAsync(opened)).GetProperty("id").GetGuid();

        using var closed = await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/messages", agent, new { ticketId, close = true });
        (await JsonAsync(closed)).GetProperty("state").GetString().ShouldBe("geschlossen");
        (await SendAsync(App, HttpMethod.Post, $"/api/v1/referrals/{id}/messages", agent, new { ticketId, body = "Noch etwas" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}

public sealed class PhotoAndPostkorbTestsSqlite(SqliteApp app) : PhotoAndPostkorbTests<SqliteApp>(app);

public sealed class PhotoAndPostkorbTestsPostgres(PostgresApp app) : PhotoAndPostkorbTests<PostgresApp>(app);
