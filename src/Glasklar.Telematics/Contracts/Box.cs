using Glasklar.Platform.Tenancy;

namespace Glasklar.Telematics.Contracts;

internal enum BoxStatus
{
    /// <summary>Assigned to a contract, not yet activated: its data is refused.</summary>
    Registered = 0,

    /// <summary>Collecting: its data is accepted and stored.</summary>
    Active = 1,

    /// <summary>Deactivated on revocation or contract end: its data is refused, nothing is stored (C18).</summary>
    Deactivated = 2,
}

/// <summary>A telematics box (IMEI) assigned to a contract; its data is stored under the vehicle id (C3).</summary>
internal sealed class Box : ITenantOwned
{
    public const int ImeiMaxLength = 17;
    public const int VehicleIdMaxLength = 40;

    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid ContractId { get; set; }

    public string Imei { get; set; } = "";

    /// <summary>The vehicle id the box's data is stored under (Fahrzeug-ID, C3).</summary>
    public string VehicleId { get; set; } = "";

    public BoxStatus Status { get; set; }

    public DateTime? ActivatedUtc { get; set; }

    public DateTime? DeactivatedUtc { get; set; }

    public bool Accepts => Status == BoxStatus.Active;
}
