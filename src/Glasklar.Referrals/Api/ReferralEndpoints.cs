using System.Globalization;
using System.Text.Json;
using Glasklar.Referrals.Domain;
using Glasklar.Referrals.Photos;
using Glasklar.Referrals.Postkorb;
using Glasklar.Referrals.Submission;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Referrals.Api;

/// <summary>
/// The referral API (issue 5): agencies submit with an API key or their session; the repair network reads new
/// referrals. Another agency's referral is answered with 404, never 403, so its existence is not revealed.
/// </summary>
internal static class ReferralEndpoints
{
    private const string NotFoundTitle = "Die Vermittlung wurde nicht gefunden.";

    public static IEndpointRouteBuilder MapReferralApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/referrals").WithTags("Vermittlung").RequireAuthorization();
        api.MapPost("", Submit).WithName("SubmitReferral")
            .WithSummary("Legt eine Komplett- oder Schnellvermittlung an (Pflicht: surname, phone, licencePlate, policyNumber).")
            .Accepts<JsonElement>("application/json")
            .Produces<ReferralCreated>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapGet("/{id:guid}", Get).WithName("GetReferral").WithSummary("Eine Vermittlung der eigenen Agentur bzw. für das Werkstattnetz.")
            .Produces<ReferralDto>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("", List).WithName("ListReferrals").WithSummary("Vermittlungen seit einem Zeitpunkt (Werkstattnetz: alle Agenturen; Agentur: eigene).")
            .Produces<IReadOnlyList<ReferralDto>>().ProducesValidationProblem();
        api.MapPost("/{id:guid}/status", ChangeStatus).WithName("ChangeReferralStatus").WithSummary("Bearbeitungsstand ändern (nur Werkstattnetz).")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem();
        api.MapPost("/{id:guid}/photos", UploadPhoto).WithName("UploadReferralPhoto").DisableAntiforgery()
            .WithSummary("Schadenfoto hochladen (multipart, Feld „file“; höchstens 5; Metadaten werden entfernt).")
            .Produces<PhotoDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapGet("/{id:guid}/photos", ListPhotos).WithName("ListReferralPhotos").Produces<IReadOnlyList<PhotoDto>>();
        api.MapGet("/{id:guid}/photos/{photoId:guid}", GetPhoto).WithName("GetReferralPhoto").WithSummary("Ein Schadenfoto (nicht zwischengespeichert).");
        api.MapPost("/{id:guid}/messages", WriteMessage).WithName("WritePostkorbMessage")
            .WithSummary("Postkorb: neues Ticket (subject + body) oder Antwort (ticketId + body).")
            .Produces<TicketDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapGet("/{id:guid}/messages", ListMessages).WithName("ListPostkorbTickets").Produces<IReadOnlyList<TicketDto>>();
        return endpoints;
    }

    private static async Task<IResult> Submit(HttpContext http, CallerResolver callers, ReferralService referrals, CancellationToken ct)
    {
        if (await callers.ResolveAsync(http.User, ct) is not { IsAgency: true } caller)
        {
            return Forbidden("Nur Agenturen können Vermittlungen anlegen.");
        }

        JsonElement body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<JsonElement>(ct);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = ["Der Inhalt ist kein gültiges JSON (Content-Type: application/json)."] },
                title: "Die Vermittlung wurde nicht angelegt.");
        }

        var (input, parseErrors) = ReferralJson.Read(body);
        if (input is null)
        {
            return TypedResults.ValidationProblem(parseErrors!, title: "Die Vermittlung wurde nicht angelegt.");
        }

        var result = await referrals.SubmitAsync(caller, input, ct);
        if (result.Referral is not { } referral)
        {
            return TypedResults.ValidationProblem(result.Errors!.Errors.ToDictionary(), title: "Die Vermittlung wurde nicht angelegt.",
                detail: "Bitte korrigieren Sie die genannten Felder. Es wurde nichts gespeichert.",
                extensions: result.Errors.Suggestions.Count > 0 ? new Dictionary<string, object?> { ["suggestions"] = result.Errors.Suggestions } : null);
        }

        return TypedResults.Created($"/api/v1/referrals/{referral.Id}",
            new ReferralCreated(referral.Id, referral.ServiceNumber, referral.Mode.ToString().ToLowerInvariant(), ReferralStatuses.Code(referral.Status), ReferralDto.Utc(referral.CreatedUtc)));
    }

    private static async Task<IResult> Get(Guid id, HttpContext http, CallerResolver callers, ReferralService referrals, PhotoService photos, CancellationToken ct)
    {
        if (await callers.ResolveAsync(http.User, ct) is not { Party: not Party.None } caller)
        {
            return Forbidden("Vermittlungen sehen nur Agenturen und das Werkstattnetz.");
        }

        var referral = await referrals.FindAsync(caller, id, ct);
        return referral is null ? NotFound() : TypedResults.Ok(ReferralDto.From(referral, (await photos.ListAsync(caller, id, ct)).Count));
    }

    private static async Task<IResult> List(string? since, HttpContext http, CallerResolver callers, ReferralService referrals, CancellationToken ct)
    {
        if (await callers.ResolveAsync(http.User, ct) is not { Party: not Party.None } caller)
        {
            return Forbidden("Vermittlungen sehen nur Agenturen und das Werkstattnetz.");
        }

        DateTime? sinceUtc = null;
        if (!string.IsNullOrWhiteSpace(since))
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["since"] = ["Bitte geben Sie „since“ als Zeitpunkt nach ISO 8601 an, z. B. 2026-12-01T00:00:00Z."] });
            }

            sinceUtc = parsed.UtcDateTime;
        }

        var list = await referrals.ListAsync(caller, sinceUtc, 500, ct);
        return TypedResults.Ok(list.Select(r => ReferralDto.From(r, -1)).ToList());
    }

    private static async Task<IResult> ChangeStatus(Guid id, StatusChange change, HttpContext http, CallerResolver callers, ReferralService referrals, CancellationToken ct)
    {
        if (await callers.ResolveAsync(http.User, ct) is not { } caller || caller.Party == Party.None)
        {
            return Forbidden("Nur das Werkstattnetz kann den Bearbeitungsstand ändern.");
        }

        if (await referrals.FindAsync(caller, id, ct) is null)
        {
            return NotFound();
        }

        if (ReferralStatuses.Parse(change.Status) is not { } next)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["status"] = [$"Bitte einen dieser Stände angeben: {string.Join(", ", Enum.GetValues<ReferralStatus>().Select(ReferralStatuses.Code))}."],
            });
        }

        var error = await referrals.ChangeStatusAsync(caller, id, next, ct);
        return error is null ? TypedResults.NoContent() : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [error] });
    }

    private static async Task<IResult> UploadPhoto(Guid id, HttpContext http, CallerResolver callers, PhotoService photos, CancellationToken ct)
    {
        if (await callers.ResolveAsync(http.User, ct) is not { Party: not Party.None } caller)
        {
            return Forbidden("Fotos laden nur Agenturen und das Werkstattnetz hoch.");
        }

        if (!http.Request.HasFormContentType)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Bitte senden Sie das Foto als multipart/form-data im Feld „file“."] });
        }

        var form = await http.Request.ReadFormAsync(ct);
        if (form.Files.GetFile("file") is not { } file)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Bitte wählen Sie ein Foto aus (Feld „file“)."] });
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var result = await photos.AddAsync(caller, id, buffer.ToArray(), ct);
        if (result.NotFound)
        {
            return NotFound();
        }

        return result.Photo is { } p
            ? TypedResults.Created($"/api/v1/referrals/{id}/photos/{p.Id}", ToDto(p))
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [result.Error!] }, title: "Das Foto wurde nicht gespeichert.");
    }

    private static async Task<IResult> ListPhotos(Guid id, HttpContext http, CallerResolver callers, ReferralService referrals, PhotoService photos, CancellationToken ct)
    {
        if (await callers.ResolveAsync(http.User, ct) is not { Party: not Party.None } caller)
        {
            return Forbidden("Fotos sehen nur Agenturen und das Werkstattnetz.");
        }

        return await referrals.FindAsync(caller, id, ct) is null ? NotFound() : TypedResults.Ok((await photos.ListAsync(caller, id, ct)).Select(ToDto).ToList());
    }

    private static async Task<IResult> GetPhoto(Guid id, Guid photoId, HttpContext http, CallerResolver callers, PhotoService photos, CancellationToken ct)
    {
        if (await callers.ResolveAsync(http.User, ct) is not { Party: not Party.None } caller)
        {
            return Forbidden("Fotos sehen nur Agenturen und das Werkstattnetz.");
        }

        var photo = await photos.ReadAsync(caller, id, photoId, ct);
        if (photo is not { } found)
        {
            return NotFound();
        }

        // A9: photos serve only this claim; never cached, never offered as a public URL.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        return TypedResults.File(found.Bytes, found.Photo.ContentType);
    }

    private static async Task<IResult> WriteMessage(Guid id, MessageRequest request, HttpContext http, CallerResolver callers, PostkorbService postkorb, CancellationToken ct)
    {
        if (await callers.ResolveAsync(http.User, ct) is not { Party: not Party.None } caller)
        {
            return Forbidden("Den Postkorb nutzen nur Agenturen und das Werkstattnetz.");
        }

        var result = await postkorb.WriteAsync(caller, id, new PostkorbInput(request.TicketId, request.Subject, request.Body, request.AcknowledgeWarnings == true, request.Close == true),
            $"{http.Request.Scheme}://{http.Request.Host}", ct);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Ticket is null)
        {
            var errors = result.Errors?.ToDictionary() ?? new Dictionary<string, string[]>
            {
                ["acknowledgeWarnings"] = ["Der Text enthält vermutlich unnötige personenbezogene Daten. Bitte prüfen Sie ihn, oder senden Sie ihn mit „acknowledgeWarnings“: true."],
            };
            return TypedResults.ValidationProblem(errors, title: "Die Nachricht wurde nicht gespeichert.",
                extensions: result.Warnings.Count > 0 ? new Dictionary<string, object?> { ["warnings"] = result.Warnings } : null);
        }

        return TypedResults.Created($"/api/v1/referrals/{id}/messages", TicketDto.From(result.Ticket, result.Warnings));
    }

    private static async Task<IResult> ListMessages(Guid id, HttpContext http, CallerResolver callers, PostkorbService postkorb, CancellationToken ct)
    {
        if (await callers.ResolveAsync(http.User, ct) is not { Party: not Party.None } caller)
        {
            return Forbidden("Den Postkorb nutzen nur Agenturen und das Werkstattnetz.");
        }

        var tickets = await postkorb.ListAsync(caller, id, ct);
        return tickets is null ? NotFound() : TypedResults.Ok(tickets.Select(t => TicketDto.From(t)).ToList());
    }

    private static PhotoDto ToDto(ReferralPhoto p) =>
        new(p.Id, p.ContentType, p.Width, p.Height, p.SizeBytes, ReferralDto.Utc(p.UploadedUtc), p.RemovedMetadata);

    private static IResult NotFound() => TypedResults.Problem(title: NotFoundTitle, statusCode: StatusCodes.Status404NotFound);

    private static IResult Forbidden(string detail) => TypedResults.Problem(title: "Sie haben keinen Zugriff auf diese Ressource.", detail: detail, statusCode: StatusCodes.Status403Forbidden);
}
