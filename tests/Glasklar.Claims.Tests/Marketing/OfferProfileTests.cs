using Glasklar.Claims.Marketing;

namespace Glasklar.Claims.Tests.Marketing;

/// <summary>B4 by construction: offers are chosen from the listed attributes only, and each condition really filters.</summary>
public sealed class OfferProfileTests
{
    private static readonly OfferProfile Adult = new(State: null, Age: 40, Group: null, Language: "de", Nationality: null, Insured: true, EmailVerified: true, MissingDocuments: false);

    [Fact]
    [Trait("Promise", "B4")]
    public void The_profile_holds_exactly_the_attributes_promise_B4_lists()
    {
        var properties = typeof(OfferProfile).GetProperties().Select(p => p.Name).Order().ToArray();

        properties.ShouldBe(new[] { "Age", "EmailVerified", "Group", "Insured", "Language", "MissingDocuments", "Nationality", "State" }.Order().ToArray());
    }

    [Fact]
    [Trait("Promise", "B4")]
    public void Every_condition_filters_and_empty_conditions_match_everyone()
    {
        var catalogue = new List<Offer>
        {
            new() { Id = "alle" },
            new() { Id = "jung", MaxAge = 29 },
            new() { Id = "ab18", MinAge = 18 },
            new() { Id = "englisch", Languages = ["en"] },
            new() { Id = "bayern", States = ["BY"] },
            new() { Id = "ohne-vertrag", Insured = false },
            new() { Id = "bestaetigt", RequiresVerifiedEmail = true },
            new() { Id = "belege-fehlen", MissingDocuments = true },
        };

        OfferService.Select(catalogue, Adult).Select(o => o.Id).ShouldBe(["alle", "ab18", "bestaetigt"]);
        OfferService.Select(catalogue, Adult with { Age = 20, Language = "en", Insured = false, EmailVerified = false, MissingDocuments = true, State = "BY" })
            .Select(o => o.Id).ShouldBe(["alle", "jung", "ab18", "englisch", "bayern", "ohne-vertrag", "belege-fehlen"]);
        OfferService.Select(catalogue, Adult with { Age = null }).Select(o => o.Id).ShouldNotContain("ab18");
    }

    [Fact]
    [Trait("Promise", "B4")]
    public void The_default_catalogue_is_brand_neutral_and_can_be_switched_off()
    {
        new OfferOptions().Effective.Count.ShouldBeGreaterThan(0);
        new OfferOptions { Enabled = false }.Effective.ShouldBeEmpty();
        new OfferOptions { Catalogue = [new Offer { Id = "eigen" }] }.Effective.Select(o => o.Id).ShouldBe(["eigen"]);
    }
}
