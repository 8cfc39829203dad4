using Glasklar.Platform.Accounts;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Exports;
using Glasklar.Telematics.Geofences;
using Glasklar.Telematics.Map;
using Glasklar.Telematics.Persistence;
using Glasklar.Telematics.Portal;
using Glasklar.Telematics.Trips;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Telematics.Pages.Telematik;

/// <summary>What the customer sees of one box: last position, moving or parked, battery, last contact, and where it is parked.</summary>
internal sealed record BoxView(Box Box, LastPosition? Last, bool Driving, bool Connected, string ParkedMap)
{
    public PortalPosition? Position => Last?.Position;
}

/// <summary>
/// The customer's telematics page (C15): current driving data per box with walk-to-car (the parked position
/// on the portal's own map), open theft alerts, trips in a date range with links to their maps, and the
/// export of the range. Only the customer's own contracts (<see cref="CustomerBoxes"/>).
/// </summary>
[Authorize(Roles = Roles.Customer)]
internal sealed class IndexModel(CustomerBoxes customer, TelematicsDbContext db, PortalPositions positions, GeofenceService zones,
    ExportService exports, RoadMap map, PortalOptions options, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "von")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "bis")]
    public DateOnly? To { get; set; }

    public IReadOnlyList<BoxView> Boxes { get; private set; } = [];

    public IReadOnlyList<Trip> Trips { get; private set; } = [];

    public IReadOnlyList<GeofenceAlert> Alerts { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Vehicles { get; private set; } = new Dictionary<Guid, string>();

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var boxes = await customer.OwnAsync(User, cancellationToken);
        var (from, to) = Range();
        if (from > to)
        {
            Problem = "Das Datum „von“ muss vor dem Datum „bis“ liegen.";
            (from, to) = (to.AddDays(-1), from.AddDays(1));
        }

        var ids = boxes.Select(b => b.Id).ToList();
        var states = await db.TripStates.AsNoTracking().Where(s => ids.Contains(s.BoxId)).ToDictionaryAsync(s => s.BoxId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var views = new List<BoxView>();
        foreach (var box in boxes)
        {
            states.TryGetValue(box.Id, out var state);
            var last = await positions.LastAsync(box.Id, cancellationToken);
            var driving = state?.Driving == true;
            var parkedMap = "";
            if (last is not null && !driving)
            {
                var scene = new MapScene();
                scene.Markers.Add((last.Position.Latitude, last.Position.Longitude, "Ihr Fahrzeug"));
                parkedMap = SvgMap.Render(scene, map.Index, $"Parkposition von {box.VehicleId}",
                    $"Ihr Fahrzeug steht bei {Format.Coordinates(last.Position.Latitude, last.Position.Longitude)}.", $"park-{views.Count}");
            }

            views.Add(new BoxView(box, last, driving, last is not null && now - last.LastContactUtc <= options.ConnectedWithin, parkedMap));
        }

        Boxes = views;
        Vehicles = boxes.ToDictionary(b => b.Id, b => b.VehicleId);
        Alerts = await zones.OpenAlertsAsync(boxes, cancellationToken);
        Trips = await db.Trips.AsNoTracking().Where(t => ids.Contains(t.BoxId) && t.StartUtc >= from && t.StartUtc < to)
            .OrderByDescending(t => t.StartUtc).Take(500).ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>All positions of the chosen range as CSV (semicolon, UTF-8 with BOM, German numbers), streamed.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var boxes = await customer.OwnAsync(User, cancellationToken);
        var (from, to) = Range();
        var header = new ExportHeader(from, to, clock.GetUtcNow().UtcDateTime);
        Response.ContentType = ExportHeader.ContentType(ExportFormat.Csv);
        Response.Headers.ContentDisposition = $"attachment; filename=\"{header.FileName(ExportFormat.Csv)}\"";
        await ExportWriters.WriteCsvAsync(exports.RowsAsync(boxes, from, to, cancellationToken), Response.Body, _ => { }, cancellationToken);
        return new EmptyResult(); // the body is written; nothing else may follow
    }

    private (DateTime From, DateTime To) Range()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = From ?? today.AddDays(-30);
        var to = To ?? today;
        return (from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
    }
}
