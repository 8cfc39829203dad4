using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Glasklar.Platform.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace Glasklar.Claims;

/// <summary>
/// Encryption at rest for health data, bank details, receipts and the policyholder's birth date
/// (ASP.NET Core Data Protection, one purpose per kind of datum so a value cannot be moved between columns).
/// Files (receipts) are sealed with AES-256-GCM under a fresh key per file, and only that key goes through
/// Data Protection: Data Protection's own scheme (AES-CBC plus HMAC, several copies of the payload) cost a
/// claim with three 1 MB receipts more CPU than everything else (ADR 0030).
/// </summary>
internal sealed class ClaimsProtector(IDataProtectionProvider provider)
{
    public const string Health = "Glasklar.Claims.Health.v1";
    public const string Bank = "Glasklar.Claims.Bank.v1";
    public const string Receipt = "Glasklar.Claims.Receipt.v1";
    public const string BirthDate = "Glasklar.Claims.PolicyholderBirthDate.v1";
    public const string Draft = "Glasklar.Claims.Draft.v1";

    /// <summary>"GKS1": a sealed file. Data Protection payloads start with 09 F0 C9 F0, so old rows stay readable.</summary>
    private static ReadOnlySpan<byte> Magic => "GKS1"u8;

    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public string Protect(string purpose, string value) => provider.CreateProtector(purpose).Protect(value);

    public string Unprotect(string purpose, string value) => provider.CreateProtector(purpose).Unprotect(value);

    /// <summary>
    /// Layout: magic, length of the wrapped key (2 bytes), the file key wrapped by Data Protection under
    /// <paramref name="purpose"/>, nonce, tag, ciphertext. The header up to the nonce is authenticated too.
    /// The result lives in a pooled aligned buffer (a receipt is a megabyte, and fresh large arrays cost page faults;
    /// <see cref="DurableFile"/> writes it without the page cache): write it out, then dispose it.
    /// </summary>
    public AlignedBuffer Seal(string purpose, ReadOnlySpan<byte> value)
    {
        Span<byte> key = stackalloc byte[KeySize];
        RandomNumberGenerator.Fill(key);
        try
        {
            var wrapped = provider.CreateProtector(purpose).Protect(key.ToArray());
            var header = Magic.Length + 2 + wrapped.Length;
            var length = header + NonceSize + TagSize + value.Length;
            var buffer = AlignedBuffer.Rent(length);
            var sealedFile = buffer.Span;
            Magic.CopyTo(sealedFile);
            BinaryPrimitives.WriteUInt16BigEndian(sealedFile[Magic.Length..], checked((ushort)wrapped.Length));
            wrapped.CopyTo(sealedFile[(Magic.Length + 2)..]);
            var nonce = sealedFile.Slice(header, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(key, TagSize);
            aes.Encrypt(nonce, value, sealedFile[(header + NonceSize + TagSize)..], sealedFile.Slice(header + NonceSize, TagSize), sealedFile[..header]);
            return buffer;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary><see cref="Seal"/> into an array of its own.</summary>
    public byte[] ProtectBytes(string purpose, ReadOnlySpan<byte> value)
    {
        using var sealedBytes = Seal(purpose, value);
        return sealedBytes.Span.ToArray();
    }

    /// <summary>Opens a sealed file, or a value Data Protection encrypted whole (rows from before ADR 0030).</summary>
    /// <exception cref="CryptographicException">Wrong purpose, unknown key or altered bytes.</exception>
    public byte[] UnprotectBytes(string purpose, byte[] value)
    {
        if (!value.AsSpan().StartsWith(Magic))
        {
            return provider.CreateProtector(purpose).Unprotect(value);
        }

        if (value.Length < Magic.Length + 2)
        {
            throw new CryptographicException("Die verschlüsselte Datei ist unvollständig.");
        }

        var header = Magic.Length + 2 + BinaryPrimitives.ReadUInt16BigEndian(value.AsSpan(Magic.Length));
        if (value.Length < header + NonceSize + TagSize)
        {
            throw new CryptographicException("Die verschlüsselte Datei ist unvollständig.");
        }

        var key = provider.CreateProtector(purpose).Unprotect(value[(Magic.Length + 2)..header]);
        try
        {
            if (key.Length != KeySize)
            {
                throw new CryptographicException("Der Dateischlüssel hat die falsche Länge.");
            }

            var plain = GC.AllocateUninitializedArray<byte>(value.Length - header - NonceSize - TagSize);
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(value.AsSpan(header, NonceSize), value.AsSpan(header + NonceSize + TagSize), value.AsSpan(header + NonceSize, TagSize), plain, value.AsSpan(0, header));
            return plain;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public static string Utf8(byte[] value) => Encoding.UTF8.GetString(value);
}

