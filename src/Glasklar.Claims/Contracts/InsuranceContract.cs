using Glasklar.Platform.Tenancy;

namespace Glasklar.Claims.Contracts;

/// <summary>Anrede (salutation), as the insurer's contract records it.</summary>
internal enum Salutation
{
    Frau,
    Herr,
    Divers,
}

/// <summary>
/// A health/travel insurance contract (Versicherungsvertrag) of an insurer (the tenant). Holds exactly
/// what B2 lists: policy number, the policyholder's salutation and name, the insured persons. The
/// policyholder's birth date is kept only encrypted, to check a customer's link request (ADR 0025).
/// </summary>
internal sealed class InsuranceContract : ITenantOwned
{
    public const int PolicyNumberMaxLength = 30;
    public const int NameMaxLength = 100;
    public const int CoverMaxLength = 500;

    private readonly List<InsuredPerson> _insuredPersons = [];

    private InsuranceContract()
    {
        PolicyNumber = PolicyholderFirstName = PolicyholderLastName = PolicyholderBirthDateProtected = CoverSummary = "";
    }

    public InsuranceContract(Guid id, Guid organisationId, string policyNumber, Salutation salutation, string firstName, string lastName,
        string policyholderBirthDateProtected, string coverSummary, DateTime createdUtc)
    {
        Id = id;
        OrganisationId = organisationId;
        PolicyNumber = NormalisePolicyNumber(policyNumber);
        PolicyholderSalutation = salutation;
        PolicyholderFirstName = firstName;
        PolicyholderLastName = lastName;
        PolicyholderBirthDateProtected = policyholderBirthDateProtected;
        CoverSummary = coverSummary;
        CreatedUtc = createdUtc;
    }

    public Guid Id { get; private set; }

    public Guid OrganisationId { get; private set; }

    /// <summary>Versicherungsnummer, normalised (upper case, no spaces).</summary>
    public string PolicyNumber { get; private set; }

    public Salutation PolicyholderSalutation { get; private set; }

    public string PolicyholderFirstName { get; private set; }

    public string PolicyholderLastName { get; private set; }

    /// <summary>The policyholder's birth date, Data-Protection encrypted; only compared, never shown.</summary>
    public string PolicyholderBirthDateProtected { get; private set; }

    /// <summary>Leistungsumfang in one line, e.g. "Ambulant, stationär, Zahn (80 %)".</summary>
    public string CoverSummary { get; private set; }

    /// <summary>The customer account this contract is linked to in the portal; null until linked.</summary>
    public Guid? LinkedUserId { get; private set; }

    public DateTime? LinkedUtc { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public IReadOnlyList<InsuredPerson> InsuredPersons => _insuredPersons;

    public static string NormalisePolicyNumber(string value) =>
        new string(value.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();

    public InsuredPerson AddInsured(Guid id, Salutation salutation, string firstName, string lastName, DateOnly birthDate)
    {
        var person = new InsuredPerson(id, Id, salutation, firstName, lastName, birthDate);
        _insuredPersons.Add(person);
        return person;
    }

    public void LinkTo(Guid userId, DateTime nowUtc)
    {
        LinkedUserId = userId;
        LinkedUtc = nowUtc;
    }

    public void Unlink()
    {
        LinkedUserId = null;
        LinkedUtc = null;
    }
}

/// <summary>Versicherte Person: salutation, name and birth date (B2), nothing else.</summary>
internal sealed class InsuredPerson
{
    private InsuredPerson()
    {
        FirstName = LastName = "";
    }

    public InsuredPerson(Guid id, Guid contractId, Salutation salutation, string firstName, string lastName, DateOnly birthDate)
    {
        Id = id;
        ContractId = contractId;
        Salutation = salutation;
        FirstName = firstName;
        LastName = lastName;
        BirthDate = birthDate;
    }

    public Guid Id { get; private set; }

    public Guid ContractId { get; private set; }

    public Salutation Salutation { get; private set; }

    public string FirstName { get; private set; }

    public string LastName { get; private set; }

    public DateOnly BirthDate { get; private set; }
}
