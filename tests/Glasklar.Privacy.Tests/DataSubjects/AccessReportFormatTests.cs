using System.Text;
using System.Text.Json;
using Glasklar.Privacy.DataSubjects;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace Glasklar.Privacy.Tests.DataSubjects;

/// <summary>The three report formats on a stream of data (no database needed): JSON, HTML and PDF.</summary>
[Trait("Promise", "X7")]
[Trait("Promise", "B14")]
public sealed class AccessReportFormatTests
{
    private static readonly AccessReportHeader Header = new(new DataSubject(Email: "kunde@example.invalid"),
        new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero), "Testbetreiber", "Datenschutz Test", "dsb@example.invalid");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Json_carries_every_datum_with_its_provenance_and_streams_large_reports()
    {
        using var output = new MemoryStream();
        var count = await AccessReportJson.WriteAsync(output, Header, Data(12_345), Ct);

        count.ShouldBe(12_345);
        using var json = JsonDocument.Parse(output.ToArray());
        var root = json.RootElement;
        root.GetProperty("format").GetString().ShouldBe("glasklar-auskunft/1");
        root.GetProperty("anzahl").GetInt32().ShouldBe(12_345);
        root.GetProperty("betroffenePerson").GetProperty("email").GetString().ShouldBe("kunde@example.invalid");
        var first = root.GetProperty("daten")[0];
        first.GetProperty("feld").GetString().ShouldBe("Feld 0");
        var provenance = first.GetProperty("herkunft");
        provenance.GetProperty("formular").GetString().ShouldBe("Schnellvermittlung");
        provenance.GetProperty("eingegebenVon").GetProperty("name").GetString().ShouldBe("Vera Vermittlerin");
        provenance.GetProperty("organisation").GetProperty("name").GetString().ShouldBe("Agentur Süd");
        provenance.GetProperty("eingegebenAm").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        root.GetProperty("daten")[1].GetProperty("herkunft").GetProperty("eingegebenVon").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Html_is_a_self_contained_german_page_with_encoded_values()
    {
        using var output = new MemoryStream();
        await AccessReportHtml.WriteAsync(output, Header, Data(3, value: "<script>alert(1)</script> Müller"), Ct);
        var html = Encoding.UTF8.GetString(output.ToArray());

        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldContain("<html lang=\"de\">");
        html.ShouldNotContain("<script>");
        html.ShouldNotContain("http");
        html.ShouldContain("Vera Vermittlerin");
        html.ShouldContain("Schnellvermittlung");
        html.ShouldContain("3 Angaben.");
    }

    [Fact]
    public async Task Pdf_opens_with_the_embedded_font_and_says_where_the_full_report_is_when_capped()
    {
        var (pdf, count) = await AccessReportPdf.CreateAsync(Header, Data(40), Ct);
        count.ShouldBe(40);
        Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        using (var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import))
        {
            document.PageCount.ShouldBeGreaterThanOrEqualTo(1);
            var fonts = document.Pages[0].Resources.Elements.GetDictionary("/Font")!;
            var names = fonts.Elements.Values.Select(v => ((PdfDictionary)((PdfReference)v!).Value).Elements.GetName("/BaseFont")).ToList();
            names.ShouldNotBeEmpty();
            names.ShouldAllBe(n => n.Contains("+DejaVu Sans")); // "+": an embedded subset
        }

        var (capped, cappedCount) = await AccessReportPdf.CreateAsync(Header, Data(AccessReportPdf.MaxData + 5), Ct);
        cappedCount.ShouldBe(AccessReportPdf.MaxData);
        using var big = PdfReader.Open(new MemoryStream(capped), PdfDocumentOpenMode.Import);
        big.PageCount.ShouldBeGreaterThan(100);
    }

    private static async IAsyncEnumerable<ReportedDatum> Data(int count, string value = "Wert")
    {
        for (var i = 0; i < count; i++)
        {
            var byAgent = i % 2 == 0;
            var provenance = new Provenance("Vermittlung", "Schnellvermittlung", byAgent ? Guid.NewGuid() : null, byAgent ? Guid.NewGuid() : null,
                new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
            yield return new ReportedDatum("Vermittlung", new PersonalDatum("Vermittlung", $"referral:{i / 4}", $"Feld {i}", $"{value} {i}", provenance),
                byAgent ? "Vera Vermittlerin" : null, byAgent ? "Agentur Süd" : null);
            if (i % 1000 == 0)
            {
                await Task.Yield();
            }
        }
    }
}
