using System.Security.Cryptography;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Platform.Accounts;

/// <summary>What an e-mailed single-use link is for. Stable strings: they are stored.</summary>
public static class AccountTokenPurposes
{
    public const string EmailVerification = "email-bestaetigung";
    public const string EmailChange = "email-aenderung";
    public const string PasswordReset = "passwort-reset";

    public static readonly TimeSpan EmailLinkLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromMinutes(30);
}

/// <summary>
/// Single-use links: the mail carries 256 random bits, the database only their SHA-256 hash. A link is
/// spent by one atomic UPDATE, so two clicks at once cannot both succeed. Issuing a new link of the same
/// purpose voids the older ones; within a minute of the last one no new link is sent (no mail flooding).
/// </summary>
public sealed class AccountTokenService(PlatformDbContext db, TimeProvider clock)
{
    private static readonly TimeSpan MinimumSpacing = TimeSpan.FromMinutes(1);

    /// <summary>A new link token, or null when one of this purpose was issued less than a minute ago.</summary>
    public async Task<string?> IssueAsync(Guid userId, string purpose, TimeSpan lifetime, string? newEmail, CancellationToken cancellationToken)
    {
        var now = Now;
        var open = await db.AccountTokens.Where(t => t.UserId == userId && t.Purpose == purpose && t.UsedUtc == null).ToListAsync(cancellationToken);
        if (open.Any(t => now - t.CreatedUtc < MinimumSpacing))
        {
            return null;
        }

        foreach (var older in open)
        {
            older.Use(now);
        }

        var token = SessionService.Base64UrlToken(RandomNumberGenerator.GetBytes(32));
        db.AccountTokens.Add(new AccountToken(Hash(token), userId, purpose, now, now + lifetime, newEmail));
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The unused, unexpired token of one of these purposes, without spending it.</summary>
    public async Task<AccountToken?> FindUsableAsync(string? token, IReadOnlyCollection<string> purposes, CancellationToken cancellationToken)
    {
        if (!LooksLikeToken(token))
        {
            return null;
        }

        var id = Hash(token!);
        var now = Now;
        return await db.AccountTokens.AsNoTracking()
            .SingleOrDefaultAsync(t => t.Id == id && purposes.Contains(t.Purpose) && t.UsedUtc == null && t.ExpiresUtc > now, cancellationToken);
    }

    /// <summary>Spends the token; its row if this call spent it, null if it was unknown, expired or already used.</summary>
    public async Task<AccountToken?> ConsumeAsync(string? token, IReadOnlyCollection<string> purposes, CancellationToken cancellationToken)
    {
        if (await FindUsableAsync(token, purposes, cancellationToken) is not { } found)
        {
            return null;
        }

        var now = Now;
        var spent = await db.AccountTokens
            .Where(t => t.Id == found.Id && t.UsedUtc == null && t.ExpiresUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedUtc, now), cancellationToken);
        return spent == 1 ? found : null;
    }

    internal static string Hash(string token) => SessionService.Hash(token);

    private static bool LooksLikeToken(string? token) =>
        token is { Length: > 20 and < 100 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
