using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Glasklar.Platform.Identity.TwoFactor;

/// <summary>
/// HOTP (RFC 4226) and TOTP (RFC 6238) with the parameters every authenticator app understands:
/// HMAC-SHA-1, 6 digits, 30-second steps counted from the Unix epoch. SHA-1 is weak for collisions, not
/// as an HMAC, which is why RFC 6238's default is still the interoperable choice.
/// </summary>
internal static class Totp
{
    public const int Digits = 6;
    public const int StepSeconds = 30;

    /// <summary>Length of generated secrets: 160 bits, the HMAC-SHA-1 output size RFC 4226 recommends.</summary>
    public const int SecretBytes = 20;

    public static byte[] GenerateSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    /// <summary>The time step a moment falls into (floor division, so times before 1970 work too).</summary>
    public static long TimeStep(DateTimeOffset time)
    {
        var seconds = time.ToUnixTimeSeconds();
        var step = seconds / StepSeconds;
        return seconds < 0 && seconds % StepSeconds != 0 ? step - 1 : step;
    }

    public static string Code(ReadOnlySpan<byte> secret, DateTimeOffset time, int digits = Digits) =>
        Hotp(secret, TimeStep(time), digits);

    /// <summary>RFC 4226 section 5.3: HMAC over the big-endian counter, dynamic truncation, modulo 10^digits.</summary>
    public static string Hotp(ReadOnlySpan<byte> secret, long counter, int digits = Digits)
    {
        if (secret.IsEmpty)
        {
            throw new ArgumentException("Der TOTP-Schlüssel ist leer.", nameof(secret));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 9);

        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(secret, message, mac);

        var offset = mac[^1] & 0x0F;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(mac[offset..]) & 0x7FFFFFFF);
        var modulo = 1;
        for (var i = 0; i < digits; i++)
        {
            modulo *= 10;
        }

        return (binary % modulo).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }
}
