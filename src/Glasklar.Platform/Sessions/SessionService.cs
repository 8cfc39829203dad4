using System.Security.Cryptography;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Glasklar.Platform.Sessions;

/// <summary>A signed-in user for the current request.</summary>
public sealed record SignedInUser(Guid UserId, Guid? OrganisationId, IReadOnlyList<string> Roles, string SessionId);

/// <summary>
/// Server-side sessions: the cookie carries 256 random bits; the database keeps only their hash.
/// Idle and absolute expiry are checked on every request, so logout or expiry ends the session for
/// every copy of the cookie (B5).
/// </summary>
public sealed class SessionService(PlatformDbContext db, TimeProvider clock, IOptions<LoginSessionOptions> options)
{
    private static readonly TimeSpan TouchInterval = TimeSpan.FromSeconds(30);

    public async Task<string> StartAsync(User user, string clientSummary, CancellationToken cancellationToken)
    {
        var token = Base64UrlToken(RandomNumberGenerator.GetBytes(32));
        var now = Now;
        db.Sessions.Add(new UserSession(Hash(token), user.Id, now, now + options.Value.AbsoluteTimeout, clientSummary));
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The session's user if the token belongs to a live session of an active user; otherwise null.</summary>
    public async Task<SignedInUser?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var id = Hash(token);
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        var now = Now;
        if (session is null || !session.IsActiveAt(now, options.Value.IdleTimeout))
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == session.UserId, cancellationToken);
        if (user is null || !user.IsActive)
        {
            return null;
        }

        if (now - session.LastSeenUtc >= TouchInterval)
        {
            session.Touch(now);
            await db.SaveChangesAsync(cancellationToken);
        }

        return new SignedInUser(user.Id, user.OrganisationId, [.. user.Roles.Select(r => r.Role)], session.Id);
    }

    public async Task EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is not null)
        {
            session.End(Now);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Ends one of the user's own sessions; another user's session id is treated as unknown.</summary>
    public async Task<bool> EndOwnAsync(Guid userId, string sessionId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken);
        if (session is null)
        {
            return false;
        }

        session.End(Now);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Ends every open session of the user (after a password change: all but the current one).</summary>
    public async Task EndAllAsync(Guid userId, string? exceptSessionId, CancellationToken cancellationToken)
    {
        var now = Now;
        var open = await db.Sessions.Where(s => s.UserId == userId && s.EndedUtc == null && s.Id != exceptSessionId).ToListAsync(cancellationToken);
        foreach (var session in open)
        {
            session.End(now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UserSession>> ListActiveAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = Now;
        var idle = options.Value.IdleTimeout;
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedUtc == null && s.AbsoluteExpiryUtc > now)
            .ToListAsync(cancellationToken);
        return [.. sessions.Where(s => s.IsActiveAt(now, idle)).OrderByDescending(s => s.LastSeenUtc)];
    }

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));

    internal static string Base64UrlToken(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
