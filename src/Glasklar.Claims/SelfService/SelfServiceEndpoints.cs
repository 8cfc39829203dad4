using System.Globalization;
using System.Security.Claims;
using Glasklar.Claims.Drafts;
using Glasklar.Claims.Marketing;
using Glasklar.Claims.Profile;
using Glasklar.Claims.Submission;
using Glasklar.Claims.Terms;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Glasklar.Claims.SelfService;

public sealed record TermsStatus(bool Published, string? Version, DateOnly? EffectiveFrom, IReadOnlyList<string> Changes, bool Acknowledged);

public sealed record TermsAcknowledgement(string? Version);

public sealed record MarketingSettings(bool Objected);

public sealed record OfferMailingResult(int Sent);

/// <summary>
/// The customer's own settings and drafts over the API (B4, B8, B14): terms status and acknowledgement,
/// the objection to direct marketing, offers, the saved bank account and drafts. Terms and the objection
/// are never behind the terms gate (a right is never conditional on new terms); the rest is.
/// </summary>
internal static class SelfServiceEndpoints
{
    private const string Invalid = "Die Angaben sind unvollständig oder ungültig.";

    public static IEndpointRouteBuilder MapClaimsSelfServiceApi(this IEndpointRouteBuilder endpoints)
    {
        var open = endpoints.MapGroup("/api/v1/claims").RequireAuthorization(p => p.RequireRole(Roles.Customer)).WithTags("Erstattung");
        open.MapGet("/terms", GetTerms).WithSummary("Die veröffentlichte Fassung von Nutzungsbedingungen und Datenschutzhinweisen und ob sie bestätigt ist.");
        open.MapPost("/terms/acknowledgement", Acknowledge).WithSummary("Bestätigt die veröffentlichte Fassung (Einwilligungsprotokoll).");
        open.MapGet("/marketing", GetMarketing).WithSummary("Ob Sie der Direktwerbung widersprochen haben.");
        open.MapPut("/marketing", SetMarketing).WithSummary("Widerspruch gegen Direktwerbung einlegen (objected=true) oder zurücknehmen.");

        var gated = endpoints.MapGroup("/api/v1/claims").RequireAuthorization(p => p.RequireRole(Roles.Customer)).WithTags("Erstattung")
            .AddEndpointFilter<TermsGateEndpointFilter>();
        gated.MapGet("/offers", GetOffers).WithSummary("Angebote für Sie (nur aus den zulässigen Merkmalen; keine nach Widerspruch).");
        gated.MapGet("/profile/bank", GetBank).WithSummary("Die im Profil gespeicherte Bankverbindung (füllt den Antrag vor).");
        gated.MapPut("/profile/bank", SaveBank).WithSummary("Speichert die Bankverbindung verschlüsselt im Profil.");
        gated.MapDelete("/profile/bank", RemoveBank).WithSummary("Entfernt die Bankverbindung aus dem Profil.");
        gated.MapGet("/drafts", ListDrafts).WithSummary("Ihre Antragsentwürfe (werden nach 30 Tagen ohne Änderung gelöscht).");
        gated.MapPost("/drafts", CreateDraft).WithSummary("Speichert einen halb ausgefüllten Antrag als Entwurf (kein Antrag, nicht im Eingang).");
        gated.MapGet("/drafts/{id:guid}", GetDraft).WithSummary("Ein eigener Entwurf zum Weiterbearbeiten.");
        gated.MapPut("/drafts/{id:guid}", UpdateDraft).WithSummary("Ändert einen eigenen Entwurf.");
        gated.MapDelete("/drafts/{id:guid}", DiscardDraft).WithSummary("Verwirft einen eigenen Entwurf.");

        endpoints.MapPost("/api/v1/claims/offers/mailing", MailOffers).RequireAuthorization(p => p.RequireRole(Roles.OperatorAdmin)).WithTags("Erstattung")
            .WithSummary("Benachrichtigt Kundinnen und Kunden ohne Widerspruch per E-Mail über neue Angebote (ohne Inhalt).");
        return endpoints;
    }

