using System.Text;
using Glasklar.Claims.Submission;

namespace Glasklar.Claims.Tests.Submission;

/// <summary>Receipts claiming to be PDFs are checked by content (B2: only documents the claim needs, nothing active).</summary>
[Trait("Promise", "B2")]
public sealed class PdfReceiptCheckTests
{
    internal static byte[] Pdf(string body = "") => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R " + body + " >> endobj\n"
        + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Fact]
    public void A_plain_pdf_is_accepted() => PdfReceiptCheck.Check(Pdf()).ShouldBeNull();

    [Fact]
    public void A_file_without_the_pdf_header_is_refused() =>
        PdfReceiptCheck.Check(Encoding.ASCII.GetBytes("Hallo, ich bin keine PDF-Datei.\n%%EOF"))!.ShouldContain("keine PDF-Datei");

    [Fact]
    public void Html_renamed_to_pdf_is_refused() =>
        PdfReceiptCheck.Check(Encoding.ASCII.GetBytes("<html><script>alert(1)</script></html>"))!.ShouldContain("keine PDF-Datei");

    [Fact]
    public void A_truncated_pdf_is_refused() =>
        PdfReceiptCheck.Check(Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >>"))!.ShouldContain("unvollständig");

    [Theory]
    [InlineData("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")]
    [InlineData("/AA << /O << /JS 5 0 R >> >>")]
    [InlineData("/Names << /EmbeddedFiles 3 0 R >>")]
    [InlineData("/Type /EmbeddedFile")]
    [InlineData("/OpenAction << /S /J#61vaScript >>")]
    [InlineData("/J#53 (x)")]
    [InlineData("/AcroForm << /Fields [] /XFA 7 0 R >>")]
    [InlineData("/Annots [<< /Subtype /RichMedia >>]")]
    public void Scripts_and_embedded_files_are_refused(string body) =>
        PdfReceiptCheck.Check(Pdf(body)).ShouldBe("Die PDF-Datei enthält Skripte oder eingebettete Dateien und wird deshalb nicht angenommen.");

    [Fact]
    public void Names_that_only_begin_like_js_are_no_script() => PdfReceiptCheck.Check(Pdf("/JSON (x) /Journal 1 /XFAX 2")).ShouldBeNull();

    [Fact]
    public void An_encrypted_pdf_is_refused() =>
        PdfReceiptCheck.Check(Pdf("/Encrypt 9 0 R"))!.ShouldContain("verschlüsselt");

    [Fact]
    public void A_pdf_over_15_mb_is_refused()
    {
        var big = new byte[PdfReceiptCheck.MaxBytes + 1];
        Pdf().CopyTo(big, 0);
        PdfReceiptCheck.Check(big).ShouldBe("Die PDF-Datei ist größer als 15 MB.");
    }

    [Fact]
    public void A_pdf_of_exactly_15_mb_is_accepted()
    {
        var header = Encoding.ASCII.GetBytes("%PDF-1.4\n");
        var tail = Encoding.ASCII.GetBytes("\n%%EOF\n");
        var file = new byte[PdfReceiptCheck.MaxBytes];
        Array.Fill(file, (byte)' ');
        header.CopyTo(file, 0);
        tail.CopyTo(file, file.Length - tail.Length);
        PdfReceiptCheck.Check(file).ShouldBeNull();
    }
}
