using System.Text.RegularExpressions;

namespace Glasklar.Privacy.Consent;

/// <summary>
/// Input rules of the ledger. The subject format ("module:opaque-id", no spaces) keeps names out by
/// construction: "Max Mustermann" or an e-mail address cannot be a subject reference.
/// </summary>
internal static partial class ConsentValidation
{
    public const int ScopeFieldMaxLength = 64;

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}:[A-Za-z0-9._-]{1,150}$", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PurposePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TextVersionPattern();

    public static ConsentResult? CheckSubject(string? subject) =>
        subject is { Length: <= ConsentRecord.SubjectMaxLength } && SubjectPattern().IsMatch(subject)
            ? null
            : ConsentResult.Failure(ConsentErrorCodes.InvalidSubject,
                "Die Einwilligung kann nicht gespeichert werden: Der Bezug muss eine interne Kennung wie „referral:1234“ sein, kein Name und keine E-Mail-Adresse.");

    public static ConsentResult? CheckPurpose(string? purpose) =>
        purpose is { Length: <= ConsentRecord.PurposeMaxLength } && PurposePattern().IsMatch(purpose)
            ? null
            : ConsentResult.Failure(ConsentErrorCodes.InvalidPurpose,
                "Die Einwilligung kann nicht gespeichert werden: Bitte geben Sie einen gültigen Zweck an (z. B. „marketing“).");

    /// <summary>
    /// Staff always act for an organisation. A private person declaring for themselves (a portal customer,
    /// <c>OnBehalfOf: false</c>) belongs to none, so <see cref="Guid.Empty"/> is accepted only then.
    /// </summary>
    public static ConsentResult? CheckActor(ConsentActor? actor) =>
        actor is not null && actor.UserId != Guid.Empty && (actor.OrganisationId != Guid.Empty || !actor.OnBehalfOf)
            ? null
            : ConsentResult.Failure(ConsentErrorCodes.InvalidActor,
                "Die Einwilligung kann nicht gespeichert werden: Es ist nicht bekannt, wer sie erfasst hat. Bitte melden Sie sich erneut an.");

    public static ConsentResult? CheckGrant(ConsentGrant grant)
    {
        var failure = CheckSubject(grant.Subject) ?? CheckPurpose(grant.Purpose) ?? CheckActor(grant.Actor);
        if (failure is not null)
        {
            return failure;
        }

        var scope = grant.Scope ?? [];
        var joinedLength = scope.Sum(f => (f?.Length ?? 0) + 1);
        if (scope.Count == 0 || joinedLength > ConsentRecord.ScopeMaxLength
            || scope.Any(f => f is null || f.Length > ScopeFieldMaxLength || !FieldPattern().IsMatch(f)))
        {
            return ConsentResult.Failure(ConsentErrorCodes.InvalidScope,
                "Die Einwilligung kann nicht gespeichert werden: Bitte nennen Sie die Angaben, für die sie gilt (z. B. „email“).");
        }

        return grant.TextVersion is { Length: <= ConsentRecord.TextVersionMaxLength } && TextVersionPattern().IsMatch(grant.TextVersion)
            ? null
            : ConsentResult.Failure(ConsentErrorCodes.InvalidTextVersion,
                "Die Einwilligung kann nicht gespeichert werden: Die Version des Einwilligungstextes fehlt oder ist ungültig.");
    }
}
