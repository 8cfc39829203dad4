using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Host.Pages;

/// <summary>Friendly German error page, reached by re-execution (the original status code is kept).</summary>
[IgnoreAntiforgeryToken]
public sealed class FehlerModel : PageModel
{
    public string Title { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? 500;
        (Title, Explanation) = status switch
        {
            404 => ("Seite nicht gefunden", "Die aufgerufene Adresse gibt es nicht (mehr). Prüfen Sie die Schreibweise oder beginnen Sie auf der Startseite."),
            403 => ("Kein Zugriff", "Für diese Seite fehlt Ihnen die Berechtigung."),
            401 => ("Anmeldung erforderlich", "Bitte melden Sie sich an, um diese Seite zu sehen."),
            400 => ("Ungültige Anfrage", "Die Anfrage konnte nicht verarbeitet werden. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal."),
            429 => ("Zu viele Anfragen", "Bitte warten Sie einen Moment und versuchen Sie es dann erneut."),
            _ => ("Etwas ist schiefgegangen", "Ein unerwarteter Fehler ist aufgetreten. Ihre Eingaben wurden nicht teilweise gespeichert. Bitte versuchen Sie es später noch einmal."),
        };

        // A direct visit of /fehler/404 still answers with that status, not 200.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null
            && HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is null)
        {
            Response.StatusCode = status is >= 400 and <= 599 ? status : 404;
        }
    }
}
