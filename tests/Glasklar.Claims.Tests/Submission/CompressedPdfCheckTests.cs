using System.Text;
using Glasklar.Claims.Submission;

namespace Glasklar.Claims.Tests.Submission;

/// <summary>
/// PDF 1.5 hides dictionaries in compressed object streams and may carry streams that inflate without bound;
/// the receipt check looks inside them (B2: nothing active, nothing hidden in a receipt).
/// </summary>
[Trait("Promise", "B2")]
public sealed class CompressedPdfCheckTests
{
    private static readonly InflateLimits Small = new(PerStream: 2 * 1024 * 1024, Total: 5 * 1024 * 1024, ObjectStream: 1024 * 1024);

    [Fact]
    public void A_pdf_written_by_pdfsharp_with_compressed_streams_and_an_embedded_font_is_accepted()
    {
        var pdf = TestPdfSamples.PdfSharpInvoice();
        Encoding.ASCII.GetString(pdf).ShouldContain("/FlateDecode");
        PdfReceiptCheck.Check(pdf).ShouldBeNull();
    }

    [Fact]
    public void A_clean_pdf_with_an_object_stream_and_a_compressed_xref_stream_is_accepted() =>
        PdfReceiptCheck.Check(TestPdf.WithCatalog().Stream(3, "/Filter /FlateDecode", TestPdf.Deflate(TestPdf.Ascii("BT /F1 11 Tf (Rechnung) Tj ET"))).Build())
            .ShouldBeNull();

    [Fact]
    public void A_javascript_action_inside_an_object_stream_is_refused()
    {
        var pdf = TestPdfSamples.ScriptInObjectStream();
        Encoding.ASCII.GetString(pdf).ShouldNotContain("JavaScript"); // invisible to a search of the raw bytes
        PdfReceiptCheck.Check(pdf).ShouldBe(PdfReceiptCheck.ActiveContent);
    }

    [Fact]
    public void An_embedded_file_named_only_inside_an_object_stream_is_refused()
    {
        var pdf = TestPdfSamples.CompressedEmbeddedFile();
        Encoding.ASCII.GetString(pdf).ShouldNotContain("Embedded");
        PdfReceiptCheck.Check(pdf).ShouldBe(PdfReceiptCheck.ActiveContent);
    }

    [Theory]
    [InlineData("/N {0} /First {1} /Filter /FlateDecode")] // no /Type: readers need only /N and /First
    [InlineData("/Type /Obj#53tm /N {0} /First {1} /Filter /Fl")]
    [InlineData("/Type /ObjStm /N {0} /First {1} /Filter [/FlateDecode]")]
    [InlineData("/N {0} /First {1} /Lbl (x obj ) /Filter /FlateDecode")] // a fake "obj" keyword in a string
    public void Object_streams_are_searched_however_their_dictionary_is_written(string dictionary) =>
        PdfReceiptCheck.Check(new TestPdf { ObjectStreamDictionary = dictionary }.Compressed(1, "<< /Type /Catalog /OpenAction << /S /JavaScript /JS (x) >> >>").Build())
            .ShouldBe(PdfReceiptCheck.ActiveContent);

    [Fact]
    public void An_uncompressed_object_stream_is_searched_too() =>
        PdfReceiptCheck.Check(new TestPdf { ObjectStreamDictionary = "/Type /ObjStm /N {0} /First {1}", ObjectStreamEncoding = d => d }
            .Compressed(1, "<< /Type /Catalog /Names << /J#61vaScript 3 0 R >> >>").Build())
            .ShouldBe(PdfReceiptCheck.ActiveContent);

    [Fact]
    public void Encryption_named_inside_an_object_stream_is_refused() =>
        PdfReceiptCheck.Check(TestPdf.WithCatalog().Compressed(3, "<< /Encrypt 4 0 R >>").Build())!.ShouldContain("verschlüsselt");

    [Theory]
    [InlineData("/Type /ObjStm /N {0} /First {1} /Filter /ASCIIHexDecode")]
    [InlineData("/Type /ObjStm /N {0} /First {1} /Filter [/FlateDecode /ASCII85Decode]")]
    [InlineData("/Type /ObjStm /N {0} /First {1} /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>")]
    [InlineData("/Type /ObjStm /N {0} /First {1} /Filter 9 0 R")]
    public void An_object_stream_that_cannot_be_decoded_as_written_is_refused(string dictionary) =>
        PdfReceiptCheck.Check(new TestPdf { ObjectStreamDictionary = dictionary }.Compressed(1, "<< /Type /Catalog >>").Build())
            .ShouldBe(PdfStreams.Unreadable);

    [Fact]
    public void A_damaged_object_stream_is_refused_but_a_damaged_font_stream_is_not()
    {
        byte[] Damaged(byte[] data) => [0x12, 0x34, .. data.Skip(2)]; // a zlib header that fails its check
        PdfReceiptCheck.Check(new TestPdf { ObjectStreamEncoding = d => Damaged(TestPdf.Deflate(d)) }.Compressed(1, "<< /Type /Catalog >>").Build())
            .ShouldBe(PdfStreams.Unreadable);
        var font = TestPdf.Deflate(Enumerable.Range(0, 4000).Select(i => (byte)(i * 7919 % 251)).ToArray());
        PdfReceiptCheck.Check(TestPdf.WithCatalog().Stream(3, "/Length1 4000 /Filter /FlateDecode", Damaged(font)).Build()).ShouldBeNull();
    }

    [Fact]
    public void One_stream_that_inflates_beyond_the_limit_is_refused_as_a_zip_bomb()
    {
        PdfReceiptCheck.Check(TestPdfSamples.ZipBomb(2 * 1024 * 1024), Small).ShouldBeNull();
        PdfReceiptCheck.Check(TestPdfSamples.ZipBomb((2 * 1024 * 1024) + 1), Small).ShouldBe(PdfStreams.Bomb);
    }

    [Fact]
    public void Many_streams_that_together_inflate_beyond_the_limit_are_refused_as_a_zip_bomb()
    {
        var megabyte = TestPdf.DeflatedZeros(1024 * 1024);
        var pdf = TestPdf.WithCatalog();
        for (var i = 0; i < 4; i++)
        {
            pdf.Stream(3 + i, "/Filter /FlateDecode", megabyte);
        }

        PdfReceiptCheck.Check(pdf.Build(), Small).ShouldBeNull();
        PdfReceiptCheck.Check(pdf.Stream(9, "/Filter /FlateDecode", megabyte).Build(), Small).ShouldBe(PdfStreams.Bomb);
    }

    [Fact]
    public void An_object_stream_larger_than_its_own_limit_is_refused()
    {
        var big = new TestPdf().Compressed(1, "<< /Type /Catalog /Padding (" + new string('x', (1024 * 1024) + 1) + ") >>").Build();
        PdfReceiptCheck.Check(big, Small).ShouldBe(PdfStreams.Bomb);
    }

    [Fact]
    public void A_file_of_more_stream_dictionaries_than_any_receipt_has_is_refused()
    {
        var body = new StringBuilder();
        for (var i = 0; i <= PdfStreams.MaxStreams; i++)
        {
            body.Append("1 0 obj <<>>stream\nx\nendstream endobj\n");
        }

        PdfReceiptCheck.Check(Encoding.ASCII.GetBytes("%PDF-1.4\n" + body + "%%EOF\n")).ShouldBe(PdfStreams.Unreadable);
    }
}
