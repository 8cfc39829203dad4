using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Glasklar.Privacy.Pseudonyms;

/// <summary>Creates datasets with fresh keys and, for the trustee, re-opens sealed ones.</summary>
internal sealed class PseudonymService(IDataProtectionProvider protection) : IPseudonymService, IPseudonymTrustee
{
    public const string ProtectionPurpose = "Glasklar.Privacy.PseudonymKey";

    public PseudonymDataset CreateDataset()
    {
        var id = Guid.NewGuid();
        var key = GC.AllocateUninitializedArray<byte>(PseudonymDataset.KeyBytes, pinned: true);
        RandomNumberGenerator.Fill(key);
        return new PseudonymDataset(id, key, ProtectorFor(id));
    }

    public PseudonymKeyOpenResult Open(SealedPseudonymKey sealedKey)
    {
        ArgumentNullException.ThrowIfNull(sealedKey);
        var protector = ProtectorFor(sealedKey.DatasetId);
        byte[] unprotected;
        try
        {
            unprotected = protector.Unprotect(Convert.FromBase64String(sealedKey.ProtectedKey));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            // Wrong dataset id, altered blob, or a key ring that no longer holds the protecting key.
            return PseudonymKeyOpenResult.Failure(
                "Der Schlüssel dieses Datensatzes lässt sich nicht öffnen. Bitte prüfen Sie, ob Sie den richtigen Schlüssel zum richtigen Datensatz verwenden.");
        }

        var key = GC.AllocateUninitializedArray<byte>(unprotected.Length, pinned: true);
        unprotected.CopyTo(key);
        CryptographicOperations.ZeroMemory(unprotected);
        if (key.Length != PseudonymDataset.KeyBytes)
        {
            CryptographicOperations.ZeroMemory(key);
            return PseudonymKeyOpenResult.Failure("Der Schlüssel dieses Datensatzes ist beschädigt.");
        }

        return PseudonymKeyOpenResult.Success(new PseudonymDataset(sealedKey.DatasetId, key, protector));
    }

    // The dataset id is part of the purpose chain: a sealed key only opens for the dataset it was made for.
    private IDataProtector ProtectorFor(Guid datasetId) =>
        protection.CreateProtector(ProtectionPurpose, datasetId.ToString("N"));
}
