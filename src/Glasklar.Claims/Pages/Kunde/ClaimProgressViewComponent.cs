using Glasklar.Claims.Documents;
using Glasklar.Claims.Messages;
using Glasklar.Claims.Processing;
using Glasklar.Claims.Timeline;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Claims.Pages.Kunde;

/// <summary>What the customer's claim page shows of the processing: PDFs, status timeline, document tasks and messages.</summary>
internal sealed record ClaimProgress(
    Guid ClaimId, bool Settled, IReadOnlyList<TimelineStep> Timeline, IReadOnlyList<DocumentTaskView> Tasks, IReadOnlyList<MessageView> Messages);

/// <summary>
/// The processing part of <c>/kunde/antraege/{id}</c>; the forms post to their own page and come back here.
/// Public only because MVC discovers public view components; its services stay internal (resolved per request).
/// </summary>
public sealed class ClaimProgressViewComponent(IServiceProvider services) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid claimId, Guid customerUserId, bool settled)
    {
        var timeline = services.GetRequiredService<ClaimTimeline>();
        var tasks = services.GetRequiredService<DocumentRequestService>();
        var messages = services.GetRequiredService<ClaimMessageService>();
        var caller = ClaimCaller.Customer(customerUserId);
        var ct = HttpContext.RequestAborted;
        return View(new ClaimProgress(claimId, settled, await timeline.ForAsync(caller, claimId, ct) ?? [], await tasks.ListAsync(caller, claimId, ct) ?? [],
            await messages.ThreadAsync(caller, claimId, ct) ?? []));
    }
}
