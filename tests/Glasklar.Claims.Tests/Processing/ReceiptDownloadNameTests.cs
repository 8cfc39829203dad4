using Glasklar.Claims.Processing;

namespace Glasklar.Claims.Tests.Processing;

/// <summary>Receipts are downloaded under a name that cannot bend the header and carries the extension of their content (B3).</summary>
[Trait("Promise", "B3")]
public sealed class ReceiptDownloadNameTests
{
    [Theory]
    [InlineData("rechnung.pdf", "application/pdf", "rechnung.pdf")]
    [InlineData("Scan.PDF", "application/pdf", "Scan.pdf")]
    [InlineData("rechnung.html", "application/pdf", "rechnung.html.pdf")]
    [InlineData("Zahnärztin Müller.png", "image/png", "Zahnärztin Müller.png")]
    [InlineData("foto.jpeg", "image/jpeg", "foto.jpg")]
    [InlineData("a\"b;c%d/e\\f.jpg", "image/jpeg", "a_b_c_d_e_f.jpg")]
    [InlineData(".pdf", "application/pdf", "beleg.pdf")]
    [InlineData("...", "image/png", "beleg.png")]
    public void The_name_keeps_letters_and_digits_and_ends_in_the_contents_extension(string stored, string contentType, string expected) =>
        ReceiptDownloadName.For(stored, contentType).ShouldBe(expected);

    [Fact]
    public void A_long_name_is_cut_before_the_extension() =>
        ReceiptDownloadName.For(new string('x', 300) + ".pdf", "application/pdf").ShouldBe(new string('x', 100) + ".pdf");
}
