using System.Globalization;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Persistence;
using Glasklar.Telematics.Portal;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Telematics.Geofences;

/// <summary>What the customer typed into the zone form (German number format or with a dot).</summary>
internal sealed record GeofenceInput(Guid BoxId, string? Name, string? Shape, string? Latitude, string? Longitude, string? Radius, string? Polygon);

internal sealed record GeofenceResult(bool Succeeded, IReadOnlyDictionary<string, string> Errors, Geofence? Zone = null)
{
    public static GeofenceResult Fail(params (string Field, string Problem)[] errors) => new(false, errors.ToDictionary(e => e.Field, e => e.Problem));
}

/// <summary>Defining, arming and disarming theft-alert zones of the customer's own boxes (C15).</summary>
internal sealed class GeofenceService(TelematicsDbContext db, TimeProvider clock)
{
    public const double MinRadiusMeters = 50;
    public const double MaxRadiusMeters = 50_000;
    public const int MaxCorners = 100;

    public async Task<GeofenceResult> CreateAsync(IReadOnlyList<Box> own, GeofenceInput input, CancellationToken cancellationToken)
    {
        var box = own.FirstOrDefault(b => b.Id == input.BoxId);
        var errors = new List<(string, string)>();
        if (box is null)
        {
            errors.Add(("box", "Bitte wählen Sie eines Ihrer Fahrzeuge."));
        }

        var name = (input.Name ?? "").Trim();
        if (name.Length is 0 or > Geofence.NameMaxLength)
        {
            errors.Add(("name", $"Bitte geben Sie der Zone einen Namen (höchstens {Geofence.NameMaxLength} Zeichen)."));
        }

        var zone = new Geofence { Id = Guid.NewGuid(), Name = name, CreatedUtc = clock.GetUtcNow().UtcDateTime };
        if (input.Shape == "polygon")
        {
            zone.Shape = GeofenceShape.Polygon;
            var corners = ParseCorners(input.Polygon);
            if (corners is null || corners.Count < 3 || corners.Count > MaxCorners)
            {
                errors.Add(("polygon", $"Bitte geben Sie 3 bis {MaxCorners} Eckpunkte als „Breite, Länge“ an, einen je Zeile (z. B. 51,1802, 14,4241 oder 51.1802,14.4241)."));
            }
            else
            {
                zone.Polygon = GeofenceGeometry.Format(corners);
                zone.CenterLatitude = corners.Average(c => c.Latitude);
                zone.CenterLongitude = corners.Average(c => c.Longitude);
            }
        }
        else
        {
            zone.Shape = GeofenceShape.Circle;
            var lat = Number(input.Latitude);
            var lon = Number(input.Longitude);
            var radius = Number(input.Radius);
            if (lat is not (>= -90 and <= 90))
            {
                errors.Add(("latitude", "Bitte geben Sie den Breitengrad des Mittelpunkts an (−90 bis 90, z. B. 51,1802)."));
            }

            if (lon is not (>= -180 and <= 180))
            {
                errors.Add(("longitude", "Bitte geben Sie den Längengrad des Mittelpunkts an (−180 bis 180, z. B. 14,4241)."));
            }

            if (radius is not { } r || r < MinRadiusMeters || r > MaxRadiusMeters)
            {
                errors.Add(("radius", $"Bitte geben Sie einen Radius zwischen {MinRadiusMeters:0} und {MaxRadiusMeters:0} Metern an."));
            }

            zone.CenterLatitude = lat ?? 0;
            zone.CenterLongitude = lon ?? 0;
            zone.RadiusMeters = radius ?? 0;
        }

        if (errors.Count > 0)
        {
            return GeofenceResult.Fail([.. errors]);
        }

        zone.BoxId = box!.Id;
        zone.OrganisationId = box.OrganisationId;
        db.Set<Geofence>().Add(zone);
        await db.SaveChangesAsync(cancellationToken);
        return new GeofenceResult(true, new Dictionary<string, string>(), zone);
    }

    /// <summary>Arming starts a new episode: fixes from now on count, and one alert may follow.</summary>
    public async Task<bool> ArmAsync(IReadOnlyList<Box> own, Guid zoneId, bool armed, CancellationToken cancellationToken)
    {
        var zone = await FindAsync(own, zoneId, cancellationToken);
        if (zone is null)
        {
            return false;
        }

        zone.Armed = armed;
        zone.ArmedUtc = armed ? clock.GetUtcNow().UtcDateTime : null;
        zone.AlertedUtc = null;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> DeleteAsync(IReadOnlyList<Box> own, Guid zoneId, CancellationToken cancellationToken)
    {
        var zone = await FindAsync(own, zoneId, cancellationToken);
        if (zone is null)
        {
            return false;
        }

        db.Set<Geofence>().Remove(zone);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> AcknowledgeAsync(IReadOnlyList<Box> own, Guid alertId, CancellationToken cancellationToken)
    {
        var ids = own.Select(b => b.Id).ToList();
        var alert = await db.Set<GeofenceAlert>().SingleOrDefaultAsync(a => a.Id == alertId && ids.Contains(a.BoxId), cancellationToken);
        if (alert is null)
        {
            return false;
        }

        alert.AcknowledgedUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public Task<List<Geofence>> ZonesAsync(IReadOnlyList<Box> own, CancellationToken cancellationToken)
    {
        var ids = own.Select(b => b.Id).ToList();
        return db.Set<Geofence>().AsNoTracking().Where(z => ids.Contains(z.BoxId)).OrderBy(z => z.CreatedUtc).ToListAsync(cancellationToken);
    }

    public Task<List<GeofenceAlert>> OpenAlertsAsync(IReadOnlyList<Box> own, CancellationToken cancellationToken)
    {
        var ids = own.Select(b => b.Id).ToList();
        return db.Set<GeofenceAlert>().AsNoTracking().Where(a => ids.Contains(a.BoxId) && a.AcknowledgedUtc == null)
            .OrderByDescending(a => a.RaisedUtc).Take(50).ToListAsync(cancellationToken);
    }

    private Task<Geofence?> FindAsync(IReadOnlyList<Box> own, Guid zoneId, CancellationToken cancellationToken)
    {
        var ids = own.Select(b => b.Id).ToList();
        return db.Set<Geofence>().SingleOrDefaultAsync(z => z.Id == zoneId && ids.Contains(z.BoxId), cancellationToken);
    }

    /// <summary>A coordinate in German ("51,1802") or invariant ("51.1802") notation.</summary>
    public static double? Number(string? text)
    {
        var t = (text ?? "").Trim().Replace('−', '-');
        if (t.Length == 0)
        {
            return null;
        }

        return double.TryParse(t.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
    }

    /// <summary>One corner per line: "lat, lon" with dots, or "51,18 14,42" / "51,18; 14,42" in German notation.</summary>
    private static List<(double Latitude, double Longitude)>? ParseCorners(string? text)
    {
        var corners = new List<(double, double)>();
        foreach (var raw in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = raw.Contains(';') ? raw.Split(';', StringSplitOptions.TrimEntries)
                : raw.Contains('.') ? raw.Split(',', StringSplitOptions.TrimEntries)
                : raw.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || Number(parts[0]) is not (>= -90 and <= 90) || Number(parts[1]) is not (>= -180 and <= 180))
            {
                return null;
            }

            corners.Add((Number(parts[0])!.Value, Number(parts[1])!.Value));
        }

        return corners;
    }
}
