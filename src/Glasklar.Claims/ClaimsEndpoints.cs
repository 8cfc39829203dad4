using System.Security.Claims;
using Glasklar.Claims.Contracts;
using Glasklar.Claims.Processing;
using Glasklar.Claims.Submission;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Glasklar.Claims;

/// <summary>
/// The claims API (B1, B3): customers link contracts and submit claims; the insurer's clerks work the
/// queue and settle. Errors are RFC 9457 problem details naming each bad field, in German.
/// </summary>
internal static class ClaimsEndpoints
{
    private const string Invalid = "Die Angaben sind unvollständig oder ungültig.";

    public static IEndpointRouteBuilder MapClaimsApi(this IEndpointRouteBuilder endpoints)
    {
        var customer = endpoints.MapGroup("/api/v1/claims").RequireAuthorization(p => p.RequireRole(Roles.Customer)).WithTags("Erstattung")
            .AddEndpointFilter<Terms.TermsGateEndpointFilter>();
        customer.MapGet("/contracts", ListContracts).WithSummary("Die mit dem Kundenkonto verknüpften Verträge mit versicherten Personen.");
        customer.MapPost("/contracts/link", LinkContract).WithSummary("Verknüpft einen Vertrag über Versicherungsnummer und Geburtsdatum des Versicherungsnehmers.");
        customer.MapGet("/", ListOwn).WithSummary("Die eigenen Erstattungsanträge mit Status.");
        customer.MapPost("/", Submit).WithSummary("Reicht einen Erstattungsantrag mit Belegen ein; Antwort ist die Empfangsbestätigung.")
            .WithDescription("Belege als Base64 in receipts, oder schneller als multipart/form-data: ein Teil „claim“ mit diesem JSON ohne receipts "
                + "und je Beleg ein Dateiteil „receipts“ (Dateiname im Content-Disposition). Gleiche Prüfungen, gleiche Antworten.");

        // Same route, chosen by Content-Type (ASP.NET Core's accepts matcher policy): the receipts as file parts
        // instead of base64 in JSON, as a browser form sends them (ADR 0030). SameSite=Strict on the session cookie
        // keeps cross-site form posts out, so no antiforgery token is needed here, as for the JSON variant.
        // OpenAPI knows one operation per path and method, so the JSON operation describes both variants.
        customer.MapPost("/", SubmitMultipart).Accepts<ClaimSubmissionRequest>("multipart/form-data").DisableAntiforgery().ExcludeFromDescription();
        customer.MapGet("/{id:guid}", OwnDetail).WithSummary("Ein eigener Antrag mit Status und, sobald abgerechnet, der Leistungsabrechnung.");

        var clerk = endpoints.MapGroup("/api/v1/claims/queue").RequireAuthorization(p => p.RequireRole(Roles.InsurerClerk)).WithTags("Erstattung");
        clerk.MapGet("/", Queue).WithSummary("Eingang der Leistungsabteilung (nur eigene Versicherung); Filter status=eingegangen|abgerechnet, from/to (Eingangsdatum), name (versicherte Person), overdue=true.");
        clerk.MapGet("/{id:guid}", ClerkDetail).WithSummary("Ein Antrag mit Leistungen, Belegen und Bankverbindung.");
        clerk.MapPost("/{id:guid}/decision", Decide).WithSummary("Entscheidet jede Leistung und rechnet den Antrag ab.");
        return endpoints;
    }

    private static Guid UserId(HttpContext http) => Guid.Parse(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private static ValidationProblem Problem(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: Invalid);

    private static async Task<Ok<IReadOnlyList<ContractView>>> ListContracts(HttpContext http, ContractService contracts, CancellationToken ct) =>
        TypedResults.Ok(await contracts.ForCustomerAsync(UserId(http), ct));

    private static async Task<Results<Ok<ContractView>, ValidationProblem, ProblemHttpResult>> LinkContract(LinkContractRequest? request, HttpContext http, Registration.ContractLinking linking, CancellationToken ct)
    {
        var result = await linking.LinkAsync(UserId(http), http.ClientIp(), request ?? new LinkContractRequest(null, null), ct);
        if (result.Throttled)
        {
            return TypedResults.Problem(result.Errors["policyNumber"][0], statusCode: StatusCodes.Status429TooManyRequests,
                title: "Zu viele fehlgeschlagene Versuche.", extensions: new Dictionary<string, object?> { ["errors"] = result.Errors });
        }

        return result.Contract is { } contract ? TypedResults.Ok(contract) : Problem(result.Errors);
    }

    private static async Task<Ok<IReadOnlyList<ClaimSummary>>> ListOwn(HttpContext http, ClaimViews views, CancellationToken ct) =>
        TypedResults.Ok(await views.ForCustomerAsync(UserId(http), ct));

    private static async Task<Results<Created<ReceiptConfirmation>, ValidationProblem>> Submit(ClaimSubmissionRequest? request, HttpContext http, ClaimSubmissionService service, CancellationToken ct)
    {
        if (request is null)
        {
            return Problem(new Dictionary<string, string[]> { ["body"] = ["Bitte senden Sie den Antrag als JSON."] });
        }

        var result = await service.SubmitAsync(UserId(http), http.ClientIp(), request, ct);
        return result.Confirmation is { } confirmation
            ? TypedResults.Created($"/api/v1/claims/{confirmation.ClaimId}", confirmation)
            : Problem(result.Errors);
    }

    private static async Task<Results<Created<ReceiptConfirmation>, ValidationProblem>> SubmitMultipart(HttpContext http, ClaimSubmissionService service, CancellationToken ct)
    {
        using var upload = await ClaimMultipart.ReadAsync(http.Request, ct);
        if (upload.Request is not { } request)
        {
            return Problem(upload.Errors);
        }

        var result = await service.SubmitAsync(UserId(http), http.ClientIp(), request, upload.Receipts, ct);
        return result.Confirmation is { } confirmation
            ? TypedResults.Created($"/api/v1/claims/{confirmation.ClaimId}", confirmation)
            : Problem(result.Errors);
    }

    private static async Task<Results<Ok<ClaimDetail>, NotFound>> OwnDetail(Guid id, HttpContext http, ClaimViews views, CancellationToken ct) =>
        await views.CustomerDetailAsync(UserId(http), id, ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<QueueRow>>, ValidationProblem>> Queue([AsParameters] QueueQuery query, ClerkQueue queue, CancellationToken ct)
    {
        var (filter, errors) = ClerkQueue.Parse(query);
        return filter is null ? Problem(errors) : TypedResults.Ok(await queue.ListAsync(filter, ct));
    }

    private static async Task<Results<Ok<ClaimDetail>, NotFound>> ClerkDetail(Guid id, HttpContext http, ClaimViews views, Timeline.ClaimTimeline timeline, CancellationToken ct)
    {
        if (await views.ClerkDetailAsync(id, ct) is not { } detail)
        {
            return TypedResults.NotFound();
        }

        await timeline.MarkInReviewAsync(UserId(http), id, ct);
        return TypedResults.Ok(detail);
    }

    private static async Task<Results<Ok<ClaimDetail>, NotFound, ValidationProblem>> Decide(Guid id, DecisionRequest? request, HttpContext http,
        ClaimDecisionService decisions, ClaimViews views, CancellationToken ct)
    {
        var result = await decisions.DecideAsync(UserId(http), http.ClientIp(), id, request ?? new DecisionRequest(null), ct);
        if (!result.Found)
        {
            return TypedResults.NotFound();
        }

        return result.Succeeded ? TypedResults.Ok((await views.ClerkDetailAsync(id, ct))!) : Problem(result.Errors);
    }
}
