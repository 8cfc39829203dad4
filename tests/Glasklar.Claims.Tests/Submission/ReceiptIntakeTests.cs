using System.Text;
using Glasklar.Claims.Submission;
using Glasklar.Privacy.Images;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Claims.Tests.Submission;

/// <summary>Receipt type is decided by content; names lose their paths.</summary>
[Trait("Promise", "B2")]
public sealed class ReceiptIntakeTests
{
    private static ReceiptIntake Intake()
    {
        var services = new ServiceCollection().AddImageSanitizer().BuildServiceProvider();
        return new ReceiptIntake(services.GetRequiredService<IImageSanitizer>());
    }

    [Fact]
    public void A_text_file_named_pdf_is_refused_as_no_pdf()
    {
        var (receipt, error) = Intake().Accept("rechnung.pdf", Encoding.UTF8.GetBytes("nur Text"));
        receipt.ShouldBeNull();
        error!.ShouldContain("keine PDF-Datei");
    }

    [Fact]
    public void A_text_file_with_another_name_is_refused_as_unsupported()
    {
        var (receipt, error) = Intake().Accept("rechnung.txt", Encoding.UTF8.GetBytes("nur Text"));
        receipt.ShouldBeNull();
        error.ShouldBe("Belege nehmen wir als PDF, JPEG oder PNG an; diese Datei ist keines davon.");
    }

    [Fact]
    public void A_pdf_is_accepted_whatever_its_name_says()
    {
        var (receipt, error) = Intake().Accept("scan.bin", PdfReceiptCheckTests.Pdf());
        error.ShouldBeNull();
        receipt!.ContentType.ShouldBe("application/pdf");
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("C:\\Users\\x\\Beleg.pdf", "Beleg.pdf")]
    [InlineData("", "beleg")]
    public void File_names_lose_their_path(string name, string expected) => ReceiptIntake.SafeName(name).ShouldBe(expected);
}
