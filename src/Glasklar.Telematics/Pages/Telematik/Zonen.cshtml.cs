using Glasklar.Platform.Accounts;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Geofences;
using Glasklar.Telematics.Map;
using Glasklar.Telematics.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Telematics.Pages.Telematik;

/// <summary>
/// Theft alert (C15): the customer defines zones (circle or polygon, typed or by a click on the map), arms
/// and disarms them, and reads the alerts. Every action is checked against the customer's own boxes; an
/// unknown or foreign zone or alert answers 404.
/// </summary>
[Authorize(Roles = Roles.Customer)]
internal sealed class ZonenModel(CustomerBoxes customer, GeofenceService zones, PortalPositions positions, RoadMap map) : PageModel
{
    [BindProperty]
    public Guid BoxId { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Shape { get; set; } = "circle";

    [BindProperty]
    public string? Latitude { get; set; }

    [BindProperty]
    public string? Longitude { get; set; }

    [BindProperty]
    public string? Radius { get; set; } = "500";

    [BindProperty]
    public string? Polygon { get; set; }

    public IReadOnlyList<Box> Boxes { get; private set; } = [];

    public IReadOnlyList<Geofence> Zones { get; private set; } = [];

    public IReadOnlyList<GeofenceAlert> Alerts { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public string Map { get; private set; } = "";

    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(await customer.OwnAsync(User, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var own = await customer.OwnAsync(User, cancellationToken);
        var result = await zones.CreateAsync(own, new GeofenceInput(BoxId, Name, Shape, Latitude, Longitude, Radius, Polygon), cancellationToken);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(own, cancellationToken);
            return Page();
        }

        return RedirectToPage(new { angelegt = 1 });
    }

    public async Task<IActionResult> OnPostArmAsync(Guid zone, bool armed, CancellationToken cancellationToken) =>
        await zones.ArmAsync(await customer.OwnAsync(User, cancellationToken), zone, armed, cancellationToken) ? RedirectToPage() : NotFound();

    public async Task<IActionResult> OnPostDeleteAsync(Guid zone, CancellationToken cancellationToken) =>
        await zones.DeleteAsync(await customer.OwnAsync(User, cancellationToken), zone, cancellationToken) ? RedirectToPage() : NotFound();

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid alert, CancellationToken cancellationToken) =>
        await zones.AcknowledgeAsync(await customer.OwnAsync(User, cancellationToken), alert, cancellationToken) ? RedirectToPage() : NotFound();

    public string VehicleOf(Guid boxId) => Boxes.FirstOrDefault(b => b.Id == boxId)?.VehicleId ?? "";

    public string ZoneName(Guid zoneId) => Zones.FirstOrDefault(z => z.Id == zoneId)?.Name ?? "";

    private async Task LoadAsync(List<Box> own, CancellationToken cancellationToken)
    {
        Boxes = own;
        if (BoxId == Guid.Empty && own.Count > 0)
        {
            BoxId = own[0].Id;
        }

        Zones = await zones.ZonesAsync(own, cancellationToken);
        Alerts = await zones.OpenAlertsAsync(own, cancellationToken);
        Done = Request.Query.ContainsKey("angelegt") ? "Die Zone ist angelegt. Schalten Sie sie scharf, damit sie überwacht wird." : null;
        var scene = new MapScene { MinExtentMeters = 1500 };
        scene.Zones.AddRange(Zones);
        foreach (var box in own)
        {
            if (await positions.LastAsync(box.Id, cancellationToken) is { } last)
            {
                scene.Markers.Add((last.Position.Latitude, last.Position.Longitude, box.VehicleId));
            }
        }

        Map = SvgMap.Render(scene, map.Index, "Karte Ihrer Fahrzeuge und Zonen",
            "Die Karte zeigt die letzte Position Ihrer Fahrzeuge und Ihre Zonen. Ein Klick setzt den Mittelpunkt oder einen Eckpunkt der neuen Zone.", "zonen");
    }
}
