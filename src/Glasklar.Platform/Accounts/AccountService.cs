using System.Security.Cryptography;
using Glasklar.Platform.Identity.Passwords;
using Glasklar.Platform.Identity.TwoFactor;
using Glasklar.Platform.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Platform.Accounts;

/// <summary>Outcome of the password step of a login; the message is the same whatever went wrong.</summary>
/// <param name="FailedUserId">For the audit log (B11): whose account a failed attempt was aimed at, if it exists.</param>
/// <param name="EmailUnverified">The password was right, but the address was never confirmed: login is refused.</param>
public sealed record PasswordCheck(User? User, TimeSpan RetryAfter, Guid? FailedUserId = null, bool EmailUnverified = false)
{
    /// <summary>Deliberately generic: it does not reveal whether the account exists (issue 3 §4).</summary>
    public const string GenericFailure = "E-Mail-Adresse oder Passwort ist falsch.";

    /// <summary>Shown only after the right password, so it tells nothing to someone guessing.</summary>
    public const string UnverifiedFailure = "Ihre E-Mail-Adresse ist noch nicht bestätigt. Bitte öffnen Sie den Link aus der E-Mail, die wir Ihnen geschickt haben. Einen neuen Link können Sie hier anfordern.";

    public bool Succeeded => User is not null;
}

public enum SecondFactorResult
{
    Accepted,
    Rejected,
    Replayed,
    Throttled,
}

/// <summary>
/// Passwords are hashed with ASP.NET Core Identity's PasswordHasher (PBKDF2); TOTP secrets are stored
/// encrypted with Data Protection. All login decisions live here, not in the pages.
/// </summary>
public sealed class AccountService(PlatformDbContext db, IDataProtectionProvider protection, TimeProvider clock, LoginThrottle throttle)
{
    private static readonly PasswordHasher<User> Hasher = new();

    // Hash of a random password: verifying against it when the account does not exist costs the same time.
    private static readonly string DummyHash = Hasher.HashPassword(null!, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    private readonly IDataProtector _totpProtector = protection.CreateProtector("Glasklar.Platform.Totp");

    public async Task<PasswordCheck> CheckPasswordAsync(string email, string password, string ip, CancellationToken cancellationToken)
    {
        var wait = throttle.RetryAfter(email, ip);
        if (wait > TimeSpan.Zero)
        {
            return new PasswordCheck(null, wait);
        }

        var normalised = User.NormaliseEmail(email);
        var user = await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Email == normalised, cancellationToken);
        // The policy's NFKC form is what was hashed: the same password typed on another keyboard still matches.
        var result = Hasher.VerifyHashedPassword(user!, user?.PasswordHash is { Length: > 0 } hash ? hash : DummyHash, PasswordPolicy.Normalise(password));
        if (user is null || !user.IsActive || result == PasswordVerificationResult.Failed)
        {
            throttle.RecordFailure(email, ip);
            return new PasswordCheck(null, TimeSpan.Zero, user?.Id);
        }

        if (!user.IsEmailVerified)
        {
            return new PasswordCheck(null, TimeSpan.Zero, user.Id, EmailUnverified: true);
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.SetPasswordHash(HashPassword(user, password));
            await db.SaveChangesAsync(cancellationToken);
        }

        return new PasswordCheck(user, TimeSpan.Zero);
    }

    /// <summary>Checks a TOTP code; an accepted code's time step is stored so it cannot be used again.</summary>
    public async Task<SecondFactorResult> CheckSecondFactorAsync(User user, string code, string ip, CancellationToken cancellationToken)
    {
        if (throttle.RetryAfter(user.Email, ip) > TimeSpan.Zero)
        {
            return SecondFactorResult.Throttled;
        }

        if (user.TotpSecretProtected is null)
        {
            return SecondFactorResult.Rejected;
        }

        var secret = _totpProtector.Unprotect(Convert.FromBase64String(user.TotpSecretProtected));
        var verification = new TotpValidator(clock).Verify(secret, code, user.TotpLastStep);
        CryptographicOperations.ZeroMemory(secret);
        if (verification.AcceptedStep is { } step)
        {
            user.RecordAcceptedTotpStep(step);
            await db.SaveChangesAsync(cancellationToken);
            throttle.RecordSuccess(user.Email);
            return SecondFactorResult.Accepted;
        }

        throttle.RecordFailure(user.Email, ip);
        return verification.Rejection == TotpRejection.Replayed ? SecondFactorResult.Replayed : SecondFactorResult.Rejected;
    }

    /// <summary>Sets up the second factor once the user proved the app works with a first code.</summary>
    public async Task<SecondFactorResult> EnrolSecondFactorAsync(User user, byte[] secret, string code, CancellationToken cancellationToken)
    {
        var verification = new TotpValidator(clock).Verify(secret, code, null);
        if (verification.AcceptedStep is not { } step)
        {
            return SecondFactorResult.Rejected;
        }

        user.SetSecondFactor(ProtectSecret(secret), step);
        await db.SaveChangesAsync(cancellationToken);
        return SecondFactorResult.Accepted;
    }

    public string ProtectSecret(byte[] secret) => Convert.ToBase64String(_totpProtector.Protect(secret));

    public static string HashPassword(User user, string password) => Hasher.HashPassword(user, PasswordPolicy.Normalise(password));

    public Task<User?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
}
