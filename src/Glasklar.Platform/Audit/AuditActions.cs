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
    public const string ApiKeyCreated = "api-schluessel.erstellt";
    public const string ApiKeyRevoked = "api-schluessel.widerrufen";
}
