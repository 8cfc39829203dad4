namespace Glasklar.Referrals.Domain;

/// <summary>German names of the text guard's categories (the guard reports stable English identifiers).</summary>
internal static class GuardCategories
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["health"] = "Gesundheit",
        ["ethnic_origin"] = "ethnischer Herkunft",
        ["political_opinion"] = "politischer Meinung",
        ["religion"] = "Religion oder Weltanschauung",
        ["trade_union"] = "Gewerkschaftszugehörigkeit",
        ["sex_life"] = "Sexualleben",
        ["genetic_biometric"] = "genetischen oder biometrischen Daten",
        ["iban"] = "Bankverbindung (IBAN)",
        ["email"] = "E-Mail-Adresse",
        ["phone"] = "Telefonnummer",
        ["birth_date"] = "Geburtsdatum",
        ["health_insurance_number"] = "Krankenversichertennummer",
        ["id_card_number"] = "Ausweisnummer",
    };

    /// <summary>The Art. 9 GDPR categories; the others are warnings about unnecessary data.</summary>
    private static readonly HashSet<string> SpecialCategories =
        ["health", "ethnic_origin", "political_opinion", "religion", "trade_union", "sex_life", "genetic_biometric"];

    public static bool IsSpecial(string category) => SpecialCategories.Contains(category);

    public static string German(string category) => Names.TryGetValue(category, out var name) ? name : category;
}
