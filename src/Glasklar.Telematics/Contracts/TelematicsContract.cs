using Glasklar.Platform.Tenancy;

namespace Glasklar.Telematics.Contracts;

/// <summary>
/// The telematics contract (Telematik-Vertrag) with the base data (Grunddaten) collected at its start (C1).
/// Its end starts the deletion clock (C16); a revocation (Widerruf) deactivates its boxes (C18).
/// </summary>
internal sealed class TelematicsContract : ITenantOwned
{
    public const int NameMaxLength = 100;
    public const int ShortMaxLength = 40;
    public const int AddressMaxLength = 200;

    /// <summary>Room for a Data-Protection-encrypted short value (a 34-character IBAN encrypts to about 160 characters).</summary>
    public const int ProtectedMaxLength = 400;

    public Guid Id { get; set; }

    /// <summary>The insurer organisation the contract belongs to.</summary>
    public Guid OrganisationId { get; set; }

    /// <summary>The customer's portal account, if any.</summary>
    public Guid? CustomerUserId { get; set; }

    public string ContractNumber { get; set; } = "";

    /// <summary>Anrede (e.g. "Frau", "Herr", or empty).</summary>
    public string Salutation { get; set; } = "";

    /// <summary>Titel (e.g. "Prof.").</summary>
    public string Title { get; set; } = "";

    /// <summary>Akademischer Grad (e.g. "Dr.").</summary>
    public string AcademicDegree { get; set; } = "";

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    public string Street { get; set; } = "";

    public string PostalCode { get; set; } = "";

    public string City { get; set; } = "";

    public string Email { get; set; } = "";

    public string Mobile { get; set; } = "";

    /// <summary>The IBAN, Data-Protection encrypted (<see cref="TelematicsProtector.Iban"/>); empty when none was given.</summary>
    public string IbanProtected { get; set; } = "";

    public string Bic { get; set; } = "";

    /// <summary>Amtliches Kennzeichen.</summary>
    public string LicencePlate { get; set; } = "";

    /// <summary>Kfz-Versicherungsscheinnummer.</summary>
    public string MotorPolicyNumber { get; set; } = "";

    public DateOnly StartsOn { get; set; }

    /// <summary>Contract end (Vertragsende); data is deleted a configured period after it (C16).</summary>
    public DateOnly? EndsOn { get; set; }

    public DateTime? RevokedUtc { get; set; }

    public DateTime CreatedUtc { get; set; }
}
