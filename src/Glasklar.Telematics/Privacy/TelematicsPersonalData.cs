using System.Globalization;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Privacy.DataSubjects;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Telematics.Privacy;

/// <summary>
/// The telematics part of access reports, portability exports and erasure (X7, C16): base data, boxes,
/// trips and every position, streamed. A subject matches by account, by IMEI, or by surname together
/// with motor policy number or licence plate.
/// </summary>
internal sealed class TelematicsPersonalData(DbSession session, TelematicsDbContext db, TelematicsData data, TelematicsProtector protector) : IPersonalDataSource
{
    public string Module => "Telematik";

    private async Task<List<Guid>> MatchingAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        session.Tenant = TenantScope.AllTenants("Betroffenenanfrage Telematik");
        var ids = new HashSet<Guid>();
        if (subject.Imei is { } imei)
        {
            ids.UnionWith(await db.Boxes.Where(b => b.Imei == imei).Select(b => b.ContractId).ToListAsync(cancellationToken));
        }

        if (subject.UserId is { } user)
        {
            ids.UnionWith(await db.Contracts.Where(c => c.CustomerUserId == user).Select(c => c.Id).ToListAsync(cancellationToken));
        }

        if (subject.Surname is { } surname && subject.PolicyNumber is { } policy)
        {
            ids.UnionWith(await db.Contracts.Where(c => c.LastName == surname && c.MotorPolicyNumber == policy).Select(c => c.Id).ToListAsync(cancellationToken));
        }

        if (subject.Surname is { } name && subject.LicencePlate is { } plate)
        {
            ids.UnionWith(await db.Contracts.Where(c => c.LastName == name && c.LicencePlate == plate).Select(c => c.Id).ToListAsync(cancellationToken));
        }

        return [.. ids];
    }

    public async IAsyncEnumerable<PersonalDatum> CollectAsync(DataSubject subject, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ids = await MatchingAsync(subject, cancellationToken);
        var contracts = await db.Contracts.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        foreach (var c in contracts)
        {
            var record = $"telematics-contract:{c.Id}";
            var provenance = new Provenance(Module, "Vertragsbeginn", null, c.OrganisationId, c.CreatedUtc);
            foreach (var (field, value) in new (string, string?)[]
            {
                ("Vertragsnummer", c.ContractNumber), ("Anrede", c.Salutation), ("Titel", c.Title), ("Akademischer Grad", c.AcademicDegree),
                ("Vorname", c.FirstName), ("Nachname", c.LastName), ("Straße", c.Street), ("PLZ", c.PostalCode), ("Ort", c.City),
                ("E-Mail", c.Email), ("Mobilnummer", c.Mobile), ("IBAN", protector.Unprotect(TelematicsProtector.Iban, c.IbanProtected)), ("BIC", c.Bic), ("Kennzeichen", c.LicencePlate),
                ("Kfz-Versicherungsscheinnummer", c.MotorPolicyNumber), ("Vertragsbeginn", c.StartsOn.ToString("O", CultureInfo.InvariantCulture)),
                ("Vertragsende", c.EndsOn?.ToString("O", CultureInfo.InvariantCulture)),
            })
            {
                yield return new PersonalDatum("Grunddaten", record, field, value, provenance);
            }

            var boxes = await db.Boxes.AsNoTracking().Where(b => b.ContractId == c.Id).ToListAsync(cancellationToken);
            foreach (var box in boxes)
            {
                var boxProvenance = new Provenance(Module, "Box", null, c.OrganisationId, box.ActivatedUtc ?? c.CreatedUtc);
                yield return new PersonalDatum("Box", $"telematics-box:{box.Id}", "IMEI", box.Imei, boxProvenance);
                yield return new PersonalDatum("Box", $"telematics-box:{box.Id}", "Fahrzeug-ID", box.VehicleId, boxProvenance);
                await foreach (var trip in db.Trips.AsNoTracking().Where(t => t.BoxId == box.Id).OrderBy(t => t.StartUtc).AsAsyncEnumerable().WithCancellation(cancellationToken))
                {
                    yield return new PersonalDatum("Fahrt", $"telematics-trip:{trip.Id}", "Fahrt",
                        string.Create(CultureInfo.InvariantCulture, $"{trip.StartUtc:O} – {trip.EndUtc:O}, {trip.DistanceMeters / 1000:0.0} km, max. {trip.MaxSpeedKmh:0} km/h, von {trip.StartLatitude:0.00000},{trip.StartLongitude:0.00000} nach {trip.EndLatitude:0.00000},{trip.EndLongitude:0.00000}"),
                        new Provenance(Module, "Box", null, c.OrganisationId, trip.EndUtc));
                }

                await foreach (var p in data.PositionsAsync(box.Id, long.MinValue, long.MaxValue, cancellationToken))
                {
                    var at = DateTimeOffset.FromUnixTimeMilliseconds(p.GpsTimeMs);
                    yield return new PersonalDatum("Position", $"telematics-box:{box.Id}", "Position",
                        string.Create(CultureInfo.InvariantCulture, $"{at:O} {p.Lat:0.000000},{p.Lon:0.000000} {p.SpeedKmh:0} km/h{(p.Valid ? "" : " (ungültige Ortung)")}{(p.RoadType is null ? "" : $" {p.RoadType}")}{(p.Limit is null ? "" : $" Limit {p.Limit}")}"),
                        new Provenance(Module, "Box", null, c.OrganisationId, at));
                }
            }
        }
    }

    public async Task<ErasureOutcome> EraseAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        var ids = await MatchingAsync(subject, cancellationToken);
        var deleted = 0;
        foreach (var id in ids)
        {
            deleted += await data.DeleteContractAsync(id, cancellationToken);
        }

        return new ErasureOutcome(Module, deleted, 0, []);
    }

    /// <summary>Restriction stops collection: the boxes are deactivated (nothing further is stored, C18); stored data stays for the report.</summary>
    public async Task<int> SetRestrictedAsync(DataSubject subject, bool restricted, CancellationToken cancellationToken)
    {
        if (!restricted)
        {
            return 0; // lifting a restriction does not re-activate a box: that needs a new activation
        }

        var ids = await MatchingAsync(subject, cancellationToken);
        return await db.Boxes.Where(b => ids.Contains(b.ContractId) && b.Status != BoxStatus.Deactivated)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BoxStatus.Deactivated), cancellationToken);
    }
}
