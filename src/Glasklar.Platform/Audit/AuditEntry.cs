namespace Glasklar.Platform.Audit;

/// <summary>
/// One row of the append-only, hash-chained audit log (B11, X5): logins, failed logins, logouts,
/// second-factor and password changes. Each hash covers the previous hash and this entry.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        Action = "";
        Details = "";
        PreviousHash = "";
        Hash = "";
    }

    public AuditEntry(long sequence, DateTime occurredUtc, Guid? userId, Guid? organisationId, string action, string? ipAddress, string details, string previousHash, string hash)
    {
        Sequence = sequence;
        OccurredUtc = occurredUtc;
        UserId = userId;
        OrganisationId = organisationId;
        Action = action;
        IpAddress = ipAddress;
        Details = details;
        PreviousHash = previousHash;
        Hash = hash;
    }

    public long Sequence { get; private set; }

    public DateTime OccurredUtc { get; private set; }

    public Guid? UserId { get; private set; }

    public Guid? OrganisationId { get; private set; }

    public string Action { get; private set; }

    public string? IpAddress { get; private set; }

    /// <summary>Small JSON object with non-personal details (e.g. reason of a failed login).</summary>
    public string Details { get; private set; }

    public string PreviousHash { get; private set; }

    public string Hash { get; private set; }
}

/// <summary>The last transaction a user triggered (B11): one row per user, overwritten each time.</summary>
public sealed class LastTransaction
{
    private LastTransaction()
    {
        Action = "";
    }

    public LastTransaction(Guid userId)
    {
        UserId = userId;
        Action = "";
    }

    public Guid UserId { get; private set; }

    public string Action { get; private set; }

    public DateTime OccurredUtc { get; private set; }

    public string? IpAddress { get; private set; }

    public void Record(string action, DateTime occurredUtc, string? ipAddress)
    {
        Action = action;
        OccurredUtc = occurredUtc;
        IpAddress = ipAddress;
    }
}
