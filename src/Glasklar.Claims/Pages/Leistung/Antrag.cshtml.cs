using System.Security.Claims;
using Glasklar.Claims.Documents;
using Glasklar.Claims.Messages;
using Glasklar.Claims.Processing;
using Glasklar.Claims.Timeline;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Claims.Pages.Leistung;

/// <summary>
/// A claim for the insurer's clerk (B3): items, receipts (download through the authorised no-store endpoint),
/// bank account, timeline, document tasks and messages; the decision per item settles the claim
/// (<see cref="ClaimDecisionService"/>). Another insurer's or a restricted claim is 404 (tenant filter).
/// </summary>
[Authorize(Roles = Roles.InsurerClerk)]
internal sealed class AntragModel(
    ClaimViews views, ClaimDecisionService decisions, DocumentRequestService tasks, ClaimMessageService messages, ClaimTimeline timeline, ReceiptFiles receipts)
    : PageModel
{
    public ClaimDetail Claim { get; private set; } = null!;

    public IReadOnlyList<ReceiptEntry> Receipts { get; private set; } = [];

    public IReadOnlyList<TimelineStep> Timeline { get; private set; } = [];

    public IReadOnlyList<DocumentTaskView> Tasks { get; private set; } = [];

    public IReadOnlyList<MessageView> Messages { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty]
    public List<Guid> ItemId { get; set; } = [];

    [BindProperty]
    public List<decimal?> Reimbursed { get; set; } = [];

    [BindProperty]
    public List<string?> Reason { get; set; } = [];

    private Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private ClaimCaller Caller => ClaimCaller.Clerk(UserId);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        await timeline.MarkInReviewAsync(UserId, id, cancellationToken);
        return await ShowAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostEntscheidenAsync(Guid id, CancellationToken cancellationToken)
    {
        var items = ItemId.Select((itemId, i) => new ItemDecisionInput(itemId, i < Reimbursed.Count ? Reimbursed[i] : null, i < Reason.Count ? Reason[i] : null)).ToList();
        var result = await decisions.DecideAsync(UserId, HttpContext.ClientIp(), id, new DecisionRequest(items), cancellationToken);
        return await OutcomeAsync(id, result.Found, result.Errors, cancellationToken);
    }

    public async Task<IActionResult> OnPostAnfordernAsync(Guid id, string? description, DateOnly? dueDate, CancellationToken cancellationToken)
    {
        var result = await tasks.RequestAsync(UserId, HttpContext.ClientIp(), id, new DocumentRequestInput(description, dueDate), cancellationToken);
        return await OutcomeAsync(id, result.Found, result.Errors, cancellationToken);
    }

    public async Task<IActionResult> OnPostNachrichtAsync(Guid id, string? text, Guid? replyToId, CancellationToken cancellationToken)
    {
        var result = await messages.PostAsync(Caller, HttpContext.ClientIp(), id, new MessageInput(text, replyToId), cancellationToken);
        return await OutcomeAsync(id, result.Found, result.Errors, cancellationToken);
    }

    private async Task<IActionResult> OutcomeAsync(Guid id, bool found, IReadOnlyDictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (!found)
        {
            return NotFound();
        }

        if (errors.Count == 0)
        {
            return Redirect($"/leistung/antraege/{id}");
        }

        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await ShowAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await views.ClerkDetailAsync(id, cancellationToken) is not { } claim)
        {
            return NotFound();
        }

        Claim = claim;
        Receipts = await receipts.ListAsync(Caller, id, cancellationToken) ?? [];
        Timeline = await timeline.ForAsync(Caller, id, cancellationToken) ?? [];
        Tasks = await tasks.ListAsync(Caller, id, cancellationToken) ?? [];
        Messages = await messages.ThreadAsync(Caller, id, cancellationToken) ?? [];
        return Page();
    }
}
