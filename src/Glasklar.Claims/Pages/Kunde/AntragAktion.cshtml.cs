using System.Security.Claims;
using Glasklar.Claims.Documents;
using Glasklar.Claims.Messages;
using Glasklar.Claims.Processing;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Claims.Pages.Kunde;

/// <summary>
/// The two forms of the claim page: upload a requested document, write a message. Success goes back to the
/// claim page (post/redirect/get); an error shows the German message with nothing stored (400); someone
/// else's claim or task is 404.
/// </summary>
[Authorize(Roles = Roles.Customer)]
[RequestFormLimits(MultipartBodyLengthLimit = 16 * 1024 * 1024)]
[RequestSizeLimit(16 * 1024 * 1024)]
internal sealed class AntragAktionModel(DocumentRequestService tasks, ClaimMessageService messages) : PageModel
{
    public Guid ClaimId { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    private Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public IActionResult OnGet(Guid id) => Redirect($"/kunde/antraege/{id}");

    public async Task<IActionResult> OnPostUnterlagenAsync(Guid id, Guid? taskId, IFormFile? file, CancellationToken cancellationToken)
    {
        ClaimId = id;
        if (taskId is null)
        {
            return NotFound();
        }

        byte[] content = [];
        if (file is { Length: > 0 })
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }

        var result = await tasks.UploadAsync(UserId, HttpContext.ClientIp(), id, taskId.Value, file?.FileName, content, cancellationToken);
        return Outcome(id, result.Found, result.Errors);
    }

    public async Task<IActionResult> OnPostNachrichtAsync(Guid id, string? text, Guid? replyToId, CancellationToken cancellationToken)
    {
        ClaimId = id;
        var result = await messages.PostAsync(ClaimCaller.Customer(UserId), HttpContext.ClientIp(), id, new MessageInput(text, replyToId), cancellationToken);
        return Outcome(id, result.Found, result.Errors);
    }

    private IActionResult Outcome(Guid id, bool found, IReadOnlyDictionary<string, string[]> errors)
    {
        if (!found)
        {
            return NotFound();
        }

        if (errors.Count == 0)
        {
            return Redirect($"/kunde/antraege/{id}");
        }

        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
