namespace Glasklar.Referrals.Domain;

/// <summary>A predefined answer of a drop-down (A7): stable code for the API, German label for people.</summary>
internal sealed record Choice(string Code, string Label);

/// <summary>
/// The fields of both forms: API names (camelCase), German labels, which mode offers which optional field,
/// and the predefined answers of the drop-downs. Every drop-down starts at "keine Angabe" (A7).
/// </summary>
internal static class ReferralFields
{
    public const string Mode = "mode";
    public const string PolicyholderAgrees = "policyholderAgrees";
    public const string ConsentToOptionalData = "consentToOptionalData";

    public const string Surname = "surname";
    public const string Phone = "phone";
    public const string LicencePlate = "licencePlate";
    public const string PolicyNumber = "policyNumber";

    public const string Salutation = "salutation";
    public const string FirstName = "firstName";
    public const string Email = "email";
    public const string Phone2 = "phone2";
    public const string Street = "street";
    public const string PostalCode = "postalCode";
    public const string City = "city";
    public const string VehicleMake = "vehicleMake";
    public const string VehicleModel = "vehicleModel";
    public const string Insurer = "insurer";
    public const string Deductible = "deductible";
    public const string DamageDate = "damageDate";
    public const string DamageType = "damageType";
    public const string GlassPosition = "glassPosition";
    public const string ContactTime = "contactTime";
    public const string RepairLocation = "repairLocation";
    public const string PreferredBranch = "preferredBranch";
    public const string AdditionalInfo = "additionalInfo";
    public const string Remarks = "remarks";

    public const string NoAnswer = "keine-angabe";
    public const string NoAnswerLabel = "keine Angabe";

    public const int AdditionalInfoMaxLength = 500;
    public const int RemarksMaxLength = 300;
    public const int NameMaxLength = 100;
    public const int TextMaxLength = 100;

    public static readonly IReadOnlyList<string> Mandatory = [Surname, Phone, LicencePlate, PolicyNumber];

    public static readonly IReadOnlyList<string> OptionalKomplett =
    [
        Salutation, FirstName, Email, Phone2, Street, PostalCode, City, VehicleMake, VehicleModel, Insurer, Deductible,
        DamageDate, DamageType, GlassPosition, ContactTime, RepairLocation, PreferredBranch, AdditionalInfo,
    ];

    public static readonly IReadOnlyList<string> OptionalSchnell = [DamageType, GlassPosition, ContactTime, Remarks];

    public static IReadOnlyList<string> OptionalFor(ReferralMode mode) => mode == ReferralMode.Komplett ? OptionalKomplett : OptionalSchnell;

    public static readonly IReadOnlyList<Choice> Salutations = [new("frau", "Frau"), new("herr", "Herr"), new("divers", "divers / ohne Anrede")];

    public static readonly IReadOnlyList<Choice> DamageTypes =
        [new("steinschlag", "Steinschlag"), new("riss", "Riss"), new("bruch", "Bruch / Scheibe zerstört"), new("kratzer", "Kratzer")];

    public static readonly IReadOnlyList<Choice> GlassPositions =
    [
        new("frontscheibe", "Frontscheibe"), new("heckscheibe", "Heckscheibe"), new("seitenscheibe-links", "Seitenscheibe links"),
        new("seitenscheibe-rechts", "Seitenscheibe rechts"), new("dachglas", "Panorama-/Glasdach"),
    ];

    public static readonly IReadOnlyList<Choice> ContactTimes =
        [new("vormittags", "vormittags (8–12 Uhr)"), new("nachmittags", "nachmittags (12–17 Uhr)"), new("abends", "abends (17–20 Uhr)")];

    public static readonly IReadOnlyList<Choice> RepairLocations =
        [new("filiale", "in einer Filiale"), new("mobil", "mobil beim Kunden")];

    /// <summary>German label of each field, for forms and error messages.</summary>
    public static string Label(string field) => field switch
    {
        Mode => "Vermittlungsart",
        PolicyholderAgrees => "Einverständnis mit Reparatur/Austausch",
        ConsentToOptionalData => "Einwilligung zur Weitergabe freiwilliger Angaben",
        Surname => "Nachname",
        Phone => "Telefon",
        LicencePlate => "Kfz-Kennzeichen",
        PolicyNumber => "Versicherungsscheinnummer",
        Salutation => "Anrede",
        FirstName => "Vorname",
        Email => "E-Mail-Adresse",
        Phone2 => "Weitere Telefonnummer",
        Street => "Straße und Hausnummer",
        PostalCode => "Postleitzahl",
        City => "Ort",
        VehicleMake => "Fahrzeughersteller",
        VehicleModel => "Fahrzeugmodell",
        Insurer => "Versicherer",
        Deductible => "Selbstbeteiligung (Euro)",
        DamageDate => "Schadendatum",
        DamageType => "Schadenart",
        GlassPosition => "Scheibe",
        ContactTime => "Bevorzugte Kontaktzeit",
        RepairLocation => "Reparaturort",
        PreferredBranch => "Bevorzugte Filiale",
        AdditionalInfo => "Zusatzinfo",
        Remarks => "Bemerkungen",
        _ => field,
    };

    public static IReadOnlyList<Choice>? ChoicesOf(string field) => field switch
    {
        Salutation => Salutations,
        DamageType => DamageTypes,
        GlassPosition => GlassPositions,
        ContactTime => ContactTimes,
        RepairLocation => RepairLocations,
        _ => null,
    };

    public static string LabelOfChoice(string field, string? code) =>
        code is null ? NoAnswerLabel : ChoicesOf(field)?.FirstOrDefault(c => c.Code == code)?.Label ?? code;
}
