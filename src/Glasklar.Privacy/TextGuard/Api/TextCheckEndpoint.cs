using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Glasklar.Privacy.TextGuard.Api;

/// <summary>Request of the live text check in forms.</summary>
public sealed record TextCheckRequest(string? Text);

/// <summary>
/// POST /api/v1/privacy/text-check: the same check as `glasklar text-check`, for live feedback while an
/// agent types Zusatzinfo, Bemerkungen or a Postkorb message (A8, A13, X3). Signed-in users only; the text
/// is checked in memory and never stored or logged.
/// </summary>
internal static class TextCheckEndpoint
{
    public const int MaxLength = 5_000;

    public static IEndpointRouteBuilder MapTextCheck(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/privacy/text-check", Check)
            .RequireAuthorization()
            .WithName("CheckText")
            .WithTags("Datenschutz")
            .WithSummary("Prüft einen Freitext auf besondere Kategorien personenbezogener Daten (Art. 9 DSGVO) und unnötige Angaben.");
        return endpoints;
    }

    private static Results<Ok<TextCheckResult>, ValidationProblem> Check(TextCheckRequest? request, ITextGuard guard)
    {
        if (request?.Text is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["Bitte geben Sie den zu prüfenden Text an."] },
                title: "Die Anfrage ist ungültig.");
        }

        if (request.Text.Length > MaxLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [$"Der Text darf höchstens {MaxLength} Zeichen lang sein."] },
                title: "Die Anfrage ist ungültig.");
        }

        return TypedResults.Ok(guard.Check(request.Text));
    }
}
