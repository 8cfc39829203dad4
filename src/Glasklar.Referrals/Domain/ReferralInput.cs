using System.Globalization;
using Glasklar.Privacy.TextGuard;

namespace Glasklar.Referrals.Domain;

/// <summary>What an agent sent, as text (form or JSON), before any rule ran. Keys are the API field names.</summary>
internal sealed record ReferralInput(string? Mode, bool? PolicyholderAgrees, bool? ConsentToOptionalData, IReadOnlyDictionary<string, string?> Fields)
{
    public string? this[string field] => Fields.TryGetValue(field, out var value) ? value : null;
}

/// <summary>A referral that passed every rule: normalised and ready to store.</summary>
internal sealed record ValidReferral(ReferralMode Mode, MandatoryData Mandatory, OptionalData Optional);

/// <summary>Errors per field (German, Sie-form) and, for free text refused by the text guard, neutral wording to offer.</summary>
internal sealed record ReferralErrors(IReadOnlyDictionary<string, string[]> Errors, IReadOnlyDictionary<string, string> Suggestions);

/// <summary>
/// The referral rules as domain code (A2, A4–A8): four mandatory data and nothing else mandatory, the
/// policyholder's agreement, optional data only with consent and only the fields of the chosen mode,
/// drop-downs only with predefined answers, free text through the text guard.
/// </summary>
internal sealed class ReferralValidator(ITextGuard guard, IReadOnlyList<string> insurers, TimeProvider clock)
{
    public (ValidReferral? Referral, ReferralErrors? Errors) Validate(ReferralInput input)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var suggestions = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        ReferralMode? mode = input.Mode?.Trim().ToLowerInvariant() switch
        {
            "komplett" => ReferralMode.Komplett,
            "schnell" => ReferralMode.Schnell,
            _ => null,
        };
        if (mode is null)
        {
            Add(ReferralFields.Mode, "Bitte wählen Sie die Vermittlungsart: „komplett“ (Komplettvermittlung) oder „schnell“ (Schnellvermittlung).");
        }

        if (input.PolicyholderAgrees != true)
        {
            Add(ReferralFields.PolicyholderAgrees, "Bitte bestätigen Sie, dass der Versicherungsnehmer mit einer Reparatur bzw. einem Austausch durch das Werkstattnetz einverstanden ist. Ohne dieses Einverständnis kann nicht vermittelt werden.");
        }

        var mandatory = new Dictionary<string, string?>();
        foreach (var field in ReferralFields.Mandatory)
        {
            var raw = input[field];
            if (string.IsNullOrWhiteSpace(raw))
            {
                Add(field, $"Bitte geben Sie {ReferralFields.Label(field)} an (Pflichtfeld).");
                continue;
            }

            var check = field switch
            {
                ReferralFields.Surname => FieldRules.Name(raw, ReferralFields.Label(field), guard),
                ReferralFields.Phone => FieldRules.Phone(raw),
                ReferralFields.LicencePlate => FieldRules.LicencePlate(raw),
                _ => FieldRules.PolicyNumber(raw),
            };
            if (check.Error is not null)
            {
                Add(field, check.Error);
            }

            mandatory[field] = check.Value;
        }

        var optional = new Dictionary<string, string>(StringComparer.Ordinal);
        var allowed = mode is { } m ? ReferralFields.OptionalFor(m) : [.. ReferralFields.OptionalKomplett, ReferralFields.Remarks];
        foreach (var (field, raw) in input.Fields)
        {
            if (ReferralFields.Mandatory.Contains(field) || string.IsNullOrWhiteSpace(raw) || raw.Trim() == ReferralFields.NoAnswer)
            {
                continue;
            }

            if (!allowed.Contains(field))
            {
                var known = ReferralFields.OptionalKomplett.Contains(field) || field == ReferralFields.Remarks;
                Add(field, known
                    ? $"{ReferralFields.Label(field)} ist in der {(mode == ReferralMode.Schnell ? "Schnellvermittlung" : "Komplettvermittlung")} nicht vorgesehen."
                    : $"Das Feld „{field}“ gibt es in einer Vermittlung nicht.");
                continue;
            }

            optional[field] = raw;
        }

        // A6: optional data needs the insured person's consent to forwarding; without it nothing is stored.
        if (optional.Count > 0 && input.ConsentToOptionalData != true)
        {
            foreach (var field in optional.Keys)
            {
                Add(field, $"{ReferralFields.Label(field)} ist eine freiwillige Angabe und darf nur mit Einwilligung des Versicherten weitergegeben werden.");
            }

            Add(ReferralFields.ConsentToOptionalData, "Bitte bestätigen Sie die Einwilligung des Versicherten zur Weitergabe der freiwilligen Angaben, oder lassen Sie diese Angaben weg.");
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (field, raw) in optional)
        {
            var (value, error) = CheckOptional(field, raw, suggestions);
            if (error is not null)
            {
                Add(field, error);
            }
            else if (value is not null)
            {
                values[field] = value;
            }
        }

