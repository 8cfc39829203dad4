using System.Text;
using Glasklar.Privacy.DataSubjects;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Glasklar.Claims.Tests.Submission;

/// <summary>Receipts as PDFs that hide things in compressed streams, and one ordinary compressed PDF (shared with the HTTP tests).</summary>
internal static class TestPdfSamples
{
    internal static byte[] ScriptInObjectStream() =>
        TestPdf.WithCatalog("/OpenAction 3 0 R").Compressed(3, "<< /S /JavaScript /JS (app.alert('Beleg')) >>").Build();

    internal static byte[] CompressedEmbeddedFile() =>
        TestPdf.WithCatalog("/Names << /EmbeddedFiles << /Names [(rechnung.exe) 4 0 R] >> >>")
            .Compressed(4, "<< /Type /Filespec /F (rechnung.exe) /EF << /F 5 0 R >> >>")
            .Stream(5, "/Filter /FlateDecode", TestPdf.Deflate(Encoding.ASCII.GetBytes("MZ ... ein Programm")))
            .Build();

    internal static byte[] ZipBomb(long inflated) =>
        TestPdf.WithCatalog().Stream(3, "/Filter /FlateDecode", TestPdf.DeflatedZeros(inflated)).Build();

    internal static byte[] PdfSharpInvoice()
    {
        PdfFonts.Install();
        using var document = new PdfDocument();
        document.Options.CompressContentStreams = true;
        document.Info.Title = "Rechnung";
        var page = document.AddPage();
        using (var g = XGraphics.FromPdfPage(page))
        {
            var font = new XFont(PdfFonts.Family, 11, XFontStyleEx.Regular);
            g.DrawString("Praxis Dr. Beispiel – Rechnung Nr. 2026/117", font, XBrushes.Black, 50, 60);
            g.DrawString("Behandlung am 02.11.2026: 84,20 €", font, XBrushes.Black, 50, 80);
        }

        using var buffer = new MemoryStream();
        document.Save(buffer, false);
        return buffer.ToArray();
    }
}
