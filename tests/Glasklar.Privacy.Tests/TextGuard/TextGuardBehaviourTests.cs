using Glasklar.Privacy.TextGuard;

namespace Glasklar.Privacy.Tests.TextGuard;

/// <summary>Individual decisions of the guard: morphology, spelling variants, typos, context and false alarms.</summary>
public sealed class TextGuardBehaviourTests
{
    private static readonly ITextGuard Guard = GermanTextGuard.Default;

    [Theory]
    [Trait("Promise", "X3")]
    [InlineData("Der Kunde ist Diabetespatient.", "Diabetespatient")]
    [InlineData("Die Kundin ist Rollstuhlfahrerin.", "Rollstuhlfahrerin")]
    [InlineData("Kundin fährt einen Elektrorollstuhl.", "Elektrorollstuhl")]
    [InlineData("VN ist SCHWERHÖRIG", "SCHWERHÖRIG")]
    [InlineData("vn ist schwerhoerig", "schwerhoerig")]
    [InlineData("Kunde ist schwehöriger Rentner", "schwehöriger")]
    [InlineData("Kundin ist schwangr", "schwangr")]
    [InlineData("kunde sitzt im rolstuhl", "rolstuhl")]
    [InlineData("Kunde hat eine Gehbehinderung.", "Gehbehinderung")]
    [InlineData("Wegen Bandscheibenvorfall kein Termin.", "Bandscheibenvorfall")]
    [InlineData("Kunde liegt im Krankenhaus.", "Krankenhaus")]
    [InlineData("Kundin ist alkoholkrank.", "alkoholkrank")]
    [InlineData("Der Fahrer war nach dem Unfall traumatisiert.", "traumatisiert")]
    [InlineData("Kunde ist blind.", "blind")]
    [InlineData("Die Kundin hat eine Blasenschwäche.", "Blasenschwäche")]
    [InlineData("Nach der Magenspiegelung nicht fahrtüchtig.", "Magenspiegelung")]
    [InlineData("Kunde hat Nierenversagen.", "Nierenversagen")]
    [InlineData("Termin verschoben wegen Rückenleiden.", "Rückenleiden")]
    public void Health_data_is_found_in_inflected_compound_and_misspelt_words(string text, string match)
    {
        var result = Guard.Check(text);

        result.Special.ShouldBeTrue();
        result.Categories.ShouldContain("health");
        var finding = result.Findings.Single(f => f.Category == "health");
        finding.Match.ShouldBe(match);
        text.Substring(finding.Start, finding.Length).ShouldBe(match);
    }

    [Theory]
    [Trait("Promise", "X3")]
    [InlineData("Kunde ist Muslim und fastet.", "religion")]
    [InlineData("Kundin geht sonntags in die Kirche.", "religion")]
    [InlineData("Kunde ist Mitglied der SPD.", "political_opinion")]
    [InlineData("Kunde ist Parteimitglied.", "political_opinion")]
    [InlineData("Kunde ist Gewerkschaftsmitglied.", "trade_union")]
    [InlineData("Kunde ist in der IG Metall.", "trade_union")]
    [InlineData("Kunde ist schwul.", "sex_life")]
    [InlineData("Kunde hat Migrationshintergrund.", "ethnic_origin")]
    [InlineData("Kunde ist türkischer Herkunft.", "ethnic_origin")]
    [InlineData("Tür öffnet per Fingerabdruck.", "genetic_biometric")]
    public void Other_article_9_categories_are_found(string text, string category)
    {
        var result = Guard.Check(text);

        result.Special.ShouldBeTrue();
        result.Categories.ShouldContain(category);
    }

