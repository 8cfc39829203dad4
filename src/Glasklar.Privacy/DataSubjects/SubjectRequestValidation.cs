namespace Glasklar.Privacy.DataSubjects;

/// <summary>Checks a filing; every message is German (Sie-form) and names its field.</summary>
internal static class SubjectRequestValidation
{
    public static Dictionary<string, string[]> Check(SubjectRequestFiling filing)
    {
        var errors = new Dictionary<string, string[]>();
        if (filing.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = ["Bitte wählen Sie, welches Recht Sie geltend machen (Auskunft, Löschung, Einschränkung, Berichtigung oder Widerspruch)."];
        }
        else if (kind is SubjectRequestKind.Rectification or SubjectRequestKind.Objection && string.IsNullOrWhiteSpace(filing.Details))
        {
            errors["details"] = [kind == SubjectRequestKind.Rectification
                ? "Bitte beschreiben Sie, welche Angabe falsch ist und wie sie richtig lautet."
                : "Bitte beschreiben Sie, welcher Verarbeitung Sie widersprechen (z. B. Werbung, Fahrverhaltensauswertung)."];
        }

        if (filing.Details is { Length: > SubjectRequest.DetailsMaxLength })
        {
            errors["details"] = [$"Ihr Anliegen darf höchstens {SubjectRequest.DetailsMaxLength} Zeichen lang sein."];
        }

        var s = filing.Subject;
        var values = new (string Field, string? Value)[]
        {
            ("email", s.Email), ("surname", s.Surname), ("policyNumber", s.PolicyNumber), ("phone", s.Phone), ("licencePlate", s.LicencePlate),
        };
        foreach (var (field, value) in values)
        {
            if (value is { Length: > SubjectRequest.ValueMaxLength })
            {
                errors[field] = [$"Die Angabe darf höchstens {SubjectRequest.ValueMaxLength} Zeichen lang sein."];
            }
        }

        if (s.UserId is null && string.IsNullOrWhiteSpace(s.Email)
            && (string.IsNullOrWhiteSpace(s.Surname) || (string.IsNullOrWhiteSpace(s.PolicyNumber) && string.IsNullOrWhiteSpace(s.Phone) && string.IsNullOrWhiteSpace(s.LicencePlate))))
        {
            errors["surname"] = ["Bitte geben Sie an, wen die Anfrage betrifft: die E-Mail-Adresse des Kontos oder den Nachnamen zusammen mit Versicherungsscheinnummer, Telefonnummer oder Kennzeichen."];
        }

        if (filing.OnBehalf)
        {
            if (!filing.IdentityConfirmed)
            {
                errors["identityConfirmed"] = ["Bitte bestätigen Sie, dass Sie die Identität der anrufenden Person geprüft haben."];
            }

            if (string.IsNullOrWhiteSpace(filing.IdentityCheck) || filing.IdentityCheck.Length > SubjectRequest.ValueMaxLength)
            {
                errors["identityCheck"] = [$"Bitte notieren Sie, wie Sie die Identität geprüft haben (z. B. Rückruf unter der hinterlegten Nummer), höchstens {SubjectRequest.ValueMaxLength} Zeichen."];
            }
        }

        return errors;
    }

    /// <summary>Trims values and stores empty ones as null; the e-mail address in lower case as accounts do.</summary>
    public static DataSubject Normalise(DataSubject s) => new(
        s.UserId,
        Clean(s.Email)?.ToLowerInvariant(),
        Clean(s.Surname),
        Clean(s.PolicyNumber),
        Clean(s.Phone),
        Clean(s.LicencePlate)?.ToUpperInvariant(),
        Clean(s.Imei));

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
