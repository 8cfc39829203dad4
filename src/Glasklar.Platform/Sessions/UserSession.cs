namespace Glasklar.Platform.Sessions;

/// <summary>
/// A server-side login session (A12, B5). The cookie holds a random token; only its SHA-256 hash is
/// stored, so a database leak does not hand out sessions. Ending the row ends the session everywhere.
/// </summary>
public sealed class UserSession
{
    private UserSession()
    {
        Id = "";
        ClientSummary = "";
    }

    public UserSession(string tokenHash, Guid userId, DateTime createdUtc, DateTime absoluteExpiryUtc, string clientSummary)
    {
        Id = tokenHash;
        UserId = userId;
        CreatedUtc = createdUtc;
        LastSeenUtc = createdUtc;
        AbsoluteExpiryUtc = absoluteExpiryUtc;
        ClientSummary = clientSummary;
    }

    /// <summary>Hex SHA-256 of the cookie token.</summary>
    public string Id { get; private set; }

    public Guid UserId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime LastSeenUtc { get; private set; }

    public DateTime AbsoluteExpiryUtc { get; private set; }

    public DateTime? EndedUtc { get; private set; }

    /// <summary>"Browser / system" only, so users can recognise their own sessions in the list.</summary>
    public string ClientSummary { get; private set; }

    public bool IsActiveAt(DateTime now, TimeSpan idleTimeout) =>
        EndedUtc is null && now < AbsoluteExpiryUtc && now - LastSeenUtc < idleTimeout;

    public void Touch(DateTime now) => LastSeenUtc = now;

    public void End(DateTime now) => EndedUtc ??= now;
}
