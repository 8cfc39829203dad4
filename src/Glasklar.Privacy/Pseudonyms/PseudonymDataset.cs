using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Glasklar.Privacy.Pseudonyms;

/// <summary>
/// One export's pseudonym key. <see cref="Pseudonymise"/> is HMAC-SHA256(key, UTF-8 value) truncated to
/// 160 bits, base32 (32 characters): deterministic inside the dataset, unlinkable across datasets, and
/// not reversible without the key. <see cref="Complete"/> zeroes the key.
/// </summary>
public sealed class PseudonymDataset : IDisposable
{
    public const int KeyBytes = 32;
    public const int PseudonymBytes = 20;

    private readonly byte[] _key;
    private readonly IDataProtector _protector;
    private readonly Lock _gate = new();
    private bool _completed;

    /// <summary>Takes ownership of <paramref name="key"/> (a pinned array, so the GC never leaves copies behind).</summary>
    internal PseudonymDataset(Guid id, byte[] key, IDataProtector protector)
    {
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"A pseudonym key has {KeyBytes} bytes.", nameof(key));
        }

        Id = id;
        _key = key;
        _protector = protector;
    }

    public Guid Id { get; }

    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _completed;
            }
        }
    }

    /// <summary>The live key array, so tests can watch it being zeroed.</summary>
    internal byte[] KeyForTests => _key;

    /// <summary>The pseudonym of <paramref name="value"/> (exact, ordinal: callers normalise first, e.g. upper-case plates).</summary>
    public string Pseudonymise(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_completed, this);
            HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value), mac);
        }

        return Base32.Encode(mac[..PseudonymBytes]);
    }

    /// <summary>
    /// Ends the dataset: the key is zeroed in memory. With <paramref name="keepForTrustee"/> the key is first
    /// sealed with Data Protection (purpose "Glasklar.Privacy.PseudonymKey" + dataset id) and returned;
    /// only <see cref="IPseudonymTrustee"/> can open it again. Without, re-identification is impossible.
    /// </summary>
    public SealedPseudonymKey? Complete(bool keepForTrustee)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_completed, this);
            try
            {
                return keepForTrustee ? new SealedPseudonymKey(Id, Convert.ToBase64String(_protector.Protect(_key))) : null;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(_key);
                _completed = true;
            }
        }
    }

    /// <summary>Destroys the key if <see cref="Complete"/> was not called (e.g. the export failed).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            CryptographicOperations.ZeroMemory(_key);
            _completed = true;
        }
    }
}
