using Glasklar.Referrals.Domain;
using Glasklar.Referrals.Photos;
using Glasklar.Referrals.Postkorb;
using Glasklar.Referrals.Submission;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Referrals.Areas.Vermittlung.Pages;

/// <summary>
/// One referral for the agency and the repair network: data, status (changed by the network, seen by the agency),
/// damage photos (A9) and the Postkorb (A13). Another agency's referral is a 404.
/// </summary>
[Authorize]
internal sealed class DetailModel(CallerResolver callers, ReferralService referrals, PhotoService photos, PostkorbService postkorb) : PageModel
{
    public Referral Referral { get; private set; } = null!;

    public Caller Caller { get; private set; } = null!;

    public IReadOnlyList<ReferralPhoto> Photos { get; private set; } = [];

    public IReadOnlyList<PostkorbTicket> Tickets { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> PostkorbErrors { get; private set; } = new Dictionary<string, string[]>();

    public Guid? PostkorbTicketId { get; private set; }

    public string? DraftSubject { get; private set; }

    public string? DraftBody { get; private set; }

    public Task<IActionResult> OnGetAsync(Guid id, string? neu, CancellationToken cancellationToken) =>
        LoadAsync(id, neu is null ? null : "Die Vermittlung wurde angelegt und an das Werkstattnetz übermittelt.", cancellationToken);

    public async Task<IActionResult> OnPostStatusAsync(Guid id, string? status, CancellationToken cancellationToken)
    {
        if (await callers.ResolveAsync(User, cancellationToken) is not { } caller)
        {
            return Forbid();
        }

        var error = ReferralStatuses.Parse(status) is { } next
            ? await referrals.ChangeStatusAsync(caller, id, next, cancellationToken)
            : "Bitte wählen Sie einen Bearbeitungsstand.";
        Error = error;
        return await LoadAsync(id, error is null ? "Der Bearbeitungsstand wurde geändert." : null, cancellationToken);
    }

    public async Task<IActionResult> OnPostFotoAsync(Guid id, IFormFile? foto, CancellationToken cancellationToken)
    {
        if (await callers.ResolveAsync(User, cancellationToken) is not { } caller)
        {
            return Forbid();
        }

        if (foto is null || foto.Length == 0)
        {
            Error = "Bitte wählen Sie ein Foto aus.";
            return await LoadAsync(id, null, cancellationToken);
        }

        using var buffer = new MemoryStream();
        await foto.CopyToAsync(buffer, cancellationToken);
        var result = await photos.AddAsync(caller, id, buffer.ToArray(), cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        Error = result.Error;
        return await LoadAsync(id, result.Photo is null ? null : "Das Foto wurde ohne Metadaten gespeichert.", cancellationToken);
    }

    public async Task<IActionResult> OnPostPostkorbAsync(Guid id, Guid? ticketId, string? subject, string? body, bool acknowledge, bool close, CancellationToken cancellationToken)
    {
        if (await callers.ResolveAsync(User, cancellationToken) is not { } caller)
        {
            return Forbid();
        }

        var result = await postkorb.WriteAsync(caller, id, new PostkorbInput(ticketId, subject, body, acknowledge, close), $"{Request.Scheme}://{Request.Host}", cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Ticket is null)
        {
            PostkorbErrors = result.Errors ?? new Dictionary<string, string[]>();
            Warnings = result.Warnings;
            PostkorbTicketId = ticketId;
            DraftSubject = subject;
            DraftBody = body;
            Error = "Die Nachricht wurde nicht gesendet.";
            return await LoadAsync(id, null, cancellationToken);
        }

        return await LoadAsync(id, close ? "Das Ticket wurde geschlossen." : "Die Nachricht wurde gesendet.", cancellationToken);
    }

    private async Task<IActionResult> LoadAsync(Guid id, string? message, CancellationToken cancellationToken)
    {
        if (await callers.ResolveAsync(User, cancellationToken) is not { Party: not Party.None } caller)
        {
            return Forbid();
        }

        var referral = await referrals.FindAsync(caller, id, cancellationToken);
        if (referral is null)
        {
            return NotFound();
        }

        Caller = caller;
        Referral = referral;
        Photos = await photos.ListAsync(caller, id, cancellationToken);
        Tickets = await postkorb.ListAsync(caller, id, cancellationToken) ?? [];
        Message = message;
        return Page();
    }
}
