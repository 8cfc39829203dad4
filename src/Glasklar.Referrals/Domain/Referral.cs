using Glasklar.Platform.Tenancy;

namespace Glasklar.Referrals.Domain;

/// <summary>Komplettvermittlung or Schnellvermittlung (A1).</summary>
internal enum ReferralMode
{
    Komplett,
    Schnell,
}

/// <summary>Bearbeitungsstand im Werkstattnetz: eingegangen → Kunde kontaktiert → Termin vereinbart → erledigt / storniert.</summary>
internal enum ReferralStatus
{
    Eingegangen,
    KundeKontaktiert,
    TerminVereinbart,
    Erledigt,
    Storniert,
}

/// <summary>
/// A referral (Vermittlung) of a policyholder's glass damage by an agent to the repair network. It belongs to
/// the agency (tenant); the repair network reads it through a named cross-tenant query. The four mandatory
/// data (A2) are always present; every optional datum is present only with recorded consent (A6).
/// </summary>
internal sealed class Referral : ITenantOwned
{
    private Referral()
    {
        ServiceNumber = Surname = Phone = LicencePlate = PolicyNumber = "";
    }

    public Referral(Guid id, Guid agencyId, Guid agentUserId, ReferralMode mode, string serviceNumber, DateTime createdUtc, MandatoryData mandatory, OptionalData optional, string? consentTextVersion)
    {
        Id = id;
        OrganisationId = agencyId;
        AgentUserId = agentUserId;
        Mode = mode;
        ServiceNumber = serviceNumber;
        CreatedUtc = createdUtc;
        StatusChangedUtc = createdUtc;
        Status = ReferralStatus.Eingegangen;
        Surname = mandatory.Surname;
        Phone = mandatory.Phone;
        LicencePlate = mandatory.LicencePlate;
        PolicyNumber = mandatory.PolicyNumber;
        ConsentTextVersion = optional.IsEmpty ? null : consentTextVersion;
        Apply(optional);
    }

    public Guid Id { get; private set; }

    /// <summary>The agency (Agentur) that referred the job.</summary>
    public Guid OrganisationId { get; private set; }

    /// <summary>Who referred it (A10: feeds the commission).</summary>
    public Guid AgentUserId { get; private set; }

    public ReferralMode Mode { get; private set; }

