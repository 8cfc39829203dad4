namespace Glasklar.Platform.Organisations;

/// <summary>The parties of the four portals; every user and every tenant-owned row belongs to one.</summary>
public enum OrganisationKind
{
    Operator,

    /// <summary>Versicherungsagentur: insurance agents who refer glass jobs (A).</summary>
    Agency,

    /// <summary>Glass-repair network that works the referrals (A).</summary>
    RepairNetwork,

    Insurer,

    /// <summary>Glass workshop that calculates and invoices (D).</summary>
    Workshop,

    /// <summary>Assistance service that answers crash calls (C).</summary>
    AssistanceCompany,

    CustomerService,
}

public sealed class Organisation
{
    private Organisation()
    {
        Name = "";
    }

    public Organisation(Guid id, string name, OrganisationKind kind, DateTime createdUtc)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("Eine Organisation braucht einen Namen.", nameof(name));
        }

        Id = id;
        Name = name.Trim();
        Kind = kind;
        CreatedUtc = createdUtc;
        IsActive = true;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public OrganisationKind Kind { get; private set; }

    /// <summary>Inactive organisations cannot log in (operator activation, D1; blocking, D8).</summary>
    public bool IsActive { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public const int NameMaxLength = 200;
}