    [Theory]
    [Trait("Promise", "X3")]
    [InlineData("Steinschlag und Glasbruch an der Frontscheibe.")]
    [InlineData("Kunde wohnt Am Krankenhaus 5.")]
    [InlineData("Adresse: Krankenhausstraße 12, Kirchstraße 3 oder Herzogstraße 7.")]
    [InlineData("Parteiverkehr nur vormittags.")]
    [InlineData("Vertragspartei ist die Firma.")]
    [InlineData("Die gegnerische Partei hat gezahlt.")]
    [InlineData("Blindnietmutter an der Verkleidung lose.")]
    [InlineData("Scheibe ist blind und trüb geworden.")]
    [InlineData("Der Riss behindert die Sicht.")]
    [InlineData("Fahrzeug steht vor der Kirche.")]
    [InlineData("Kunde ist bei der Krankenkasse versichert.")]
    [InlineData("Schwager bringt das Auto.")]
    [InlineData("Kunde hat gebeten, abends anzurufen.")]
    [InlineData("Kunde sucht einen Termin am Samstag.")]
    [InlineData("Linke Seitenscheibe und grüne Plakette.")]
    [InlineData("Zahnriemen wurde gewechselt.")]
    [InlineData("Kunde ist Arzt und nur mittags erreichbar.")]
    [InlineData("Taubenkot auf der Scheibe.")]
    [InlineData("Die Kamera ist nach dem Steinschlag blind.")]
    [InlineData("Fahrzeug steht auf dem Klinikgelände, Parkdeck 2.")]
    [InlineData("Firmenwagen des Pflegedienstes, Frontscheibe gerissen.")]
    [InlineData("Unfall ohne Verletzte, nur Glasschaden.")]
    [InlineData("Demo-Termin für die neue Kalibrierung vereinbart.")]
    [InlineData("Kunde hat eine Kooperation mit der Werkstatt.")]
    [InlineData("Die Abstimmung mit dem Kunden läuft.")]
    [InlineData("Der Gläubiger hat gemahnt, bitte klären.")]
    [InlineData("Kugelgelenkbruch an der Vorderachse, Scheibe separat.")]
    [InlineData("Rohrbruch in der Garage, Auto wurde nass.")]
    [InlineData("Kühlkreislaufstörung gemeldet.")]
    [InlineData("Kunde hat Krankenhaus-Parkausweis hinter der Scheibe.")]
    public void Glass_car_address_and_insurance_words_raise_no_special_alarm(string text)
    {
        var result = Guard.Check(text);

        result.Special.ShouldBeFalse(string.Join(", ", result.Findings));
        result.Suggestion.ShouldBeNull();
    }

    [Theory]
    [Trait("Promise", "X3")]
    [Trait("Promise", "A8")]
    [InlineData("Kunde ist schwerhörig.", "Bitte laut und deutlich klingeln.")]
    [InlineData("Kunde sitzt im Rollstuhl.", "Kunde benötigt etwas mehr Zeit, um die Tür zu öffnen.")]
    [InlineData("Kunde ist schlecht zu Fuß.", "Kunde benötigt etwas mehr Zeit, um die Tür zu öffnen.")]
    public void Access_situations_get_neutral_wording(string text, string suggestion)
    {
        var result = Guard.Check(text);

        result.Special.ShouldBeTrue();
        result.Suggestion.ShouldBe(suggestion);
    }

    [Fact]
    [Trait("Promise", "X3")]
    [Trait("Promise", "A8")]
    public void Several_access_needs_combine_their_wording_and_other_health_data_gets_none()
    {
        Guard.Check("Kunde ist schwerhörig und geht am Rollator.").Suggestion
            .ShouldBe("Bitte laut und deutlich klingeln. Kunde benötigt etwas mehr Zeit, um die Tür zu öffnen.");
        var diabetes = Guard.Check("Kunde hat Diabetes.");
        diabetes.Special.ShouldBeTrue();
        diabetes.Suggestion.ShouldBeNull();
    }

