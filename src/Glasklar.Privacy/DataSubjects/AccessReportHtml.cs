using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Glasklar.Privacy.DataSubjects;

/// <summary>
/// The access report as a readable, self-contained HTML page (German), streamed row by row. No script,
/// no inline style, no external resource: it can be saved and opened offline.
/// </summary>
internal static class AccessReportHtml
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public static async Task<int> WriteAsync(Stream output, AccessReportHeader header, IAsyncEnumerable<ReportedDatum> data, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        var h = HtmlEncoder.Default;
        await writer.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="de">
            <head><meta charset="utf-8"><title>Auskunft über Ihre gespeicherten Daten</title></head>
            <body>
            <main>
            <h1>Auskunft über Ihre gespeicherten Daten (Art. 15 DSGVO)</h1>
            <p>Erstellt am {h.Encode(Time(header.CreatedAt))} von {h.Encode(header.Controller)}. Fragen beantwortet: {h.Encode(header.DataProtectionOfficer)} ({h.Encode(header.DataProtectionOfficerEmail)}).</p>
            <p>Jede Angabe nennt ihre Herkunft: Modul und Formular, wer sie eingegeben hat (Person und Organisation) und wann. Eine maschinenlesbare Fassung (JSON) erhalten Sie ebenfalls.</p>
            <table>
            <thead><tr><th scope="col">Modul</th><th scope="col">Kategorie</th><th scope="col">Angabe</th><th scope="col">Wert</th><th scope="col">Formular</th><th scope="col">Eingegeben von</th><th scope="col">Organisation</th><th scope="col">Eingegeben am</th></tr></thead>
            <tbody>

            """.AsMemory(), cancellationToken);
        var count = 0;
        await foreach (var item in data.WithCancellation(cancellationToken))
        {
            var d = item.Datum;
            await writer.WriteAsync(
                $"<tr data-record=\"{h.Encode(d.RecordRef)}\"><td>{h.Encode(item.Module)}</td><td>{h.Encode(d.Category)}</td><td>{h.Encode(d.Field)}</td><td>{h.Encode(d.Value ?? "—")}</td>"
                + $"<td>{h.Encode(d.Provenance.Form)}</td><td>{h.Encode(item.EnteredByName ?? "—")}</td><td>{h.Encode(item.OrganisationName ?? "—")}</td><td>{h.Encode(Time(d.Provenance.EnteredAt))}</td></tr>\n");
            count++;
        }

        await writer.WriteAsync($"</tbody>\n</table>\n<p>{count} Angaben.</p>\n</main>\n</body>\n</html>\n");
        await writer.FlushAsync(cancellationToken);
        return count;
    }

    internal static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("dd.MM.yyyy HH:mm 'UTC'", German);
}
