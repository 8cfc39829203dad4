namespace Glasklar.Platform.Accounts;

/// <summary>
/// A human user. Holds only what login and contact need (X1): name, e-mail, optional mobile number,
/// password hash, second factor. Customers have no organisation.
/// </summary>
public sealed class User
{
    private User()
    {
        Email = "";
        GivenName = "";
        FamilyName = "";
        PasswordHash = "";
    }

    public User(Guid id, Guid? organisationId, string email, string givenName, string familyName, DateTime createdUtc)
    {
        Id = id;
        OrganisationId = organisationId;
        Email = NormaliseEmail(email);
        GivenName = givenName.Trim();
        FamilyName = familyName.Trim();
        PasswordHash = "";
        CreatedUtc = createdUtc;
        IsActive = true;
    }

    public Guid Id { get; private set; }

    public Guid? OrganisationId { get; private set; }

    /// <summary>Lower-case, trimmed; unique.</summary>
    public string Email { get; private set; }

    public DateTime? EmailVerifiedUtc { get; private set; }

    public string GivenName { get; private set; }

    public string FamilyName { get; private set; }

    /// <summary>E.164, optional (customers give one at registration, B6).</summary>
    public string? MobilePhone { get; private set; }

    public string PasswordHash { get; private set; }

    /// <summary>TOTP secret, encrypted with Data Protection; null until the second factor is set up.</summary>
    public string? TotpSecretProtected { get; private set; }

    /// <summary>Time step of the last accepted TOTP code: a code is usable once.</summary>
    public long? TotpLastStep { get; private set; }

    public bool IsActive { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public List<UserRole> Roles { get; private set; } = [];

    public bool HasSecondFactor => TotpSecretProtected is not null;

    public string DisplayName => $"{GivenName} {FamilyName}".Trim();

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    public void SetPasswordHash(string hash) => PasswordHash = hash;

    public void SetMobilePhone(string? e164) => MobilePhone = e164;

    public void MarkEmailVerified(DateTime utc) => EmailVerifiedUtc ??= utc;

    public bool IsEmailVerified => EmailVerifiedUtc is not null;

    /// <summary>A new address, already proven by a link its owner opened.</summary>
    public void ChangeEmail(string email, DateTime verifiedUtc)
    {
        Email = NormaliseEmail(email);
        EmailVerifiedUtc = verifiedUtc;
    }

    public void SetSecondFactor(string protectedSecret, long? acceptedStep)
    {
        TotpSecretProtected = protectedSecret;
        TotpLastStep = acceptedStep;
    }

    public void RecordAcceptedTotpStep(long step) => TotpLastStep = step;

    public void Deactivate() => IsActive = false;

    public void AddRole(string role)
    {
        if (Roles.All(r => r.Role != role))
        {
            Roles.Add(new UserRole(Id, role));
        }
    }

    public const int EmailMaxLength = 254;
    public const int NameMaxLength = 100;
}

public sealed class UserRole
{
    private UserRole()
    {
        Role = "";
    }

    public UserRole(Guid userId, string role)
    {
        UserId = userId;
        Role = role;
    }

    public Guid UserId { get; private set; }

    public string Role { get; private set; }
}
