using System.Text.Encodings.Web;
using System.Text.Json;

namespace Glasklar.Privacy.DataSubjects;

/// <summary>
/// The access report as JSON (Art. 15 and the Art. 20 portability format: structured, common,
/// machine-readable). Written datum by datum and flushed in batches, so millions of data stream through.
/// Format "glasklar-auskunft/1" is described in docs/privacy-core.md.
/// </summary>
internal static class AccessReportJson
{
    public const string Format = "glasklar-auskunft/1";
    private const int FlushEvery = 500;

    public static async Task<int> WriteAsync(Stream output, AccessReportHeader header, IAsyncEnumerable<ReportedDatum> data, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteString("erstelltAm", header.CreatedAt);
        json.WriteStartObject("verantwortlicher");
        json.WriteString("name", header.Controller);
        json.WriteString("datenschutzbeauftragte", header.DataProtectionOfficer);
        json.WriteString("datenschutzbeauftragteEmail", header.DataProtectionOfficerEmail);
        json.WriteEndObject();
        WriteSubject(json, header.Subject);
        json.WriteStartArray("daten");
        var count = 0;
        await foreach (var item in data.WithCancellation(cancellationToken))
        {
            var d = item.Datum;
            json.WriteStartObject();
            json.WriteString("modul", item.Module);
            json.WriteString("kategorie", d.Category);
            json.WriteString("datensatz", d.RecordRef);
            json.WriteString("feld", d.Field);
            json.WriteString("wert", d.Value);
            json.WriteStartObject("herkunft");
            json.WriteString("modul", d.Provenance.Module);
            json.WriteString("formular", d.Provenance.Form);
            WriteParty(json, "eingegebenVon", d.Provenance.EnteredByUserId, item.EnteredByName);
            WriteParty(json, "organisation", d.Provenance.EnteredByOrganisationId, item.OrganisationName);
            json.WriteString("eingegebenAm", d.Provenance.EnteredAt);
            json.WriteEndObject();
            json.WriteEndObject();
            if (++count % FlushEvery == 0)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        json.WriteNumber("anzahl", count);
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        return count;
    }

    private static void WriteSubject(Utf8JsonWriter json, DataSubject s)
    {
        json.WriteStartObject("betroffenePerson");
        if (s.UserId is { } id)
        {
            json.WriteString("kontoId", id);
        }

        foreach (var (name, value) in new[] { ("email", s.Email), ("nachname", s.Surname), ("versicherungsscheinnummer", s.PolicyNumber), ("telefon", s.Phone), ("kennzeichen", s.LicencePlate) })
        {
            if (value is not null)
            {
                json.WriteString(name, value);
            }
        }

        json.WriteEndObject();
    }

    private static void WriteParty(Utf8JsonWriter json, string property, Guid? id, string? name)
    {
        if (id is null)
        {
            json.WriteNull(property);
            return;
        }

        json.WriteStartObject(property);
        json.WriteString("id", id.Value);
        json.WriteString("name", name);
        json.WriteEndObject();
    }
}
