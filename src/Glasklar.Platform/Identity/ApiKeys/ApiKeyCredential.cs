using System.Security.Cryptography;
using System.Text;
using Glasklar.Platform.Identity.TwoFactor;

namespace Glasklar.Platform.Identity.ApiKeys;

/// <summary>A new key: hand <see cref="Key"/> to the client once; store <see cref="Prefix"/> and <see cref="SecretHash"/>.</summary>
internal sealed record GeneratedApiKey(string Key, string Prefix, string SecretHash);

/// <summary>The two parts of a well-formed key: look the row up by <see cref="Prefix"/>, then verify <see cref="Secret"/>.</summary>
internal sealed record ApiKeyParts(string Prefix, string Secret);

internal enum ApiKeyRejection
{
    /// <summary>No header value at all.</summary>
    Missing,

    /// <summary>An Authorization header with another scheme (Bearer, Basic, …).</summary>
    WrongScheme,

    /// <summary>Not of the form <c>gk_&lt;prefix&gt;_&lt;secret&gt;</c>.</summary>
    Malformed,
}

internal sealed record ApiKeyParse(ApiKeyParts? Key, ApiKeyRejection? Rejection)
{
    public bool Ok => Key is not null;

    public static ApiKeyParse Reject(ApiKeyRejection reason) => new(null, reason);
}

/// <summary>
/// API keys for machine clients: <c>gk_&lt;prefix&gt;_&lt;secret&gt;</c> in lower-case RFC 4648 Base32
/// (no "_" or "-" inside the parts, so the key splits unambiguously and survives double-click selection).
/// The prefix (40 random bits) is stored in clear for lookup; the secret has 256 bits.
/// </summary>
internal static class ApiKeyCredential
{
    public const string Scheme = "ApiKey";
    public const string KeyPrefix = "gk";
    public const int PrefixBytes = 5;
    public const int SecretBytes = 32;

    // Base32 without padding: 5 bytes → 8 characters, 32 bytes → 52 characters.
    private const int PrefixChars = 8;
    private const int SecretChars = 52;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static GeneratedApiKey Generate() =>
        FromRandomBytes(RandomNumberGenerator.GetBytes(PrefixBytes), RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>Builds a key from given random bytes; <see cref="Generate"/> and the demo seeding use it.</summary>
    internal static GeneratedApiKey FromRandomBytes(ReadOnlySpan<byte> prefixBytes, ReadOnlySpan<byte> secretBytes)
    {
        if (prefixBytes.Length != PrefixBytes || secretBytes.Length != SecretBytes)
        {
            throw new ArgumentException($"Ein API-Schlüssel braucht {PrefixBytes} + {SecretBytes} zufällige Bytes.");
        }

        var prefix = Base32.Encode(prefixBytes, padding: false).ToLowerInvariant();
        var secret = Base32.Encode(secretBytes, padding: false).ToLowerInvariant();
        return new GeneratedApiKey($"{KeyPrefix}_{prefix}_{secret}", prefix, HashSecret(secret));
    }

    /// <summary>
    /// SHA-256 of the secret, lower-case hex. A fast hash is enough here: the secret is 256 random bits, so
    /// there is nothing to guess from a stolen hash, unlike a password; a slow hash would only make every API
    /// request expensive.
    /// </summary>
    public static string HashSecret(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    /// <summary>Compares the secret's hash with the stored one in constant time.</summary>
    public static bool Verify(ApiKeyParts key, string storedSecretHash)
    {
        byte[] expected;
        try
        {
            expected = Convert.FromHexString(storedSecretHash);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = SHA256.HashData(Encoding.ASCII.GetBytes(key.Secret));
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Parses the value of an <c>Authorization: ApiKey gk_…</c> header (scheme case-insensitive, RFC 9110).</summary>
    public static ApiKeyParse ParseAuthorizationHeader(string? headerValue)
    {
        if (string.IsNullOrWhiteSpace(headerValue))
        {
            return ApiKeyParse.Reject(ApiKeyRejection.Missing);
        }

        var value = headerValue.Trim();
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? value : value[..space];
        if (!scheme.Equals(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return ApiKeyParse.Reject(ApiKeyRejection.WrongScheme);
        }

        return space < 0 ? ApiKeyParse.Reject(ApiKeyRejection.Malformed) : Parse(value[(space + 1)..].Trim());
    }

    /// <summary>Parses a bare key <c>gk_&lt;8 chars&gt;_&lt;52 chars&gt;</c>; anything else is malformed.</summary>
    public static ApiKeyParse Parse(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return ApiKeyParse.Reject(ApiKeyRejection.Missing);
        }

        var parts = key.Split('_');
        if (parts.Length != 3 || parts[0] != KeyPrefix ||
            !IsEncoded(parts[1], PrefixChars) || !IsEncoded(parts[2], SecretChars))
        {
            return ApiKeyParse.Reject(ApiKeyRejection.Malformed);
        }

        return new ApiKeyParse(new ApiKeyParts(parts[1], parts[2]), null);
    }

    private static bool IsEncoded(string part, int length) =>
        part.Length == length && part.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}
