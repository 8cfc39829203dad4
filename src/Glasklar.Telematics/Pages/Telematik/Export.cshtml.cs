using Glasklar.Platform.Accounts;
using Glasklar.Telematics.Exports;
using Glasklar.Telematics.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Telematics.Pages.Telematik;

/// <summary>
/// One background export: its progress (the page's script polls <c>?handler=Status</c>), and the file
/// once ready (<c>?handler=Datei</c>), which is deleted with the job after the download (C16). Only the
/// account that ordered it sees any of it; everyone else gets 404.
/// </summary>
[Authorize(Roles = Roles.Customer)]
internal sealed class ExportModel(ExportService exports, ExportFiles files) : PageModel
{
    public ExportJob Job { get; private set; } = null!;

    public static string StatusName(ExportJob job) => job.Status switch
    {
        ExportStatus.Queued => "wartet",
        ExportStatus.Running => "läuft",
        ExportStatus.Done => "fertig",
        _ => "fehlgeschlagen",
    };

    public static string StatusText(ExportJob job) => job.Status switch
    {
        ExportStatus.Queued => "Der Export wartet auf seinen Start.",
        ExportStatus.Running => $"Der Export läuft: {job.DonePositions} von {job.TotalPositions} Positionen ({job.Percent} %).",
        ExportStatus.Done => $"Der Export ist fertig: {job.TotalPositions} Positionen.",
        _ => "Der Export ist fehlgeschlagen. Bitte versuchen Sie es erneut.",
    };

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var job = await exports.OwnAsync(CustomerBoxes.UserId(User), id, cancellationToken);
        if (job is null)
        {
            return NotFound();
        }

        Job = job;
        return Page();
    }

    public async Task<IActionResult> OnGetStatusAsync(Guid id, CancellationToken cancellationToken)
    {
        var job = await exports.OwnAsync(CustomerBoxes.UserId(User), id, cancellationToken);
        if (job is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new { status = StatusName(job), percent = job.Percent, done = job.DonePositions, total = job.TotalPositions, text = StatusText(job) });
    }

    public async Task<IActionResult> OnGetDateiAsync(Guid id, CancellationToken cancellationToken)
    {
        var job = await exports.OwnAsync(CustomerBoxes.UserId(User), id, cancellationToken);
        var path = job is null ? null : files.PathFor(job);
        if (job is not { Status: ExportStatus.Done } || !System.IO.File.Exists(path))
        {
            return NotFound();
        }

        // Opened, then deleted at once (the open stream still reads it): a download happens once (C16).
        var stream = new FileStream(path!, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true);
        files.Delete(job);
        await exports.DeleteAsync(job.Id);
        Response.Headers.CacheControl = "no-store";
        return File(stream, ExportHeader.ContentType(job.Format), new ExportHeader(job.FromUtc, job.ToUtc, job.CreatedUtc).FileName(job.Format));
    }
}