    private static Guid UserId(HttpContext http) => Guid.Parse(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private static ValidationProblem Problem(IReadOnlyDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors, title: Invalid);

    private static ValidationProblem Problem(string field, string message) => Problem(new Dictionary<string, string[]> { [field] = [message] });

    private static async Task<Ok<TermsStatus>> GetTerms(HttpContext http, TermsService terms, CancellationToken ct) =>
        TypedResults.Ok(await terms.CurrentAsync(UserId(http), ct) is { } t
            ? new TermsStatus(true, t.Version, t.EffectiveFrom, t.Changes, t.AcknowledgedVersion == t.Version)
            : new TermsStatus(false, null, null, [], true));

    private static async Task<Results<NoContent, ValidationProblem>> Acknowledge(TermsAcknowledgement? body, HttpContext http, TermsService terms, CancellationToken ct) =>
        await terms.AcknowledgeAsync(UserId(http), body?.Version, ct) is { } error ? Problem("version", error.Message) : TypedResults.NoContent();

    private static async Task<Ok<MarketingSettings>> GetMarketing(HttpContext http, MarketingObjection objection, CancellationToken ct) =>
        TypedResults.Ok(new MarketingSettings(await objection.IsObjectedAsync(UserId(http), ct)));

    private static async Task<Results<Ok<MarketingSettings>, ValidationProblem>> SetMarketing(MarketingSettings? body, HttpContext http, MarketingObjection objection, CancellationToken ct)
    {
        if (body is null)
        {
            return Problem("objected", "Bitte geben Sie an, ob Sie der Direktwerbung widersprechen (objected: true oder false).");
        }

        return await objection.SetAsync(UserId(http), body.Objected, ct) is { } error
            ? Problem("objected", error.Message)
            : TypedResults.Ok(new MarketingSettings(await objection.IsObjectedAsync(UserId(http), ct)));
    }

    private static async Task<Ok<IReadOnlyList<OfferView>>> GetOffers(HttpContext http, OfferService offers, CancellationToken ct) =>
        TypedResults.Ok(await offers.ForCustomerAsync(UserId(http), CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, ct));

    private static async Task<Results<Ok<BankAccountInput>, NotFound>> GetBank(HttpContext http, CustomerProfileService profiles, CancellationToken ct) =>
        await profiles.BankAsync(UserId(http), ct) is { } bank ? TypedResults.Ok(bank) : TypedResults.NotFound();

    private static async Task<Results<Ok<BankAccountInput>, ValidationProblem>> SaveBank(BankAccountInput? body, HttpContext http, CustomerProfileService profiles, CancellationToken ct)
    {
        var errors = await profiles.SaveBankAsync(UserId(http), body, ct);
        return errors.Count > 0 ? Problem(errors) : TypedResults.Ok((await profiles.BankAsync(UserId(http), ct))!);
    }

    private static async Task<NoContent> RemoveBank(HttpContext http, CustomerProfileService profiles, CancellationToken ct)
    {
        await profiles.RemoveBankAsync(UserId(http), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<DraftView>>> ListDrafts(HttpContext http, DraftService drafts, CancellationToken ct) =>
        TypedResults.Ok(await drafts.ForCustomerAsync(UserId(http), ct));

    private static async Task<Results<Created<DraftView>, ValidationProblem>> CreateDraft(DraftInput? body, HttpContext http, DraftService drafts, CancellationToken ct)
    {
        var result = await drafts.SaveAsync(UserId(http), null, body, ct);
        return result.Draft is { } d ? TypedResults.Created($"/api/v1/claims/drafts/{d.Id}", d) : Problem(result.Errors);
    }

    private static async Task<Results<Ok<DraftView>, NotFound>> GetDraft(Guid id, HttpContext http, DraftService drafts, CancellationToken ct) =>
        await drafts.FindAsync(UserId(http), id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    private static async Task<Results<Ok<DraftView>, NotFound, ValidationProblem>> UpdateDraft(Guid id, DraftInput? body, HttpContext http, DraftService drafts, CancellationToken ct)
    {
        var result = await drafts.SaveAsync(UserId(http), id, body, ct);
        if (!result.Found)
        {
            return TypedResults.NotFound();
        }

        return result.Draft is { } d ? TypedResults.Ok(d) : Problem(result.Errors);
    }

    private static async Task<Results<NoContent, NotFound>> DiscardDraft(Guid id, HttpContext http, DraftService drafts, CancellationToken ct) =>
        await drafts.DiscardAsync(UserId(http), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Ok<OfferMailingResult>> MailOffers(HttpContext http, OfferMailing mailing, CancellationToken ct) =>
        TypedResults.Ok(new OfferMailingResult(await mailing.SendAsync(UserId(http), http.ClientIp(), ct)));
}
