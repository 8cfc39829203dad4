using Glasklar.Referrals.Domain;

namespace Glasklar.Referrals.Tests;

/// <summary>The referral rules as domain code: what is mandatory, what needs consent, what is refused.</summary>
public sealed class ReferralValidatorTests
{
    private static readonly ReferralValidator Validator = new(FieldRulesTests.Guard, ["Versicherer (Demo)"], TimeProvider.System);

    private static ReferralInput Input(string mode = "komplett", bool agrees = true, bool? consent = null, params (string Field, string? Value)[] extra)
    {
        var fields = new Dictionary<string, string?>
        {
            ["surname"] = "Musterfrau",
            ["phone"] = "030 1234567",
            ["licencePlate"] = "B-AB 123",
            ["policyNumber"] = "VS-1234",
        };
        foreach (var (field, value) in extra)
        {
            fields[field] = value;
        }

        return new ReferralInput(mode, agrees, consent, fields);
    }

    [Theory]
    [Trait("Promise", "A1")]
    [Trait("Promise", "A2")]
    [InlineData("komplett")]
    [InlineData("schnell")]
    public void The_four_mandatory_fields_alone_are_enough_in_both_modes(string mode)
    {
        var (valid, errors) = Validator.Validate(Input(mode));

        errors.ShouldBeNull();
        valid!.Mandatory.ShouldBe(new MandatoryData("Musterfrau", "+49301234567", "B-AB 123", "VS1234"));
        valid.Optional.IsEmpty.ShouldBeTrue();
    }

    [Theory]
    [Trait("Promise", "A2")]
    [InlineData("surname", "Nachname")]
    [InlineData("phone", "Telefon")]
    [InlineData("licencePlate", "Kfz-Kennzeichen")]
    [InlineData("policyNumber", "Versicherungsscheinnummer")]
    public void Each_missing_mandatory_field_is_named(string field, string label)
    {
        var (valid, errors) = Validator.Validate(Input(extra: (field, "  ")));

        valid.ShouldBeNull();
        errors!.Errors.Keys.ShouldBe([field]);
        errors.Errors[field][0].ShouldContain(label);
        errors.Errors[field][0].ShouldContain("Pflichtfeld");
    }

    [Fact]
    [Trait("Promise", "A5")]
    public void Without_the_policyholders_agreement_nothing_can_be_referred()
    {
        var (valid, errors) = Validator.Validate(Input(agrees: false));

        valid.ShouldBeNull();
        errors!.Errors.Keys.ShouldBe(["policyholderAgrees"]);
    }

    [Fact]
    [Trait("Promise", "A6")]
    public void Optional_data_without_consent_is_refused_field_by_field()
    {
        var (valid, errors) = Validator.Validate(Input(consent: false, extra: [("firstName", "Erika"), ("damageType", "steinschlag")]));

        valid.ShouldBeNull();
        errors!.Errors.Keys.Order().ShouldBe(["consentToOptionalData", "damageType", "firstName"]);
        errors.Errors["firstName"][0].ShouldContain("Einwilligung");
    }

    [Fact]
    [Trait("Promise", "A6")]
    public void Optional_data_with_consent_is_kept_and_names_its_fields_for_the_ledger()
    {
        var (valid, _) = Validator.Validate(Input(consent: true, extra: [("firstName", "Erika"), ("damageType", "steinschlag"), ("deductible", "150")]));

        valid!.Optional.PresentFields().Order().ShouldBe(["damageType", "deductible", "firstName"]);
        valid.Optional.Deductible.ShouldBe(150);
    }

    [Fact]
    [Trait("Promise", "A7")]
    public void Drop_downs_accept_only_predefined_answers_and_keine_Angabe_is_no_answer()
    {
        Validator.Validate(Input(consent: true, extra: ("damageType", "vielleicht"))).Errors!.Errors.Keys.ShouldBe(["damageType"]);
        var (valid, _) = Validator.Validate(Input(extra: [("damageType", "keine-angabe"), ("glassPosition", "keine-angabe")]));
        valid!.Optional.IsEmpty.ShouldBeTrue(); // no consent needed, nothing pretended
    }

    [Fact]
    [Trait("Promise", "A1")]
    public void Each_mode_offers_only_its_own_optional_fields()
    {
        Validator.Validate(Input("schnell", consent: true, extra: ("firstName", "Erika"))).Errors!.Errors["firstName"][0].ShouldContain("Schnellvermittlung");
        Validator.Validate(Input("komplett", consent: true, extra: ("remarks", "Bitte klingeln"))).Errors!.Errors["remarks"][0].ShouldContain("Komplettvermittlung");
        Validator.Validate(Input("irgendwie")).Errors!.Errors.Keys.ShouldContain("mode");
    }

    [Theory]
    [Trait("Promise", "A8")]
    [InlineData("komplett", "additionalInfo", "Kunde ist schwerhörig, bitte laut klingeln")]
    [InlineData("schnell", "remarks", "Kundin sitzt im Rollstuhl")]
    public void Special_category_free_text_is_refused_with_neutral_wording(string mode, string field, string text)
    {
        var (valid, errors) = Validator.Validate(Input(mode, consent: true, extra: (field, text)));

        valid.ShouldBeNull();
        errors!.Errors[field][0].ShouldContain("Art. 9 DSGVO");
        errors.Suggestions[field].ShouldNotBeNullOrWhiteSpace();
        errors.Errors[field][0].ShouldContain(errors.Suggestions[field]);
    }

    [Fact]
    [Trait("Promise", "A8")]
    public void Free_text_is_short()
    {
        var (_, errors) = Validator.Validate(Input("schnell", consent: true, extra: ("remarks", new string('a', 301))));
        errors!.Errors["remarks"][0].ShouldContain("300");
        Validator.Validate(Input("komplett", consent: true, extra: ("additionalInfo", "Hinterhof, Zufahrt über die Gartenstraße"))).Errors.ShouldBeNull();
    }
}
