namespace Glasklar.Privacy.TextGuard;

/// <summary>The category identifiers, exactly as the API and the CLI report them.</summary>
internal static class TextCategories
{
    public const string Health = "health";
    public const string EthnicOrigin = "ethnic_origin";
    public const string PoliticalOpinion = "political_opinion";
    public const string Religion = "religion";
    public const string TradeUnion = "trade_union";
    public const string SexLife = "sex_life";
    public const string GeneticBiometric = "genetic_biometric";
    public const string Iban = "iban";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string BirthDate = "birth_date";
    public const string HealthInsuranceNumber = "health_insurance_number";
    public const string IdCardNumber = "id_card_number";

    /// <summary>GDPR Art. 9 categories; any of them makes a text "special".</summary>
    public static readonly IReadOnlySet<string> Special = new HashSet<string>(StringComparer.Ordinal)
    {
        Health, EthnicOrigin, PoliticalOpinion, Religion, TradeUnion, SexLife, GeneticBiometric,
    };

    /// <summary>Every category in report order (Art. 9 first, then the warnings).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Health, EthnicOrigin, PoliticalOpinion, Religion, TradeUnion, SexLife, GeneticBiometric,
        Iban, Email, Phone, BirthDate, HealthInsuranceNumber, IdCardNumber,
    ];
}
