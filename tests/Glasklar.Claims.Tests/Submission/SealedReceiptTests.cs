using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Glasklar.Claims.Tests.Submission;

/// <summary>Receipt files are sealed with AES-256-GCM under a per-file key that Data Protection wraps (ADR 0030).</summary>
[Trait("Promise", "B2")]
public sealed class SealedReceiptTests : IDisposable
{
    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("glasklar-sealed-");

    private IDataProtectionProvider Keys() => DataProtectionProvider.Create(_keys, b => b.SetApplicationName("glasklar"));

    private static byte[] Receipt() => Encoding.ASCII.GetBytes("%PDF-1.4\n% Rechnung Dr. Beispiel, Diagnose J06.9\n" + new string('x', 100_000) + "\n%%EOF\n");

    [Fact]
    public void A_sealed_receipt_shows_nothing_of_the_file_and_opens_to_the_same_bytes()
    {
        var protector = new ClaimsProtector(Keys());
        var receipt = Receipt();

        var stored = protector.ProtectBytes(ClaimsProtector.Receipt, receipt);

        var raw = Encoding.Latin1.GetString(stored);
        raw.ShouldStartWith("GKS1");
        raw.ShouldNotContain("%PDF");
        raw.ShouldNotContain("Diagnose");
        raw.ShouldNotContain("xxxxxxxx");
        protector.UnprotectBytes(ClaimsProtector.Receipt, stored).ShouldBe(receipt);
    }

    [Fact]
    public void The_same_file_sealed_twice_gives_different_bytes()
    {
        var protector = new ClaimsProtector(Keys());
        var receipt = Receipt();

        protector.ProtectBytes(ClaimsProtector.Receipt, receipt).ShouldNotBe(protector.ProtectBytes(ClaimsProtector.Receipt, receipt));
    }

    [Theory]
    [InlineData("wrapped key")]
    [InlineData("tag")]
    [InlineData("ciphertext")]
    public void An_altered_byte_anywhere_is_refused(string where)
    {
        var protector = new ClaimsProtector(Keys());
        var receipt = Receipt();
        var stored = protector.ProtectBytes(ClaimsProtector.Receipt, receipt);
        var position = where switch
        {
            "wrapped key" => 10,
            "tag" => stored.Length - receipt.Length - 1,
            _ => stored.Length - 1,
        };
        stored[position] ^= 0x01;

        Should.Throw<CryptographicException>(() => protector.UnprotectBytes(ClaimsProtector.Receipt, stored));
    }

    [Fact]
    public void Another_purpose_or_another_key_ring_cannot_open_it()
    {
        var stored = new ClaimsProtector(Keys()).ProtectBytes(ClaimsProtector.Receipt, Receipt());

        Should.Throw<CryptographicException>(() => new ClaimsProtector(Keys()).UnprotectBytes(ClaimsProtector.Health, stored));
        var otherRing = Directory.CreateTempSubdirectory("glasklar-sealed-other-");
        try
        {
            var stranger = new ClaimsProtector(DataProtectionProvider.Create(otherRing, b => b.SetApplicationName("glasklar")));
            Should.Throw<CryptographicException>(() => stranger.UnprotectBytes(ClaimsProtector.Receipt, stored));
        }
        finally
        {
            otherRing.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_receipt_stored_before_sealing_still_opens()
    {
        var receipt = Receipt();
        var old = Keys().CreateProtector(ClaimsProtector.Receipt).Protect(receipt);

        new ClaimsProtector(Keys()).UnprotectBytes(ClaimsProtector.Receipt, old).ShouldBe(receipt);
    }

    public void Dispose() => _keys.Delete(recursive: true);
}
