using System.Security.Cryptography;
using System.Text;

namespace Glasklar.Platform.Identity.TwoFactor;

internal enum TotpRejection
{
    /// <summary>Not six digits (after removing spaces).</summary>
    Malformed,

    /// <summary>Six digits, but not the code of the previous, current or next time step.</summary>
    WrongCode,

    /// <summary>Correct code, but its time step was already used (or an even later one was).</summary>
    Replayed,
}

/// <summary>Outcome of checking a TOTP code. On success store <see cref="AcceptedStep"/> as the user's last used step.</summary>
internal sealed record TotpVerification(long? AcceptedStep, TotpRejection? Rejection)
{
    public bool Accepted => AcceptedStep is not null;

    public static TotpVerification Accept(long step) => new(step, null);

    public static TotpVerification Reject(TotpRejection reason) => new(null, reason);
}

/// <summary>
/// Checks a code typed by the user. Clocks drift, so one step either side of now is accepted (RFC 6238
/// section 5.2 recommends at most one); nothing wider, because every extra step is another valid guess.
/// A code is good once: the caller passes the last accepted step and every step up to it is refused, so a
/// code seen over someone's shoulder cannot be reused within its window.
/// </summary>
internal sealed class TotpValidator(TimeProvider time)
{
    public const int AllowedDriftSteps = 1;

    public TotpVerification Verify(ReadOnlySpan<byte> secret, string? code, long? lastAcceptedStep)
    {
        if (!TryNormalise(code, out var digits))
        {
            return TotpVerification.Reject(TotpRejection.Malformed);
        }

        var now = Totp.TimeStep(time.GetUtcNow());
        var typed = Encoding.ASCII.GetBytes(digits);
        long? fresh = null;
        var replayed = false;

        // All candidate steps are computed and compared in constant time, whatever matches first.
        for (var step = now - AllowedDriftSteps; step <= now + AllowedDriftSteps; step++)
        {
            var expected = Encoding.ASCII.GetBytes(Totp.Hotp(secret, step));
            if (!CryptographicOperations.FixedTimeEquals(expected, typed))
            {
                continue;
            }

            if (lastAcceptedStep is { } last && step <= last)
            {
                replayed = true;
            }
            else
            {
                fresh ??= step;
            }
        }

        if (fresh is { } accepted)
        {
            return TotpVerification.Accept(accepted);
        }

        return TotpVerification.Reject(replayed ? TotpRejection.Replayed : TotpRejection.WrongCode);
    }

    /// <summary>Apps show codes as "123 456"; people type them that way.</summary>
    private static bool TryNormalise(string? code, out string digits)
    {
        digits = "";
        if (code is null)
        {
            return false;
        }

        var builder = new StringBuilder(Totp.Digits);
        foreach (var c in code)
        {
            if (c is ' ' or '\t' or '\u00A0')
            {
                continue;
            }

            if (c is < '0' or > '9' || builder.Length == Totp.Digits)
            {
                return false;
            }

            builder.Append(c);
        }

        digits = builder.ToString();
        return digits.Length == Totp.Digits;
    }
}
