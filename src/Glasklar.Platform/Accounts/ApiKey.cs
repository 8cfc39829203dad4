using Glasklar.Platform.Tenancy;

namespace Glasklar.Platform.Accounts;

/// <summary>
/// A machine client's key for an organisation (agency, insurer, workshop, repair network): shown once,
/// stored hashed, scoped, revocable, last use recorded. Tenant-owned.
/// </summary>
public sealed class ApiKey : ITenantOwned
{
    private ApiKey()
    {
        Name = "";
        Prefix = "";
        SecretHash = "";
        Scopes = "";
    }

    public ApiKey(Guid id, Guid organisationId, string name, string prefix, string secretHash, IEnumerable<string> scopes, Guid createdByUserId, DateTime createdUtc)
    {
        Id = id;
        OrganisationId = organisationId;
        Name = name.Trim();
        Prefix = prefix;
        SecretHash = secretHash;
        Scopes = string.Join(' ', scopes.Distinct().Order(StringComparer.Ordinal));
        CreatedByUserId = createdByUserId;
        CreatedUtc = createdUtc;
    }

    public Guid Id { get; private set; }

    public Guid OrganisationId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Public part of the key, used to find the row; the secret part is only hashed.</summary>
    public string Prefix { get; private set; }

    public string SecretHash { get; private set; }

    /// <summary>Space-separated scopes, e.g. "referrals:write referrals:read".</summary>
    public string Scopes { get; private set; }

    public Guid CreatedByUserId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime? LastUsedUtc { get; private set; }

    public DateTime? RevokedUtc { get; private set; }

    public bool IsActive => RevokedUtc is null;

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public void MarkUsed(DateTime utc) => LastUsedUtc = utc;

    public void Revoke(DateTime utc) => RevokedUtc ??= utc;
}

/// <summary>A hashed single-use recovery code for the second factor.</summary>
public sealed class RecoveryCode
{
    private RecoveryCode()
    {
        Hash = "";
    }

    public RecoveryCode(Guid id, Guid userId, string hash)
    {
        Id = id;
        UserId = userId;
        Hash = hash;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string Hash { get; private set; }

    public DateTime? UsedUtc { get; private set; }

    public void Use(DateTime utc) => UsedUtc ??= utc;
}

/// <summary>A single-use e-mailed link (e-mail verification, password reset). Only its hash is stored.</summary>
public sealed class AccountToken
{
    private AccountToken()
    {
        Id = "";
        Purpose = "";
    }

    public AccountToken(string tokenHash, Guid userId, string purpose, DateTime createdUtc, DateTime expiresUtc, string? newEmail = null)
    {
        Id = tokenHash;
        UserId = userId;
        Purpose = purpose;
        CreatedUtc = createdUtc;
        ExpiresUtc = expiresUtc;
        NewEmail = newEmail;
    }

    public string Id { get; private set; }

    public Guid UserId { get; private set; }

    public string Purpose { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime ExpiresUtc { get; private set; }

    public DateTime? UsedUtc { get; private set; }

    /// <summary>For an e-mail change: the new address, applied only when its owner opens the link.</summary>
    public string? NewEmail { get; private set; }

    public bool IsUsableAt(DateTime now) => UsedUtc is null && now < ExpiresUtc;

    public void Use(DateTime utc) => UsedUtc ??= utc;
}
