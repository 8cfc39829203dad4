namespace Glasklar.Claims.Marketing;

/// <summary>
/// Settings under <c>Glasklar:Claims:Offers</c>: the operator's catalogue of offers (Angebote). Each offer
/// may target only the attributes B4 allows (see <see cref="OfferProfile"/>). Without a configured catalogue
/// the brand-neutral defaults of <see cref="DefaultCatalogue"/> apply; <see cref="Enabled"/> false shows none.
/// </summary>
public sealed class OfferOptions
{
    public const string Section = "Glasklar:Claims:Offers";

    public bool Enabled { get; set; } = true;

    public List<Offer> Catalogue { get; set; } = [];

    public IReadOnlyList<Offer> Effective => !Enabled ? [] : Catalogue.Count > 0 ? Catalogue : DefaultCatalogue;

    public static readonly IReadOnlyList<Offer> DefaultCatalogue =
    [
        new()
        {
            Id = "auslandsreise", Title = "Auslandsreise-Krankenschutz",
            Text = "Für Reisen außerhalb Deutschlands: Behandlungskosten und Rücktransport, für Versicherte ab 18 Jahren.",
            Insured = true, MinAge = 18,
        },
        new()
        {
            Id = "zahnzusatz", Title = "Zahnzusatzschutz",
            Text = "Ergänzt Ihren Vertrag um Zahnersatz und professionelle Zahnreinigung.",
            Insured = true, MinAge = 18, MaxAge = 70,
        },
        new()
        {
            Id = "einstieg", Title = "Ihr Vertrag im Kundenportal",
            Text = "Verknüpfen Sie Ihren Vertrag mit dem Kundenportal und reichen Sie Belege bequem online ein.",
            Insured = false,
        },
    ];
}

/// <summary>One offer and whom it is for. Every condition left empty matches everyone.</summary>
public sealed class Offer
{
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    public string Text { get; set; } = "";

    public List<string> States { get; set; } = [];

    public int? MinAge { get; set; }

    public int? MaxAge { get; set; }

    public List<string> Groups { get; set; } = [];

    /// <summary>Two-letter language codes, e.g. "de".</summary>
    public List<string> Languages { get; set; } = [];

    public List<string> Nationalities { get; set; } = [];

    /// <summary>Insurance status: true only for customers with a linked contract, false only without.</summary>
    public bool? Insured { get; set; }

    public bool RequiresVerifiedEmail { get; set; }

    /// <summary>true only for customers with documents missing, false only without.</summary>
    public bool? MissingDocuments { get; set; }
}
