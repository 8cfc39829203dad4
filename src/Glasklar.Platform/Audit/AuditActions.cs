namespace Glasklar.Platform.Audit;

/// <summary>The actions the audit log records (B11). Stable strings: they are part of the hash chain.</summary>
public static class AuditActions
{
    public const string Login = "anmeldung";
    public const string LoginFailed = "anmeldung.fehlgeschlagen";
    public const string Logout = "abmeldung";
    public const string SessionEnded = "sitzung.beendet";
    public const string SecondFactorEnrolled = "zweiter-faktor.eingerichtet";
    public const string SecondFactorChanged = "zweiter-faktor.geaendert";
    public const string PasswordChanged = "passwort.geaendert";
    public const string PasswordReset = "passwort.zurueckgesetzt";
    public const string EmailVerified = "email.bestaetigt";
    public const string EmailChanged = "email.geaendert";
    public const string PhoneChanged = "telefon.geaendert";
    public const string Reauthenticated = "erneute-anmeldung";
    public const string ReauthenticationFailed = "erneute-anmeldung.fehlgeschlagen";
    public const string AuditLogViewed = "protokoll.angesehen";
    public const string ApiKeyCreated = "api-schluessel.erstellt";
    public const string ApiKeyRevoked = "api-schluessel.widerrufen";

    /// <summary>German labels for the audit viewer.</summary>
    public static readonly IReadOnlyDictionary<string, string> GermanLabels = new Dictionary<string, string>
    {
        [Login] = "Anmeldung",
        [LoginFailed] = "Fehlgeschlagene Anmeldung",
        [Logout] = "Abmeldung",
        [SessionEnded] = "Sitzung beendet",
        [SecondFactorEnrolled] = "Zweiter Faktor eingerichtet",
        [SecondFactorChanged] = "Zweiter Faktor geändert",
        [PasswordChanged] = "Passwort geändert",
        [PasswordReset] = "Passwort zurückgesetzt",
        [EmailVerified] = "E-Mail-Adresse bestätigt",
        [EmailChanged] = "E-Mail-Adresse geändert",
        [PhoneChanged] = "Mobilnummer geändert",
        [Reauthenticated] = "Erneute Anmeldung",
        [ReauthenticationFailed] = "Erneute Anmeldung fehlgeschlagen",
        [ApiKeyCreated] = "API-Schlüssel erstellt",
        [ApiKeyRevoked] = "API-Schlüssel widerrufen",
    };
}
