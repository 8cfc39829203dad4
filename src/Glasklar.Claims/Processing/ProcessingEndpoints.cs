using System.Security.Claims;
using Glasklar.Claims.Documents;
using Glasklar.Claims.Messages;
using Glasklar.Claims.Pdf;
using Glasklar.Claims.Submission;
using Glasklar.Claims.Timeline;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Glasklar.Claims.Processing;

/// <summary>
/// Claim processing API (B1, B3, B8): timeline, document tasks, portal messages, receipt downloads and the
/// two PDFs. Every route answers 404 for a claim the caller may not see (another customer's, another insurer's).
/// Files go out with <c>Cache-Control: no-store</c> and as attachments.
/// </summary>
internal static class ProcessingEndpoints
{
    private const string Invalid = "Die Angaben sind unvollständig oder ungültig.";

    public static IEndpointRouteBuilder MapClaimsProcessing(this IEndpointRouteBuilder endpoints)
    {
        var customer = endpoints.MapGroup("/api/v1/claims/{id:guid}").RequireAuthorization(p => p.RequireRole(Roles.Customer)).WithTags("Erstattung");
        customer.MapGet("/timeline", (Guid id, HttpContext http, ClaimTimeline t, CancellationToken ct) => Timeline(ClaimCaller.Customer(UserId(http)), id, t, ct))
            .WithSummary("Bearbeitungsverlauf des eigenen Antrags.");
        customer.MapGet("/tasks", (Guid id, HttpContext http, DocumentRequestService s, CancellationToken ct) => Tasks(ClaimCaller.Customer(UserId(http)), id, s, ct))
            .WithSummary("Angeforderte Unterlagen des eigenen Antrags.");
        customer.MapPost("/tasks/{taskId:guid}/document", Upload).WithSummary("Lädt eine angeforderte Unterlage hoch (PDF, JPEG, PNG; gleiche Prüfung wie beim Antrag).");
        customer.MapGet("/messages", (Guid id, HttpContext http, ClaimMessageService s, CancellationToken ct) => Thread(ClaimCaller.Customer(UserId(http)), id, s, ct))
            .WithSummary("Nachrichten zum eigenen Antrag.");
        customer.MapPost("/messages", (Guid id, MessageInput? input, HttpContext http, ClaimMessageService s, CancellationToken ct) =>
            Post(ClaimCaller.Customer(UserId(http)), id, input, http, s, ct)).WithSummary("Schreibt der Leistungsabteilung eine Nachricht.");
        customer.MapGet("/receipts/{receiptId:guid}", (Guid id, Guid receiptId, HttpContext http, ReceiptFiles f, CancellationToken ct) =>
            Receipt(ClaimCaller.Customer(UserId(http)), id, receiptId, http, f, ct)).WithSummary("Ein eigener Beleg (Download).");
        customer.MapGet("/bestaetigung.pdf", async (Guid id, HttpContext http, ClaimPdf pdf, CancellationToken ct) =>
            File(http, await pdf.ReceiptConfirmationAsync(UserId(http), id, ct), "empfangsbestaetigung.pdf")).WithSummary("Empfangsbestätigung als PDF.");
        customer.MapGet("/abrechnung.pdf", async (Guid id, HttpContext http, ClaimPdf pdf, CancellationToken ct) =>
            File(http, await pdf.StatementAsync(UserId(http), id, ct), "leistungsabrechnung.pdf")).WithSummary("Leistungsabrechnung als PDF (sobald abgerechnet).");

        var clerk = endpoints.MapGroup("/api/v1/claims/queue/{id:guid}").RequireAuthorization(p => p.RequireRole(Roles.InsurerClerk)).WithTags("Erstattung");
        clerk.MapGet("/timeline", (Guid id, HttpContext http, ClaimTimeline t, CancellationToken ct) => Timeline(ClaimCaller.Clerk(UserId(http)), id, t, ct))
            .WithSummary("Bearbeitungsverlauf eines Antrags.");
        clerk.MapGet("/tasks", (Guid id, HttpContext http, DocumentRequestService s, CancellationToken ct) => Tasks(ClaimCaller.Clerk(UserId(http)), id, s, ct))
            .WithSummary("Angeforderte Unterlagen eines Antrags.");
        clerk.MapPost("/tasks", RequestDocument).WithSummary("Fordert eine fehlende Unterlage mit Frist an; die Kundin oder der Kunde sieht eine Aufgabe.");
        clerk.MapGet("/messages", (Guid id, HttpContext http, ClaimMessageService s, CancellationToken ct) => Thread(ClaimCaller.Clerk(UserId(http)), id, s, ct))
            .WithSummary("Nachrichten zu einem Antrag.");
        clerk.MapPost("/messages", (Guid id, MessageInput? input, HttpContext http, ClaimMessageService s, CancellationToken ct) =>
            Post(ClaimCaller.Clerk(UserId(http)), id, input, http, s, ct)).WithSummary("Schreibt der Kundin oder dem Kunden eine Nachricht.");
        clerk.MapGet("/receipts/{receiptId:guid}", (Guid id, Guid receiptId, HttpContext http, ReceiptFiles f, CancellationToken ct) =>
            Receipt(ClaimCaller.Clerk(UserId(http)), id, receiptId, http, f, ct)).WithSummary("Ein Beleg des Antrags (Download).");
        return endpoints;
    }