    [Fact]
    [Trait("Promise", "X3")]
    [Trait("Promise", "A13")]
    public void Unnecessary_personal_data_is_a_warning_not_special()
    {
        const string text = "Bitte an max@example.org oder 0171 2345678, IBAN DE89 3704 0044 0532 0130 00, geb. 12.04.1961, KVNR A123456789, Ausweisnummer L01X00T47.";

        var result = Guard.Check(text);

        result.Special.ShouldBeFalse();
        result.Suggestion.ShouldBeNull();
        result.Categories.ShouldBe(["iban", "email", "phone", "birth_date", "health_insurance_number", "id_card_number"]);
        result.Findings.Single(f => f.Category == "iban").Match.ShouldBe("DE89 3704 0044 0532 0130 00");
        result.Findings.Single(f => f.Category == "phone").Match.ShouldBe("0171 2345678");
        result.Findings.Single(f => f.Category == "email").Match.ShouldBe("max@example.org");
        result.Findings.Single(f => f.Category == "birth_date").Match.ShouldBe("12.04.1961");
        result.Findings.Single(f => f.Category == "health_insurance_number").Match.ShouldBe("A123456789");
        result.Findings.Single(f => f.Category == "id_card_number").Match.ShouldBe("L01X00T47");
    }

    [Theory]
    [Trait("Promise", "X3")]
    [Trait("Promise", "A13")]
    [InlineData("Rückruf +49 (0)171 2345678 bitte", "phone", "+49 (0)171 2345678")]
    [InlineData("Rückruf 01712345678 bitte", "phone", "01712345678")]
    [InlineData("Festnetz (0511) 12 34 56", "phone", "(0511) 12 34 56")]
    [InlineData("IBAN DE 89 3704 0044 0532 0130 00 bitte", "iban", "DE 89 3704 0044 0532 0130 00")]
    [InlineData("Konto AT611904300234573201.", "iban", "AT611904300234573201")]
    [InlineData("Kundin, geboren 1952, möchte Termin", "birth_date", "1952")]
    [InlineData("Der Fahrer (Jg. 1949) kommt", "birth_date", "1949")]
    [InlineData("Kunde ist am 23.07.1948 geboren", "birth_date", "23.07.1948")]
    [InlineData("Reisepass C01X00T47 liegt vor", "id_card_number", "C01X00T47")]
    public void Structured_personal_data_is_found_in_common_spellings(string text, string category, string match)
    {
        var result = Guard.Check(text);

        result.Findings.ShouldContain(new TextFinding(category, text.IndexOf(match, StringComparison.Ordinal), match.Length, match));
    }

    [Theory]
    [Trait("Promise", "X3")]
    [Trait("Promise", "A13")]
    [InlineData("Kundennummer 0123456789 bitte angeben.")]
    [InlineData("Es 12 Monate lang keinen Schaden gehabt, Rabatt prüfen.")]
    [InlineData("Schadennummer 2025-0034567 bitte ergänzen.")]
    [InlineData("Versicherungsscheinnummer 12-345678-9, Kennzeichen H-AB 1234.")]
    [InlineData("Erstzulassung 12.03.2014, Schaden vom 03.02.2025.")]
    [InlineData("Kunde ist seit 1998 Vertragspartner.")]
    public void Reference_numbers_and_recent_dates_are_not_personal_data(string text) =>
        Guard.Check(text).Findings.ShouldBeEmpty();

    [Fact]
    [Trait("Promise", "X3")]
    public void Empty_text_has_no_findings()
    {
        var result = Guard.Check(string.Empty);

        result.Special.ShouldBeFalse();
        result.Categories.ShouldBeEmpty();
        result.Findings.ShouldBeEmpty();
        result.Suggestion.ShouldBeNull();
    }

    [Fact]
    [Trait("Promise", "X3")]
    public void The_default_guard_is_loaded_once_and_safe_to_share_between_threads()
    {
        GermanTextGuard.Default.ShouldBeSameAs(GermanTextGuard.Default);
        var notes = LabelledSet.Load().Select(n => n.Text).ToArray();
        var sequential = notes.Select(n => Guard.Check(n)).ToArray();

        var parallel = new TextCheckResult[notes.Length];
        Parallel.For(0, notes.Length, i => parallel[i] = Guard.Check(notes[i]));

        for (var i = 0; i < notes.Length; i++)
        {
            parallel[i].Findings.ShouldBe(sequential[i].Findings);
            parallel[i].Suggestion.ShouldBe(sequential[i].Suggestion);
        }
    }
}