        if (errors.Count > 0 || mode is null)
        {
            return (null, new ReferralErrors(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), suggestions));
        }

        string? S(string f) => values.TryGetValue(f, out var v) ? (string)v : null;
        var data = new OptionalData(
            S(ReferralFields.Salutation), S(ReferralFields.FirstName), S(ReferralFields.Email), S(ReferralFields.Phone2),
            S(ReferralFields.Street), S(ReferralFields.PostalCode), S(ReferralFields.City), S(ReferralFields.VehicleMake),
            S(ReferralFields.VehicleModel), S(ReferralFields.Insurer),
            values.TryGetValue(ReferralFields.Deductible, out var d) ? (int)d : null,
            values.TryGetValue(ReferralFields.DamageDate, out var date) ? (DateOnly)date : null,
            S(ReferralFields.DamageType), S(ReferralFields.GlassPosition), S(ReferralFields.ContactTime), S(ReferralFields.RepairLocation),
            S(ReferralFields.PreferredBranch), S(ReferralFields.AdditionalInfo), S(ReferralFields.Remarks));
        var valid = new MandatoryData(mandatory[ReferralFields.Surname]!, mandatory[ReferralFields.Phone]!, mandatory[ReferralFields.LicencePlate]!, mandatory[ReferralFields.PolicyNumber]!);
        return (new ValidReferral(mode.Value, valid, data), null);
    }

    private (object? Value, string? Error) CheckOptional(string field, string raw, Dictionary<string, string> suggestions)
    {
        var label = ReferralFields.Label(field);
        if (ReferralFields.ChoicesOf(field) is { } choices)
        {
            // A7: only predefined answers; "keine Angabe" is no answer and was skipped before.
            var code = raw.Trim().ToLowerInvariant();
            return choices.Any(c => c.Code == code)
                ? (code, null)
                : (null, $"{label}: bitte wählen Sie eine der vorgegebenen Antworten ({string.Join(", ", choices.Select(c => c.Code))}) oder „keine Angabe“.");
        }

        FieldCheck check = field switch
        {
            ReferralFields.FirstName => FieldRules.Name(raw, label, guard),
            ReferralFields.Email => FieldRules.Email(raw),
            ReferralFields.Phone2 => FieldRules.Phone(raw),
            ReferralFields.PostalCode => FieldRules.PostalCode(raw),
            ReferralFields.Street or ReferralFields.City or ReferralFields.VehicleMake or ReferralFields.VehicleModel or ReferralFields.PreferredBranch
                => FieldRules.ShortText(raw, label),
            ReferralFields.Insurer => insurers.FirstOrDefault(i => string.Equals(i, raw.Trim(), StringComparison.OrdinalIgnoreCase)) is { } insurer
                ? FieldCheck.Ok(insurer)
                : FieldCheck.Fail($"{label}: bitte wählen Sie einen Versicherer aus der Liste ({string.Join(", ", insurers)})."),
            ReferralFields.Deductible => Deductible(raw),
            ReferralFields.DamageDate => DamageDate(raw),
            ReferralFields.AdditionalInfo => FreeText(field, raw, ReferralFields.AdditionalInfoMaxLength, suggestions),
            ReferralFields.Remarks => FreeText(field, raw, ReferralFields.RemarksMaxLength, suggestions),
            _ => FieldCheck.Fail($"Das Feld „{field}“ gibt es in einer Vermittlung nicht."),
        };
        if (check.Error is not null)
        {
            return (null, check.Error);
        }

        return field switch
        {
            ReferralFields.Deductible => (int.Parse(check.Value!, CultureInfo.InvariantCulture), null),
            ReferralFields.DamageDate => (DateOnly.ParseExact(check.Value!, "yyyy-MM-dd", CultureInfo.InvariantCulture), null),
            _ => (check.Value, null),
        };
    }

    private static FieldCheck Deductible(string raw)
    {
        var text = raw.Trim().Replace("€", "", StringComparison.Ordinal).Replace("EUR", "", StringComparison.OrdinalIgnoreCase).Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var euros) && euros <= 10_000
            ? FieldCheck.Ok(euros.ToString(CultureInfo.InvariantCulture))
            : FieldCheck.Fail("Selbstbeteiligung: bitte einen ganzen Euro-Betrag zwischen 0 und 10000 angeben.");
    }

    private FieldCheck DamageDate(string raw)
    {
        var text = raw.Trim();
        if (!DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return FieldCheck.Fail("Schadendatum: bitte als Datum angeben, z. B. „24.11.2026“.");
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (date > today.AddDays(1))
        {
            return FieldCheck.Fail("Schadendatum: das Datum liegt in der Zukunft.");
        }

        return date < today.AddYears(-5)
            ? FieldCheck.Fail("Schadendatum: das Datum liegt mehr als fünf Jahre zurück.")
            : FieldCheck.Ok(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>A8: Zusatzinfo/Bemerkungen are short and must not carry special-category data (Art. 9 GDPR).</summary>
    private FieldCheck FreeText(string field, string raw, int max, Dictionary<string, string> suggestions)
    {
        var text = raw.Trim().Replace("\r\n", "\n", StringComparison.Ordinal);
        var label = ReferralFields.Label(field);
        if (text.Length > max)
        {
            return FieldCheck.Fail($"{label}: höchstens {max} Zeichen (jetzt {text.Length}).");
        }

        var check = guard.Check(text);
        if (!check.Special)
        {
            return FieldCheck.Ok(text);
        }

        var found = string.Join(", ", check.Findings.Where(f => GuardCategories.IsSpecial(f.Category)).Select(f => $"„{f.Match}“"));
        var message = $"{label}: Angaben zu {string.Join(", ", check.Categories.Where(GuardCategories.IsSpecial).Select(GuardCategories.German))} ({found}) sind besondere Kategorien personenbezogener Daten (Art. 9 DSGVO) und dürfen hier nicht stehen.";
        if (check.Suggestion is { } suggestion)
        {
            suggestions[field] = suggestion;
            message += $" Schreiben Sie stattdessen neutral, worauf es ankommt, z. B.: „{suggestion}“";
        }
        else
        {
            message += " Beschreiben Sie nur, was für den Termin wichtig ist (z. B. „Bitte laut und deutlich klingeln.“).";
        }

        return FieldCheck.Fail(message);
    }
}
