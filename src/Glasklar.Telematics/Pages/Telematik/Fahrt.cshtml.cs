using Glasklar.Platform.Accounts;
using Glasklar.Telematics.Map;
using Glasklar.Telematics.Persistence;
using Glasklar.Telematics.Portal;
using Glasklar.Telematics.Trips;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Telematics.Pages.Telematik;

/// <summary>
/// One trip (C15): its track on the portal's own SVG map, coloured by speed relative to the road's limit
/// (C4), with legend, a text summary of the same (for screen readers and print), and the trip's figures.
/// Another customer's trip answers 404.
/// </summary>
[Authorize(Roles = Roles.Customer)]
internal sealed class FahrtModel(CustomerBoxes customer, TelematicsDbContext db, PortalPositions positions, RoadMap map) : PageModel
{
    public Trip Trip { get; private set; } = null!;

    public string VehicleId { get; private set; } = "";

    public string Map { get; private set; } = "";

    public TrackSummary Summary { get; private set; } = new(new Dictionary<SpeedBand, double>());

    public int Fixes { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var boxes = await customer.OwnAsync(User, cancellationToken);
        var ids = boxes.Select(b => b.Id).ToList();
        var trip = await db.Trips.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && ids.Contains(t.BoxId), cancellationToken);
        if (trip is null)
        {
            return NotFound();
        }

        Trip = trip;
        VehicleId = boxes.Single(b => b.Id == trip.BoxId).VehicleId;
        var scene = new MapScene { MinExtentMeters = 300 };
        await foreach (var p in positions.RangeAsync(trip.BoxId, trip.StartUtc, trip.EndUtc.AddSeconds(1), cancellationToken))
        {
            if (p.Valid)
            {
                scene.Track.Add(p);
            }
        }

        Fixes = scene.Track.Count;
        scene.Markers.Add((trip.StartLatitude, trip.StartLongitude, "Start"));
        scene.Markers.Add((trip.EndLatitude, trip.EndLongitude, "Ziel"));
        Summary = SvgMap.Summarise(scene.Track);
        Map = SvgMap.Render(scene, map.Index, $"Karte der Fahrt vom {trip.StartUtc:dd.MM.yyyy HH:mm}", Describe(), "fahrt");
        return Page();
    }

    public string Describe() =>
        $"Strecke {Format.Kilometres(Trip.DistanceMeters)}: " + string.Join(", ", SpeedBands.All.Select(b => $"{Summary.Percent(b)} % {SpeedBands.Label(b)}")) + ".";
}
