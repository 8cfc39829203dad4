using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Glasklar.Host.Web;

/// <summary>API errors answer in German (RFC 9457 problem details).</summary>
internal static class GermanProblemDetails
{
    private static readonly Dictionary<int, string> Titles = new()
    {
        [400] = "Die Anfrage ist ungültig.",
        [401] = "Bitte melden Sie sich an.",
        [403] = "Sie haben keinen Zugriff auf diese Ressource.",
        [404] = "Die Ressource wurde nicht gefunden.",
        [405] = "Diese Methode ist hier nicht erlaubt.",
        [409] = "Die Anfrage steht im Konflikt mit dem aktuellen Zustand.",
        [413] = "Die Anfrage ist zu groß.",
        [415] = "Dieses Datenformat wird nicht unterstützt.",
        [422] = "Die Daten konnten nicht verarbeitet werden.",
        [429] = "Zu viele Anfragen. Bitte warten Sie einen Moment.",
        [500] = "Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.",
        [503] = "Der Dienst ist vorübergehend nicht verfügbar.",
    };

    public static string TitleFor(int status) =>
        Titles.TryGetValue(status, out var title) ? title : "Die Anfrage konnte nicht bearbeitet werden.";

    public static void Customize(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        context.ProblemDetails.Status = status;

        // Keep a module's specific German title; replace the framework's English defaults.
        if (context.ProblemDetails.Title is null || IsFrameworkDefault(context.ProblemDetails.Title))
        {
            context.ProblemDetails.Title = TitleFor(status);
        }

        // Exception details never reach the client (they may hold personal data).
        context.ProblemDetails.Detail = status >= 500 ? null : context.ProblemDetails.Detail;
        context.ProblemDetails.Extensions.Remove("exception");
        context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
    }

    private static bool IsFrameworkDefault(string title) =>
        title.StartsWith("An error occurred", StringComparison.Ordinal)
        || title is "Bad Request" or "Unauthorized" or "Forbidden" or "Not Found" or "Method Not Allowed"
            or "Conflict" or "Unsupported Media Type" or "Unprocessable Entity" or "Too Many Requests"
            or "Internal Server Error" or "Service Unavailable" or "Payload Too Large" or "Content Too Large"
            or "One or more validation errors occurred.";
}
