namespace Glasklar.Claims.Marketing;

/// <summary>
/// B4: everything offers may be personalised from, and nothing else — state (Bundesland), age, group,
/// language, nationality, insurance status, verified e-mail, missing documents. The selection only ever
/// sees this record, so health data, claim content, amounts or receipts cannot influence it by construction.
/// Attributes the portal does not store (B2: state, group, nationality) stay null and match only offers
/// that do not ask for them.
/// </summary>
public sealed record OfferProfile(
    string? State,
    int? Age,
    string? Group,
    string Language,
    string? Nationality,
    bool Insured,
    bool EmailVerified,
    bool MissingDocuments)
{
    public bool Matches(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return In(offer.States, State)
            && (offer.MinAge is not { } min || Age >= min)
            && (offer.MaxAge is not { } max || Age <= max)
            && In(offer.Groups, Group)
            && In(offer.Languages, Language)
            && In(offer.Nationalities, Nationality)
            && (offer.Insured is not { } insured || insured == Insured)
            && (!offer.RequiresVerifiedEmail || EmailVerified)
            && (offer.MissingDocuments is not { } missing || missing == MissingDocuments);
    }

    private static bool In(List<string> allowed, string? value) =>
        allowed.Count == 0 || (value is not null && allowed.Contains(value, StringComparer.OrdinalIgnoreCase));
}