    private static Guid UserId(HttpContext http) => Guid.Parse(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private static ValidationProblem Problem(IReadOnlyDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors, title: Invalid);

    private static async Task<Results<Ok<IReadOnlyList<TimelineStep>>, NotFound>> Timeline(ClaimCaller caller, Guid id, ClaimTimeline timeline, CancellationToken ct) =>
        await timeline.ForAsync(caller, id, ct) is { } steps ? TypedResults.Ok(steps) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<DocumentTaskView>>, NotFound>> Tasks(ClaimCaller caller, Guid id, DocumentRequestService service, CancellationToken ct) =>
        await service.ListAsync(caller, id, ct) is { } tasks ? TypedResults.Ok(tasks) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<MessageView>>, NotFound>> Thread(ClaimCaller caller, Guid id, ClaimMessageService service, CancellationToken ct) =>
        await service.ThreadAsync(caller, id, ct) is { } thread ? TypedResults.Ok(thread) : TypedResults.NotFound();

    private static async Task<Results<Created<MessageView>, NotFound, ValidationProblem>> Post(ClaimCaller caller, Guid id, MessageInput? input, HttpContext http,
        ClaimMessageService service, CancellationToken ct)
    {
        var result = await service.PostAsync(caller, http.ClientIp(), id, input ?? new MessageInput(null), ct);
        if (!result.Found)
        {
            return TypedResults.NotFound();
        }

        return result.Message is { } message ? TypedResults.Created($"{http.Request.Path}", message) : Problem(result.Errors);
    }

    private static async Task<Results<Created<DocumentTaskView>, NotFound, ValidationProblem>> RequestDocument(Guid id, DocumentRequestInput? input, HttpContext http,
        DocumentRequestService service, CancellationToken ct)
    {
        var result = await service.RequestAsync(UserId(http), http.ClientIp(), id, input ?? new DocumentRequestInput(null, null), ct);
        if (!result.Found)
        {
            return TypedResults.NotFound();
        }

        return result.Task is { } task ? TypedResults.Created($"{http.Request.Path}", task) : Problem(result.Errors);
    }

    private static async Task<Results<Ok<DocumentTaskView>, NotFound, ValidationProblem>> Upload(Guid id, Guid taskId, ReceiptInput? input, HttpContext http,
        DocumentRequestService service, CancellationToken ct)
    {
        byte[] content;
        try
        {
            content = Convert.FromBase64String(input?.ContentBase64 ?? "");
        }
        catch (FormatException)
        {
            return Problem(new Dictionary<string, string[]> { ["contentBase64"] = ["Der Dateiinhalt ist nicht lesbar (Base64 erwartet)."] });
        }

        var result = await service.UploadAsync(UserId(http), http.ClientIp(), id, taskId, input?.FileName, content, ct);
        if (!result.Found)
        {
            return TypedResults.NotFound();
        }

        return result.Task is { } task ? TypedResults.Ok(task) : Problem(result.Errors);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Receipt(ClaimCaller caller, Guid id, Guid receiptId, HttpContext http, ReceiptFiles files, CancellationToken ct)
    {
        if (await files.GetAsync(caller, id, receiptId, ct) is not { } file)
        {
            return TypedResults.NotFound();
        }

        NoStore(http);
        return TypedResults.File(file.Content, file.ContentType, ReceiptDownloadName.For(file.FileName, file.ContentType));
    }

    private static Results<FileContentHttpResult, NotFound> File(HttpContext http, byte[]? pdf, string name)
    {
        if (pdf is null)
        {
            return TypedResults.NotFound();
        }

        NoStore(http);
        return TypedResults.File(pdf, "application/pdf", name);
    }

    private static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = SecurityHeaders.NoStore;
        http.Response.Headers.Pragma = "no-cache";
    }
}
