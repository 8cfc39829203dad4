using System.Globalization;
using System.Text;
using System.Xml;
using Glasklar.Privacy.DataSubjects;
using Glasklar.Telematics.Portal;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Glasklar.Telematics.Exports;

/// <summary>One exported position with the vehicle it belongs to.</summary>
internal readonly record struct ExportRow(string VehicleId, PortalPosition Position);

/// <summary>What an export covers, for headers and file names.</summary>
internal sealed record ExportHeader(DateTime FromUtc, DateTime ToUtc, DateTime CreatedUtc)
{
    public string FileName(ExportFormat format) =>
        $"fahrten-{FromUtc:yyyy-MM-dd}-{ToUtc.AddTicks(-1):yyyy-MM-dd}.{Extension(format)}";

    public static string Extension(ExportFormat format) => format switch { ExportFormat.Pdf => "pdf", ExportFormat.Gpx => "gpx", _ => "csv" };

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Pdf => "application/pdf",
        ExportFormat.Gpx => "application/gpx+xml",
        _ => "text/csv; charset=utf-8",
    };
}

/// <summary>
/// The route exports (C15). CSV (semicolon, UTF-8 with BOM, German numbers, for spreadsheets) and GPX 1.1
/// (one track per vehicle, a segment per continuous stretch) are written row by row to the stream, so a
/// long window needs no more memory than a short one; the PDF is built in memory and therefore capped.
/// </summary>
internal static class ExportWriters
{
    public const string CsvHeader = "Fahrzeug;GPS-Zeit (UTC);Breitengrad;Längengrad;Höhe m;Geschwindigkeit km/h;Straßentyp;Tempolimit km/h;Gültige Ortung";
    public const string GpxNamespace = "http://www.topografix.com/GPX/1/1";
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private const long SegmentGapMs = 5 * 60 * 1000;

    public static async Task WriteAsync(ExportFormat format, ExportHeader header, IAsyncEnumerable<ExportRow> rows, Stream output, int pdfMax, Action<long> progress, CancellationToken cancellationToken)
    {
        switch (format)
        {
            case ExportFormat.Gpx:
                await WriteGpxAsync(header, rows, output, progress, cancellationToken);
                break;
            case ExportFormat.Pdf:
                await WritePdfAsync(header, rows, output, pdfMax, progress, cancellationToken);
                break;
            default:
                await WriteCsvAsync(rows, output, progress, cancellationToken);
                break;
        }
    }

    public static async Task WriteCsvAsync(IAsyncEnumerable<ExportRow> rows, Stream output, Action<long> progress, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(CsvHeader);
        long count = 0;
        await foreach (var (vehicle, p) in rows.WithCancellation(cancellationToken))
        {
            var limit = p.Unlimited ? "ohne" : p.LimitKmh?.ToString(German) ?? "";
            await writer.WriteLineAsync(string.Create(German,
                $"{Csv(vehicle)};{p.GpsTimeUtc:dd.MM.yyyy HH:mm:ss};{p.Latitude:0.000000};{p.Longitude:0.000000};{p.Altitude:0.0};{p.SpeedKmh:0.0};{Csv(p.RoadType ?? "")};{limit};{(p.Valid ? "ja" : "nein")}"));
            if (++count % 1000 == 0)
            {
                progress(count);
            }
        }

        await writer.FlushAsync(cancellationToken);
        progress(count);
    }

    public static async Task WriteGpxAsync(ExportHeader header, IAsyncEnumerable<ExportRow> rows, Stream output, Action<long> progress, CancellationToken cancellationToken)
    {
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true, CloseOutput = false };
        await using var xml = XmlWriter.Create(output, settings);
        await xml.WriteStartDocumentAsync();
        xml.WriteStartElement("gpx", GpxNamespace);
        xml.WriteAttributeString("version", "1.1");
        xml.WriteAttributeString("creator", "Glasklar");
        xml.WriteStartElement("metadata", GpxNamespace);
        xml.WriteElementString("name", GpxNamespace, $"Fahrten {header.FromUtc:dd.MM.yyyy} bis {header.ToUtc.AddTicks(-1):dd.MM.yyyy}");
        xml.WriteElementString("time", GpxNamespace, Iso(header.CreatedUtc));
        xml.WriteEndElement();
        string? vehicle = null;
        long lastMs = 0;
        long count = 0;
        await foreach (var (v, p) in rows.WithCancellation(cancellationToken))
        {
            if (v != vehicle)
            {
                if (vehicle is not null)
                {
                    xml.WriteEndElement(); // trkseg
                    xml.WriteEndElement(); // trk
                }

                xml.WriteStartElement("trk", GpxNamespace);
                xml.WriteElementString("name", GpxNamespace, v);
                xml.WriteStartElement("trkseg", GpxNamespace);
                vehicle = v;
            }
            else if (p.GpsTimeMs - lastMs > SegmentGapMs)
            {
                xml.WriteEndElement();
                xml.WriteStartElement("trkseg", GpxNamespace);
            }

            lastMs = p.GpsTimeMs;
            xml.WriteStartElement("trkpt", GpxNamespace);
            xml.WriteAttributeString("lat", p.Latitude.ToString("0.0000000", CultureInfo.InvariantCulture));
            xml.WriteAttributeString("lon", p.Longitude.ToString("0.0000000", CultureInfo.InvariantCulture));
            if (p.Altitude is { } altitude)
            {
                xml.WriteElementString("ele", GpxNamespace, altitude.ToString("0.0", CultureInfo.InvariantCulture));
            }

            xml.WriteElementString("time", GpxNamespace, Iso(p.GpsTimeUtc));
            if (!p.Valid)
            {
                xml.WriteElementString("fix", GpxNamespace, "none");
            }

            xml.WriteEndElement();
            if (++count % 1000 == 0)
            {
                progress(count);
                await xml.FlushAsync();
            }
        }

