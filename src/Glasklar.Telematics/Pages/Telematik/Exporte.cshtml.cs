using Glasklar.Platform.Accounts;
using Glasklar.Telematics.Exports;
using Glasklar.Telematics.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Telematics.Pages.Telematik;

/// <summary>
/// Export of all routes of a chosen window (C15) as CSV, PDF or GPX. A short window is streamed at once;
/// a long one becomes a background job whose page shows its progress (<see cref="ExportModel"/>).
/// </summary>
[Authorize(Roles = Roles.Customer)]
internal sealed class ExporteModel(CustomerBoxes customer, ExportService exports, PortalOptions options, TelematicsOptions telematics, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "von")]
    public DateOnly? From { get; set; }

    [BindProperty(Name = "bis")]
    public DateOnly? To { get; set; }

    [BindProperty(Name = "format")]
    public string? Format { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    public IReadOnlyList<ExportJob> Jobs { get; private set; } = [];

    public int DirectDays => options.DirectExportMaxDays;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await customer.OwnAsync(User, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        From ??= today.AddDays(-30);
        To ??= today;
        Format ??= "csv";
        Jobs = await exports.RecentAsync(CustomerBoxes.UserId(User), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var boxes = await customer.OwnAsync(User, cancellationToken);
        ExportFormat? format = Format switch { "csv" => ExportFormat.Csv, "pdf" => ExportFormat.Pdf, "gpx" => ExportFormat.Gpx, _ => null };
        if (format is null)
        {
            Errors["format"] = "Bitte wählen Sie das Format: CSV, PDF oder GPX.";
        }

        if (From is null)
        {
            Errors["von"] = "Bitte geben Sie an, ab welchem Tag exportiert werden soll.";
        }

        if (To is null)
        {
            Errors["bis"] = "Bitte geben Sie an, bis zu welchem Tag exportiert werden soll.";
        }
        else if (From is not null && From > To)
        {
            Errors["bis"] = "Das Datum „bis“ darf nicht vor dem Datum „von“ liegen.";
        }
        else if (From is not null && To.Value.DayNumber - From.Value.DayNumber > telematics.KeepPositionsFor.TotalDays)
        {
            Errors["von"] = $"Gespeichert sind höchstens {telematics.KeepPositionsFor.TotalDays:0} Tage; bitte wählen Sie einen kürzeren Zeitraum.";
        }

        if (Errors.Count > 0)
        {
            Jobs = await exports.RecentAsync(CustomerBoxes.UserId(User), cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var from = From!.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = To!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        if (exports.RunsAsJob(from, to))
        {
            var job = await exports.QueueAsync(CustomerBoxes.UserId(User), format!.Value, from, to, cancellationToken);
            return RedirectToPage("/Telematik/Export", new { id = job.Id });
        }

        var header = new ExportHeader(from, to, clock.GetUtcNow().UtcDateTime);
        Response.ContentType = ExportHeader.ContentType(format!.Value);
        Response.Headers.CacheControl = "no-store";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{header.FileName(format.Value)}\"";
        await ExportWriters.WriteAsync(format.Value, header, exports.RowsAsync(boxes, from, to, cancellationToken), Response.Body, options.PdfMaxPositions, _ => { }, cancellationToken);
        return new EmptyResult();
    }
}
