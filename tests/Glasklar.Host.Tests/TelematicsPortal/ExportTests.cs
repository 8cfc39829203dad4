using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Telematics.Exports;
using Glasklar.Telematics.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.TelematicsPortal;

/// <summary>Route exports as CSV, PDF and GPX: at once for a short window, as a background job with progress for a long one.</summary>
[Trait("Promise", "C15")]
public abstract class ExportTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    private static readonly DateTime Day = DateTime.UtcNow.Date.AddDays(-3);

    [Fact]
    public async Task A_short_window_is_downloaded_at_once_as_csv_gpx_and_pdf()
    {
        var customer = await PortalTestData.CustomerAsync(App);
        await PortalTestData.SubmitAsync(App, customer, PortalTestData.Drive(Day.AddHours(7), PortalTestData.StartLatitude, (60, 36)));
        var browser = customer.Browser(App);
        await browser.GetAsync("/telematik/exporte");

        var csv = await PostAsync(browser, "csv", Day, Day);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        csv.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"fahrten-{Day:yyyy-MM-dd}-{Day:yyyy-MM-dd}.csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync(Ct);
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe(ExportWriters.CsvHeader);
        lines.Length.ShouldBe(1 + 150);
        var first = lines[1].Split(';');
        first.Length.ShouldBe(9);
        first[0].ShouldBe(customer.VehicleId);
        first[1].ShouldBe(Day.AddHours(7).ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture));
        first[2].ShouldStartWith("51,18"); // German decimal comma
        first[5].ShouldBe("36,0");
        first[8].ShouldBe("ja");

        var gpx = await PostAsync(browser, "gpx", Day, Day);
        gpx.Content.Headers.ContentType!.MediaType.ShouldBe("application/gpx+xml");
        var points = ReadGpx(await gpx.Content.ReadAsStreamAsync(Ct), customer.VehicleId);
        points.Count.ShouldBe(150);
        points[0].Lat.ShouldBe(51.18 + (10 / 111_320.0), 1e-6);
        points[0].Time.ShouldBe(Day.AddHours(7));

        var pdf = await PostAsync(browser, "pdf", Day, Day);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        using var document = PdfSharp.Pdf.IO.PdfReader.Open(await pdf.Content.ReadAsStreamAsync(Ct), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        document.PageCount.ShouldBeGreaterThanOrEqualTo(2); // 150 rows at 11 pt do not fit on one page
    }

    [Fact]
    [Trait("Promise", "C16")]
    public async Task A_long_window_runs_as_a_job_with_progress_only_the_owner_can_fetch_it_and_it_is_deleted_after_download()
    {
        var customer = await PortalTestData.CustomerAsync(App);
        var other = await PortalTestData.CustomerAsync(App);
        var from = Day.AddDays(-10);
        foreach (var day in new[] { from, from.AddDays(5), Day })
        {
            await PortalTestData.SubmitAsync(App, customer, PortalTestData.Drive(day.AddHours(12), PortalTestData.StartLatitude, (100, 30)));
        }

        var browser = customer.Browser(App);
        await browser.GetAsync("/telematik/exporte");
        var queued = await PostAsync(browser, "gpx", from, Day);
        queued.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var jobPath = queued.Headers.Location!.OriginalString;
        jobPath.ShouldStartWith("/telematik/exporte/");
        var jobId = Guid.Parse(jobPath["/telematik/exporte/".Length..]);

        using var progressPage = await browser.GetAsync(jobPath);
        progressPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.LastPage!.QuerySelector("progress[max='100']").ShouldNotBeNull();
        browser.LastPage.QuerySelector($"script[src='{PortalModule.ScriptPath}']").ShouldNotBeNull();
        browser.LastPage.QuerySelector("[data-export-status]")!.GetAttribute("data-export-status").ShouldBe($"{jobPath}?handler=Status");

        JsonElement status = default;
        for (var i = 0; i < 100; i++)
        {
            using var poll = await browser.GetAsync($"{jobPath}?handler=Status");
            poll.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
            poll.Headers.CacheControl!.NoStore.ShouldBeTrue();
            status = JsonDocument.Parse(await poll.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
            if (status.GetProperty("status").GetString() is "fertig" or "fehlgeschlagen")
            {
                break;
            }

            await Task.Delay(200, Ct);
        }

        status.GetProperty("status").GetString().ShouldBe("fertig");
        status.GetProperty("percent").GetInt32().ShouldBe(100);
        status.GetProperty("total").GetInt64().ShouldBe(3 * 190);

        // Someone else learns nothing: page, status and file are 404.
        using var otherClient = App.CreateClient();
        foreach (var path in new[] { jobPath, $"{jobPath}?handler=Status", $"{jobPath}?handler=Datei" })
        {
            using var foreign = await otherClient.SendAsync(TestLogins.Get(path, other.Cookie), Ct);
            foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        }

        var file = App.Factory.Services.GetRequiredService<ExportFiles>();
        var stored = Path.Combine(file.Directory, $"{jobId:N}.gpx");
        File.Exists(stored).ShouldBeTrue();
        using (var download = await browser.GetAsync($"{jobPath}?handler=Datei"))
        {
            download.StatusCode.ShouldBe(HttpStatusCode.OK);
            download.Headers.CacheControl!.NoStore.ShouldBeTrue();
            var points = ReadGpx(await download.Content.ReadAsStreamAsync(Ct), customer.VehicleId);
            points.Count.ShouldBe(3 * 190);
        }

        for (var i = 0; i < 50 && File.Exists(stored); i++)
        {
            await Task.Delay(100, Ct);
        }

        File.Exists(stored).ShouldBeFalse();
        using var again = await browser.GetAsync($"{jobPath}?handler=Datei");
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PortalTestData.WithDbAsync(App, db => db.Set<ExportJob>().CountAsync(j => j.Id == jobId, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Bad_input_gets_german_errors_naming_the_field_and_no_job()
    {
        var customer = await PortalTestData.CustomerAsync(App);
        var browser = customer.Browser(App);
        await browser.GetAsync("/telematik/exporte");

        using var response = await browser.PostAsync("/telematik/exporte", new Dictionary<string, string>
        {
            ["von"] = Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["bis"] = Day.AddDays(-20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["format"] = "xls",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = browser.LastPage!.QuerySelectorAll("[data-testid=errors] li").ToDictionary(l => l.GetAttribute("data-field")!, l => l.TextContent);
        errors["format"].ShouldContain("CSV, PDF oder GPX");
        errors["bis"].ShouldContain("nicht vor dem Datum „von“");
        (await PortalTestData.WithDbAsync(App, db => db.Set<ExportJob>().CountAsync(j => j.CustomerUserId == customer.UserId, Ct))).ShouldBe(0);
    }

    private static async Task<HttpResponseMessage> PostAsync(FormClient browser, string format, DateTime from, DateTime to) =>
        await browser.PostAsync("/telematik/exporte", new Dictionary<string, string>
        {
            ["von"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["bis"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["format"] = format,
        });

    /// <summary>Reads a GPX 1.1 document with an XML reader and checks its structure: gpx/metadata, trk/name, trkseg/trkpt(lat, lon)/ele, time.</summary>
    private static List<(double Lat, double Lon, DateTime Time)> ReadGpx(Stream stream, string vehicle)
    {
        var doc = new XmlDocument();
        using (var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            doc.Load(reader);
        }

        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("g", ExportWriters.GpxNamespace);
        var root = doc.DocumentElement!;
        root.LocalName.ShouldBe("gpx");
        root.NamespaceURI.ShouldBe("http://www.topografix.com/GPX/1/1");
        root.GetAttribute("version").ShouldBe("1.1");
        root.GetAttribute("creator").ShouldNotBeNullOrEmpty();
        root.SelectSingleNode("g:metadata/g:time", ns).ShouldNotBeNull();
        root.SelectSingleNode("g:trk/g:name", ns)!.InnerText.ShouldBe(vehicle);
        var points = new List<(double, double, DateTime)>();
        foreach (XmlElement pt in root.SelectNodes("g:trk/g:trkseg/g:trkpt", ns)!)
        {
            var children = pt.ChildNodes.OfType<XmlElement>().Select(e => e.LocalName).ToList();
            children.ShouldBe(["ele", "time"]); // the order the GPX 1.1 schema prescribes
            points.Add((double.Parse(pt.GetAttribute("lat"), CultureInfo.InvariantCulture), double.Parse(pt.GetAttribute("lon"), CultureInfo.InvariantCulture),
                DateTime.Parse(pt["time"]!.InnerText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)));
        }

        return points;
    }
}

public sealed class ExportTestsSqlite(SqliteApp app) : ExportTests<SqliteApp>(app);

public sealed class ExportTestsPostgres(PostgresApp app) : ExportTests<PostgresApp>(app);
