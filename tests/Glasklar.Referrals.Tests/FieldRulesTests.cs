using Glasklar.Privacy.TextGuard;
using Glasklar.Referrals.Domain;
using Glasklar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Referrals.Tests;

/// <summary>Shape rules of the mandatory fields, with German messages (issue 5 §1).</summary>
public sealed class FieldRulesTests
{
    internal static readonly ITextGuard Guard = BuildGuard();

    private static ITextGuard BuildGuard()
    {
        var database = TestDatabase.CreateSqlite();
        return ReferralServices.Build(database).GetRequiredService<ITextGuard>();
    }

    [Theory]
    [InlineData("B-AB 123", "B-AB 123")]
    [InlineData("b ab 123", "B-AB 123")]
    [InlineData("MÜ-X 12E", "MÜ-X 12E")]
    [InlineData("hh-mf 1", "HH-MF 1")]
    [InlineData("KÖN-AB 12H", "KÖN-AB 12H")]
    [InlineData("M-TM 333", "M-TM 333")]
    public void Valid_licence_plates_are_normalised(string input, string expected) =>
        FieldRules.LicencePlate(input).Value.ShouldBe(expected);

    [Theory]
    [InlineData("B-AB 0123")] // leading zero
    [InlineData("ABCD-A 1")] // district code too long
    [InlineData("B-ABC 1")] // three letters
    [InlineData("B-AB 12345")] // five digits
    [InlineData("KÖN-AB 1234")] // nine characters
    [InlineData("BAB123")] // no separator after the district
    [InlineData("B-AB 12X")]
    public void Invalid_licence_plates_are_refused_in_german(string input)
    {
        var check = FieldRules.LicencePlate(input);
        check.Value.ShouldBeNull();
        check.Error!.ShouldContain("Kennzeichen");
    }

    [Theory]
    [InlineData("030 1234567", "+49301234567")]
    [InlineData("(030) 123 45 67", "+49301234567")]
    [InlineData("0171/1234567", "+491711234567")]
    [InlineData("+49 171 1234567", "+491711234567")]
    [InlineData("0049 30 1234567", "+49301234567")]
    [InlineData("+49 (0)30 1234567", "+49301234567")]
    [InlineData("+43 1 2345678", "+4312345678")]
    public void Phone_numbers_are_normalised_to_e164(string input, string expected) =>
        FieldRules.Phone(input).Value.ShouldBe(expected);

    [Theory]
    [InlineData("1234567")] // no area code
    [InlineData("030-abc")]
    [InlineData("+49 30")]
    [InlineData("+49 3012345678901234")]
    public void Invalid_phone_numbers_are_refused(string input)
    {
        var check = FieldRules.Phone(input);
        check.Value.ShouldBeNull();
        check.Error.ShouldNotBeNull();
        check.Error.ShouldContain("Telefonnummer");
    }

    [Theory]
    [InlineData("VS-123/456.789", "VS123456789")]
    [InlineData("ab 12 cd", "AB12CD")]
    [InlineData("1", "1")]
    public void Policy_numbers_are_normalised(string input, string expected) =>
        FieldRules.PolicyNumber(input).Value.ShouldBe(expected);

    [Theory]
    [InlineData("123#45")]
    [InlineData("---")]
    [InlineData("A234567890123456789012345678901234567")]
    public void Invalid_policy_numbers_are_refused(string input) =>
        FieldRules.PolicyNumber(input).Error!.ShouldContain("Versicherungsscheinnummer");

    [Theory]
    [InlineData("Müller-Lüdenscheidt")]
    [InlineData("O'Brien")]
    [InlineData("von der Heide")]
    [InlineData("Šimić")]
    public void Real_names_are_accepted(string name) =>
        FieldRules.Name(name, "Nachname", Guard).Value.ShouldBe(name);

    [Theory]
    [Trait("Promise", "A4")]
    [InlineData("Meier (schwerhörig)")]
    [InlineData("Meier, Rollstuhl")]
    [InlineData("Meier schwerhörig")]
    [InlineData("Meier Rollstuhl")]
    [InlineData("Meier blind")]
    [InlineData("Meier 2")]
    public void A_name_that_describes_the_person_is_refused_with_an_explanation(string name)
    {
        var check = FieldRules.Name(name, "Nachname", Guard);
        check.Value.ShouldBeNull();
        check.Error!.ShouldContain("nur den Namen");
    }
}