        if (vehicle is not null)
        {
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
        progress(count);
    }

    public static async Task WritePdfAsync(ExportHeader header, IAsyncEnumerable<ExportRow> rows, Stream output, int max, Action<long> progress, CancellationToken cancellationToken)
    {
        EmbeddedFonts.Install(); // PDFsharp licence and font as for the access report (ADR 0010)
        using var document = new PdfDocument();
        document.Info.Title = "Ihre Fahrten";
        document.Info.Creator = "Glasklar";
        var title = new XFont(EmbeddedFonts.Family, 14, XFontStyleEx.Bold);
        var bold = new XFont(EmbeddedFonts.Family, 8, XFontStyleEx.Bold);
        var body = new XFont(EmbeddedFonts.Family, 8, XFontStyleEx.Regular);
        XGraphics? g = null;
        double y = 0;
        double bottom = 0;
        const double margin = 40;
        const double line = 11;
        double[] columns = [margin, margin + 80, margin + 170, margin + 240, margin + 310, margin + 370, margin + 450];
        void NewPage()
        {
            g?.Dispose();
            var page = document.AddPage();
            g = XGraphics.FromPdfPage(page);
            bottom = page.Height.Point - margin;
            y = margin;
            Row(bold, "Fahrzeug", "GPS-Zeit (UTC)", "Breite", "Länge", "km/h", "Straßentyp", "Limit km/h");
        }

        void Row(XFont font, params string[] cells)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                g!.DrawString(cells[i], font, XBrushes.Black, new XRect(columns[i], y, 90, line), XStringFormats.TopLeft);
            }

            y += line;
        }

        NewPage();
        g!.DrawString($"Ihre Fahrten vom {header.FromUtc:dd.MM.yyyy} bis {header.ToUtc.AddTicks(-1):dd.MM.yyyy}", title, XBrushes.Black, new XRect(margin, y, 500, 20), XStringFormats.TopLeft);
        y += 24;
        long count = 0;
        await foreach (var (vehicle, p) in rows.WithCancellation(cancellationToken))
        {
            if (count == max)
            {
                y += line;
                g!.DrawString($"Mehr als {max} Positionen: die vollständige Liste enthalten der CSV- und der GPX-Export.", bold, XBrushes.Black, new XRect(margin, y, 500, line), XStringFormats.TopLeft);
                break;
            }

            if (y + line > bottom)
            {
                NewPage();
            }

            Row(body, vehicle, p.GpsTimeUtc.ToString("dd.MM.yyyy HH:mm:ss", German), p.Latitude.ToString("0.00000", German), p.Longitude.ToString("0.00000", German),
                p.SpeedKmh.ToString("0", German), p.RoadType ?? "–", p.Unlimited ? "ohne" : p.LimitKmh?.ToString(German) ?? "–");
            if (++count % 1000 == 0)
            {
                progress(count);
            }
        }

        if (count == 0)
        {
            g!.DrawString("Im gewählten Zeitraum gibt es keine Positionen.", body, XBrushes.Black, new XRect(margin, y + line, 500, line), XStringFormats.TopLeft);
        }

        g?.Dispose();
        using var buffer = new MemoryStream();
        document.Save(buffer, false); // PDFsharp writes synchronously; the response body accepts only async writes
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
        await output.FlushAsync(cancellationToken);
        progress(count);
    }

    private static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Csv(string value) =>
        value.Contains(';') || value.Contains('"') || value.Contains('\n') ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
