using System.Security.Cryptography;
using System.Text;
using Glasklar.Privacy.Pseudonyms;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Privacy.Tests.Pseudonyms;

[Trait("Promise", "X8")]
[Trait("Promise", "C14")]
public sealed class PseudonymDatasetTests : IDisposable
{
    private readonly PseudonymTestServices _services = new();

    [Fact]
    public void The_same_value_gets_the_same_pseudonym_within_a_dataset_and_different_values_differ()
    {
        using var dataset = _services.Pseudonyms.CreateDataset();

        var first = dataset.Pseudonymise("VIN WVWZZZ1JZXW000001");

        dataset.Pseudonymise("VIN WVWZZZ1JZXW000001").ShouldBe(first);
        dataset.Pseudonymise("VIN WVWZZZ1JZXW000002").ShouldNotBe(first);
        first.ShouldNotContain("WVWZZZ");
    }

    [Fact]
    public void A_pseudonym_is_160_bits_in_lower_case_base32()
    {
        using var dataset = _services.Pseudonyms.CreateDataset();

        var pseudonym = dataset.Pseudonymise("B-AB 1234");

        pseudonym.Length.ShouldBe(32); // 20 bytes * 8 / 5
        pseudonym.ShouldMatch("^[a-z2-7]{32}$");
    }

    [Fact]
    public void The_pseudonym_is_the_truncated_HMAC_SHA256_of_the_value_under_the_dataset_key()
    {
        using var dataset = _services.Pseudonyms.CreateDataset();
        var expected = HMACSHA256.HashData(dataset.KeyForTests, Encoding.UTF8.GetBytes("Versicherungsschein 4711"))[..20];

        var decoded = DecodeBase32(dataset.Pseudonymise("Versicherungsschein 4711"));

        decoded.ShouldBe(expected);
    }

    [Fact]
    public void Two_datasets_give_unrelated_pseudonyms_so_exports_cannot_be_joined()
    {
        using var first = _services.Pseudonyms.CreateDataset();
        using var second = _services.Pseudonyms.CreateDataset();
        var values = Enumerable.Range(0, 200).Select(i => $"claim-{i}").ToList();

        var inFirst = values.Select(first.Pseudonymise).ToHashSet();
        var inSecond = values.Select(second.Pseudonymise).ToHashSet();

        first.Id.ShouldNotBe(second.Id);
        first.KeyForTests.ShouldNotBe(second.KeyForTests);
        inFirst.Overlaps(inSecond).ShouldBeFalse();
    }

    [Fact]
    public void Completing_without_a_trustee_zeroes_the_key_and_returns_nothing_to_keep()
    {
        var dataset = _services.Pseudonyms.CreateDataset();
        var key = dataset.KeyForTests;
        dataset.Pseudonymise("x");
        key.ShouldContain(b => b != 0);

        var sealedKey = dataset.Complete(keepForTrustee: false);

        sealedKey.ShouldBeNull();
        key.ShouldAllBe(b => b == 0);
        dataset.IsCompleted.ShouldBeTrue();
        Should.Throw<ObjectDisposedException>(() => dataset.Pseudonymise("x"));
        Should.Throw<ObjectDisposedException>(() => dataset.Complete(keepForTrustee: true));
    }

    [Fact]
    public void Disposing_an_unfinished_dataset_zeroes_the_key()
    {
        var dataset = _services.Pseudonyms.CreateDataset();
        var key = dataset.KeyForTests;

        dataset.Dispose();

        key.ShouldAllBe(b => b == 0);
        Should.Throw<ObjectDisposedException>(() => dataset.Pseudonymise("x"));
    }

    [Fact]
    public void A_kept_key_lets_the_trustee_re_identify_and_is_zeroed_in_memory_all_the_same()
    {
        var dataset = _services.Pseudonyms.CreateDataset();
        var key = dataset.KeyForTests;
        var pseudonym = dataset.Pseudonymise("Kennzeichen M-XY 99");

        var sealedKey = dataset.Complete(keepForTrustee: true);

        key.ShouldAllBe(b => b == 0);
        sealedKey.ShouldNotBeNull();
        sealedKey.DatasetId.ShouldBe(dataset.Id);
        var opened = _services.Trustee.Open(sealedKey);
        opened.Succeeded.ShouldBeTrue(opened.Error);
        using var reopened = opened.Dataset;
        reopened.Id.ShouldBe(dataset.Id);
        reopened.Pseudonymise("Kennzeichen M-XY 99").ShouldBe(pseudonym);
    }

    [Fact]
    public void A_sealed_key_opens_only_for_its_own_dataset()
    {
        using var dataset = _services.Pseudonyms.CreateDataset();
        var sealedKey = dataset.Complete(keepForTrustee: true)!;

        var wrongDataset = _services.Trustee.Open(sealedKey with { DatasetId = Guid.NewGuid() });
        var garbage = _services.Trustee.Open(sealedKey with { ProtectedKey = "kein base64!" });

        wrongDataset.Succeeded.ShouldBeFalse();
        wrongDataset.Error.ShouldContain("Sie");
        garbage.Succeeded.ShouldBeFalse();
    }

    [Fact]
    public void A_sealed_key_cannot_be_opened_with_another_purpose_or_another_key_ring()
    {
        using var dataset = _services.Pseudonyms.CreateDataset();
        var sealedKey = dataset.Complete(keepForTrustee: true)!;
        var blob = Convert.FromBase64String(sealedKey.ProtectedKey);

        var otherPurpose = _services.Provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("Glasklar.Something.Else");
        Should.Throw<CryptographicException>(() => otherPurpose.Unprotect(blob));

        var keys = Directory.CreateTempSubdirectory("glasklar-foreign-keys-").FullName;
        try
        {
            using var foreign = PseudonymTestServices.Foreign(keys);
            foreign.GetRequiredService<IPseudonymTrustee>().Open(sealedKey).Succeeded.ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(keys, recursive: true);
        }
    }

    public void Dispose() => _services.Dispose();

    private static byte[] DecodeBase32(string text)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var bits = string.Concat(text.Select(c => Convert.ToString(alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        return Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
    }
}
