using System.Globalization;
using System.Security.Claims;
using System.Text;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Persistence;
using Glasklar.Telematics.Privacy;
using Glasklar.Telematics.Trips;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Telematics.Pages.Telematik;

/// <summary>What the customer sees of one box: vehicle, last position and whether it moves.</summary>
internal sealed record BoxView(Box Box, DateTime? LastFixUtc, double? Latitude, double? Longitude, bool Driving, double? BatteryVoltage);

/// <summary>
/// The customer's telematics page (C15): current driving data per box, trips in a date range, and the
/// export of all positions of that range as CSV (semicolon, UTF-8 with BOM). Only the customer's own
/// contracts: linked by account, or by the account's verified e-mail address on first visit.
/// </summary>
[Authorize(Roles = Roles.Customer)]
internal sealed class IndexModel(DbSession session, TelematicsDbContext db, TelematicsData data, AccountService accounts, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "von")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "bis")]
    public DateOnly? To { get; set; }

    public IReadOnlyList<BoxView> Boxes { get; private set; } = [];

    public IReadOnlyList<Trip> Trips { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var boxes = await OwnBoxesAsync(cancellationToken);
        var (from, to) = Range();
        if (from > to)
        {
            Problem = "Das Datum „von“ muss vor dem Datum „bis“ liegen.";
            (from, to) = (to, from);
        }

        var ids = boxes.Select(b => b.Id).ToList();
        var states = await db.TripStates.AsNoTracking().Where(s => ids.Contains(s.BoxId)).ToDictionaryAsync(s => s.BoxId, cancellationToken);
        var views = new List<BoxView>();
        foreach (var box in boxes)
        {
            states.TryGetValue(box.Id, out var state);
            var last = await data.LastPositionAsync(box.Id, cancellationToken);
            views.Add(new BoxView(box, last?.GpsTimeUtc, last?.Latitude, last?.Longitude, state?.Driving == true, last?.BatteryVoltage));
        }

        Boxes = views;
        Trips = await db.Trips.AsNoTracking().Where(t => ids.Contains(t.BoxId) && t.StartUtc >= from && t.StartUtc < to)
            .OrderByDescending(t => t.StartUtc).Take(500).ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>All positions of the chosen range as CSV, streamed.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var boxes = await OwnBoxesAsync(cancellationToken);
        var (from, to) = Range();
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"fahrten-{DateOnly.FromDateTime(from):yyyy-MM-dd}-{DateOnly.FromDateTime(to.AddDays(-1)):yyyy-MM-dd}.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await writer.WriteLineAsync("Fahrzeug;GPS-Zeit (UTC);Breitengrad;Längengrad;Geschwindigkeit km/h;Straßentyp;Tempolimit km/h;Gültige Ortung");
        foreach (var box in boxes)
        {
            await foreach (var p in data.PositionsAsync(box.Id, Ingestion.PositionWriter.Millis(from), Ingestion.PositionWriter.Millis(to), cancellationToken))
            {
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{Csv(box.VehicleId)};{DateTimeOffset.FromUnixTimeMilliseconds(p.GpsTimeMs):yyyy-MM-dd HH:mm:ss};{p.Lat:0.000000};{p.Lon:0.000000};{p.SpeedKmh:0};{Csv(p.RoadType ?? "")};{p.Limit};{(p.Valid ? "ja" : "nein")}"));
            }
        }

        await writer.FlushAsync(cancellationToken);
        return new EmptyResult(); // the body is written; nothing else may follow
    }

    private (DateTime From, DateTime To) Range()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = From ?? today.AddDays(-30);
        var to = To ?? today;
        return (from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
    }

    private static string Csv(string value) => value.Contains(';') || value.Contains('"') ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private async Task<List<Box>> OwnBoxesAsync(CancellationToken cancellationToken)
    {
        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        session.Tenant = TenantScope.AllTenants("Kundin/Kunde: eigene Telematik-Verträge");
        var user = await accounts.FindAsync(userId, cancellationToken);
        var email = user?.EmailVerifiedUtc is not null ? user.Email : null;
        var contracts = await db.Contracts.Where(c => c.CustomerUserId == userId || (c.CustomerUserId == null && email != null && c.Email == email)).ToListAsync(cancellationToken);
        foreach (var contract in contracts.Where(c => c.CustomerUserId is null))
        {
            contract.CustomerUserId = userId;
        }

        await db.SaveChangesAsync(cancellationToken);
        var ids = contracts.Select(c => c.Id).ToList();
        return await db.Boxes.AsNoTracking().Where(b => ids.Contains(b.ContractId)).OrderBy(b => b.VehicleId).ToListAsync(cancellationToken);
    }
}
