using System.Security.Cryptography;
using System.Text;

namespace Glasklar.Platform.Identity.RecoveryCodes;

/// <summary>Fresh codes: show <see cref="Codes"/> once, store only <see cref="Hashes"/> (same order).</summary>
internal sealed record RecoveryCodeSet(IReadOnlyList<string> Codes, IReadOnlyList<string> Hashes);

internal enum RecoveryCodeRejection
{
    /// <summary>Not ten characters of the code alphabet after normalising.</summary>
    Malformed,

    /// <summary>Well-formed, but none of the unused codes.</summary>
    NoMatch,
}

/// <summary>
/// Outcome of <see cref="RecoveryCodeCredential.VerifyAndConsume"/>. On success <see cref="MatchedIndex"/> is the
/// position of the used code and <see cref="Remaining"/> the stored list with that position set to null;
/// persist it (or mark that row used) in the same transaction as the login.
/// </summary>
internal sealed record RecoveryCodeCheck(int? MatchedIndex, IReadOnlyList<string?> Remaining, RecoveryCodeRejection? Rejection)
{
    public bool Matched => MatchedIndex is not null;
}

/// <summary>
/// Single-use recovery codes for when the authenticator is lost. A code is ten characters of Crockford's
/// Base32 alphabet (no I, L, O, U; typed O/I/L are read as 0/1/1), shown as <c>xxxx-xxxx-xx</c>: 50 bits.
/// <para>
/// Storage: PBKDF2-HMAC-SHA256 with a 16-byte salt per code. 50 bits are plenty online (login is rate
/// limited) but not against a stolen database with a fast hash — 2^50 SHA-256 runs are days on one GPU.
/// 10,000 PBKDF2 iterations add about 2^13 per guess, putting a code out of reach, while checking all ten
/// codes stays a few tens of milliseconds.
/// </para>
/// </summary>
internal static class RecoveryCodeCredential
{
    public const int Count = 10;
    public const int Length = 10;
    public const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    private const string Scheme = "pbkdf2-sha256";
    private const int Iterations = 10_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static RecoveryCodeSet Generate()
    {
        var codes = new List<string>(Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < Count)
        {
            var raw = RandomNumberGenerator.GetString(Alphabet, Length);
            if (seen.Add(raw))
            {
                codes.Add(Format(raw));
            }
        }

        return new RecoveryCodeSet(codes, [.. codes.Select(Hash)]);
    }

    /// <summary>Groups ten characters as <c>xxxx-xxxx-xx</c> for display.</summary>
    public static string Format(string normalised) => $"{normalised[..4]}-{normalised[4..8]}-{normalised[8..]}";

    /// <summary>Hash of one code in the storage format <c>pbkdf2-sha256$iterations$salt$hash</c> (Base64).</summary>
    public static string Hash(string code)
    {
        if (!TryNormalise(code, out var normalised))
        {
            throw new ArgumentException("Kein gültiger Wiederherstellungscode.", nameof(code));
        }

        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(normalised, salt, Iterations);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>
    /// Checks a typed code against the stored hashes (null = already used). Every unused hash is derived and
    /// compared in constant time, so the time taken does not tell which position matched.
    /// </summary>
    public static RecoveryCodeCheck VerifyAndConsume(string? input, IReadOnlyList<string?> storedHashes)
    {
        if (!TryNormalise(input, out var normalised))
        {
            return new RecoveryCodeCheck(null, storedHashes, RecoveryCodeRejection.Malformed);
        }

        int? matched = null;
        for (var i = 0; i < storedHashes.Count; i++)
        {
            if (storedHashes[i] is not { } stored || !TryParse(stored, out var iterations, out var salt, out var expected))
            {
                continue;
            }

            var actual = Derive(normalised, salt, iterations);
            if (CryptographicOperations.FixedTimeEquals(actual, expected) && matched is null)
            {
                matched = i;
            }
        }

        if (matched is not { } index)
        {
            return new RecoveryCodeCheck(null, storedHashes, RecoveryCodeRejection.NoMatch);
        }

        var remaining = storedHashes.ToArray();
        remaining[index] = null;
        return new RecoveryCodeCheck(index, remaining, null);
    }

    /// <summary>Lower case, without spaces and hyphens; O→0, I/L→1 as in Crockford's alphabet.</summary>
    public static bool TryNormalise(string? input, out string normalised)
    {
        normalised = "";
        if (input is null)
        {
            return false;
        }

        var builder = new StringBuilder(Length);
        foreach (var raw in input)
        {
            if (char.IsWhiteSpace(raw) || raw is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013')
            {
                continue;
            }

            var c = char.ToLowerInvariant(raw) switch
            {
                'o' => '0',
                'i' or 'l' => '1',
                var other => other,
            };
            if (!Alphabet.Contains(c, StringComparison.Ordinal) || builder.Length == Length)
            {
                return false;
            }

            builder.Append(c);
        }

        normalised = builder.ToString();
        return normalised.Length == Length;
    }

    private static byte[] Derive(string normalised, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.ASCII.GetBytes(normalised), salt, iterations, HashAlgorithmName.SHA256, HashBytes);

    private static bool TryParse(string stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = [];
        hash = [];
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme ||
            !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out iterations) ||
            iterations < 1)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        return hash.Length == HashBytes;
    }
}