    /// <summary>Servicenummer of the agency, filled from the agent's account (A3).</summary>
    public string ServiceNumber { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public ReferralStatus Status { get; private set; }

    public DateTime StatusChangedUtc { get; private set; }

    /// <summary>When the referral reached erledigt or storniert: the retention clock starts here.</summary>
    public DateTime? CompletedUtc { get; private set; }

    /// <summary>Restriction of processing (Art. 18): hidden from the repair network's inbox.</summary>
    public bool Restricted { get; private set; }

    public string Surname { get; private set; }

    /// <summary>E.164, e.g. +493012345678.</summary>
    public string Phone { get; private set; }

    /// <summary>Normalised, e.g. "B-AB 123".</summary>
    public string LicencePlate { get; private set; }

    /// <summary>Normalised: upper-case letters and digits only.</summary>
    public string PolicyNumber { get; private set; }

    /// <summary>Text version of the consent to forward optional data; null when none was given.</summary>
    public string? ConsentTextVersion { get; private set; }

    public string? Salutation { get; private set; }

    public string? FirstName { get; private set; }

    public string? Email { get; private set; }

    public string? Phone2 { get; private set; }

    public string? Street { get; private set; }

    public string? PostalCode { get; private set; }

    public string? City { get; private set; }

    public string? VehicleMake { get; private set; }

    public string? VehicleModel { get; private set; }

    public string? Insurer { get; private set; }

    /// <summary>Selbstbeteiligung in whole euros.</summary>
    public int? Deductible { get; private set; }

    public DateOnly? DamageDate { get; private set; }

    public string? DamageType { get; private set; }

    public string? GlassPosition { get; private set; }

    public string? ContactTime { get; private set; }

    public string? RepairLocation { get; private set; }

    public string? PreferredBranch { get; private set; }

    /// <summary>Zusatzinfo (full form, ≤ 500 characters).</summary>
    public string? AdditionalInfo { get; private set; }

    /// <summary>Bemerkungen (quick form, ≤ 300 characters).</summary>
    public string? Remarks { get; private set; }

    public bool IsCompleted => Status is ReferralStatus.Erledigt or ReferralStatus.Storniert;

    /// <summary>After loading: the free text columns hold ciphertext (FreeTextEncryption), the entity plain text.</summary>
    internal void RevealFreeText(Func<string?, string?> unprotect)
    {
        AdditionalInfo = unprotect(AdditionalInfo);
        Remarks = unprotect(Remarks);
    }

    public OptionalData Optional => new(Salutation, FirstName, Email, Phone2, Street, PostalCode, City, VehicleMake, VehicleModel,
        Insurer, Deductible, DamageDate, DamageType, GlassPosition, ContactTime, RepairLocation, PreferredBranch, AdditionalInfo, Remarks);

    /// <summary>Moves the status forward; erledigt and storniert are final. Returns false for a transition that is not allowed.</summary>
    public bool ChangeStatus(ReferralStatus next, DateTime nowUtc)
    {
        if (!ReferralStatuses.CanMove(Status, next))
        {
            return false;
        }

        Status = next;
        StatusChangedUtc = nowUtc;
        if (IsCompleted)
        {
            CompletedUtc = nowUtc;
        }

        return true;
    }

    public void SetRestricted(bool restricted) => Restricted = restricted;

    private void Apply(OptionalData o)
    {
        Salutation = o.Salutation;
        FirstName = o.FirstName;
        Email = o.Email;
        Phone2 = o.Phone2;
        Street = o.Street;
        PostalCode = o.PostalCode;
        City = o.City;
        VehicleMake = o.VehicleMake;
        VehicleModel = o.VehicleModel;
        Insurer = o.Insurer;
        Deductible = o.Deductible;
        DamageDate = o.DamageDate;
        DamageType = o.DamageType;
        GlassPosition = o.GlassPosition;
        ContactTime = o.ContactTime;
        RepairLocation = o.RepairLocation;
        PreferredBranch = o.PreferredBranch;
        AdditionalInfo = o.AdditionalInfo;
        Remarks = o.Remarks;
    }
}

/// <summary>The four mandatory data (A2), already normalised.</summary>
internal sealed record MandatoryData(string Surname, string Phone, string LicencePlate, string PolicyNumber);

/// <summary>The optional data, already validated and normalised; every member may be null.</summary>
internal sealed record OptionalData(
    string? Salutation = null,
    string? FirstName = null,
    string? Email = null,
    string? Phone2 = null,
    string? Street = null,
    string? PostalCode = null,
    string? City = null,
    string? VehicleMake = null,
    string? VehicleModel = null,
    string? Insurer = null,
    int? Deductible = null,
    DateOnly? DamageDate = null,
    string? DamageType = null,
    string? GlassPosition = null,
    string? ContactTime = null,
    string? RepairLocation = null,
    string? PreferredBranch = null,
    string? AdditionalInfo = null,
    string? Remarks = null)
{
    public static readonly OptionalData None = new();

    /// <summary>The API names of the fields that carry a value (the consent's scope, A6).</summary>
    public IReadOnlyList<string> PresentFields() =>
    [
        .. new (string Name, object? Value)[]
        {
            (ReferralFields.Salutation, Salutation), (ReferralFields.FirstName, FirstName), (ReferralFields.Email, Email),
            (ReferralFields.Phone2, Phone2), (ReferralFields.Street, Street), (ReferralFields.PostalCode, PostalCode),
            (ReferralFields.City, City), (ReferralFields.VehicleMake, VehicleMake), (ReferralFields.VehicleModel, VehicleModel),
            (ReferralFields.Insurer, Insurer), (ReferralFields.Deductible, Deductible), (ReferralFields.DamageDate, DamageDate),
            (ReferralFields.DamageType, DamageType), (ReferralFields.GlassPosition, GlassPosition), (ReferralFields.ContactTime, ContactTime),
            (ReferralFields.RepairLocation, RepairLocation), (ReferralFields.PreferredBranch, PreferredBranch),
            (ReferralFields.AdditionalInfo, AdditionalInfo), (ReferralFields.Remarks, Remarks),
        }.Where(f => f.Value is not null).Select(f => f.Name),
    ];

    public bool IsEmpty => PresentFields().Count == 0;
}

internal static class ReferralStatuses
{
    public static bool CanMove(ReferralStatus from, ReferralStatus to) => (from, to) switch
    {
        (ReferralStatus.Erledigt or ReferralStatus.Storniert, _) => false,
        (_, ReferralStatus.Storniert) => true,
        _ => to > from,
    };

    public static string German(ReferralStatus status) => status switch
    {
        ReferralStatus.Eingegangen => "eingegangen",
        ReferralStatus.KundeKontaktiert => "Kunde kontaktiert",
        ReferralStatus.TerminVereinbart => "Termin vereinbart",
        ReferralStatus.Erledigt => "erledigt",
        ReferralStatus.Storniert => "storniert",
        _ => status.ToString(),
    };

    /// <summary>API spelling: "eingegangen", "kunde-kontaktiert", "termin-vereinbart", "erledigt", "storniert".</summary>
    public static string Code(ReferralStatus status) => German(status).ToLowerInvariant().Replace(' ', '-');

    public static ReferralStatus? Parse(string? code) =>
        Enum.GetValues<ReferralStatus>().Cast<ReferralStatus?>().FirstOrDefault(s => Code(s!.Value) == code?.Trim().ToLowerInvariant());
}
