using Glasklar.Platform.Configuration;
using Glasklar.Referrals.Domain;
using Glasklar.Referrals.Submission;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Glasklar.Referrals.Areas.Vermittlung.Pages;

/// <summary>
/// Shared logic of both referral forms (A1). The page only renders and forwards: every rule lives in
/// <see cref="ReferralValidator"/> and <see cref="ReferralService"/>. Without JavaScript the optional fields are
/// enabled and the server refuses them without consent (A6); with JavaScript they stay disabled until then.
/// </summary>
internal abstract class ReferralFormModel(CallerResolver callers, ReferralService referrals, IOptions<GlasklarOptions> glasklar, IOptions<ReferralsOptions> options)
    : PageModel
{
    public abstract ReferralMode Mode { get; }

    public string ServiceNumber { get; private set; } = "";

    public DataProtectionOfficerInfo Dpo => glasklar.Value.DataProtectionOfficer;

    public string ConsentTextVersion => options.Value.ConsentTextVersion;

    public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public bool PolicyholderAgrees { get; private set; }

    public bool Consent { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await callers.ResolveAsync(User, cancellationToken) is not { IsAgency: true } caller)
        {
            return Forbid();
        }

        ServiceNumber = referrals.ServiceNumberOf(caller.OrganisationId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await callers.ResolveAsync(User, cancellationToken) is not { IsAgency: true } caller)
        {
            return Forbid();
        }

        ServiceNumber = referrals.ServiceNumberOf(caller.OrganisationId);
        foreach (var field in ReferralFields.Mandatory.Concat(ReferralFields.OptionalFor(Mode)))
        {
            Values[field] = Request.Form.TryGetValue(field, out var value) ? value.ToString() : null;
        }

        PolicyholderAgrees = Request.Form["policyholderAgrees"] == "true";
        Consent = Request.Form["consentToOptionalData"] == "true";
        var input = new ReferralInput(Mode.ToString().ToLowerInvariant(), PolicyholderAgrees, Consent, Values);
        var result = await referrals.SubmitAsync(caller, input, cancellationToken);
        if (result.Referral is { } referral)
        {
            return Redirect($"/vermittlung/{referral.Id}?neu=1");
        }

        Errors = result.Errors!.Errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public FieldView Field(string name)
    {
        var (type, maxLength, hint) = name switch
        {
            ReferralFields.Surname => ("text", (int?)ReferralFields.NameMaxLength, "Nur den Namen, keine Eigenschaften der Person."),
            ReferralFields.FirstName => ("text", ReferralFields.NameMaxLength, null),
            ReferralFields.Phone or ReferralFields.Phone2 => ("tel", 30, null),
            ReferralFields.LicencePlate => ("text", 12, "z. B. B-AB 123"),
            ReferralFields.PolicyNumber => ("text", 50, null),
            ReferralFields.Email => ("email", 254, null),
            ReferralFields.PostalCode => ("text", 5, null),
            ReferralFields.Deductible => ("number", null, null),
            ReferralFields.DamageDate => ("date", null, null),
            ReferralFields.AdditionalInfo => ("textarea", ReferralFields.AdditionalInfoMaxLength, FreeTextHint + " Höchstens 500 Zeichen."),
            ReferralFields.Remarks => ("textarea", ReferralFields.RemarksMaxLength, FreeTextHint + " Höchstens 300 Zeichen."),
            _ => ("text", (int?)ReferralFields.TextMaxLength, (string?)null),
        };
        var required = ReferralFields.Mandatory.Contains(name);
        return new FieldView(name, ReferralFields.Label(name), type, Values.GetValueOrDefault(name), Errors.TryGetValue(name, out var e) ? string.Join(" ", e) : null,
            required, !required, maxLength, hint)
        {
            Choices = name == ReferralFields.Insurer
                ? options.Value.Insurers.Select(i => new Choice(i, i)).ToList()
                : ReferralFields.ChoicesOf(name),
        };
    }

    /// <summary>A8: what the free text is for, and what it must not contain.</summary>
    public const string FreeTextHint = "Nur was die Auswahlfelder nicht abdecken. Keine Angaben zu Gesundheit, Herkunft, Religion, politischer Meinung, Gewerkschaft oder Sexualleben: schreiben Sie stattdessen, worauf es ankommt, z. B. „Bitte laut und deutlich klingeln.“";

    public string? ErrorOf(string name) => Errors.TryGetValue(name, out var e) ? string.Join(" ", e) : null;
}
