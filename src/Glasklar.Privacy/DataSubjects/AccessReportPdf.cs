using System.Reflection;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Glasklar.Privacy.DataSubjects;

/// <summary>
/// The access report as PDF (PdfSharp) for reading and printing. The font (DejaVu Sans) is embedded in the
/// module, so no system font is needed. A PDF is built in memory: it holds at most <see cref="MaxData"/>
/// data and then says that the complete report is the JSON download.
/// </summary>
internal static class AccessReportPdf
{
    public const int MaxData = 20_000;
    private const double Margin = 40;
    private const double LineHeight = 11;

    public static async Task<(byte[] Pdf, int Count)> CreateAsync(AccessReportHeader header, IAsyncEnumerable<ReportedDatum> data, CancellationToken cancellationToken)
    {
        EmbeddedFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = "Auskunft über Ihre gespeicherten Daten";
        document.Info.Creator = "Glasklar";
        var writer = new PageWriter(document);
        writer.Line("Auskunft über Ihre gespeicherten Daten (Art. 15 DSGVO)", writer.Title);
        writer.Line($"Erstellt am {AccessReportHtml.Time(header.CreatedAt)} von {header.Controller}.", writer.Body);
        writer.Line($"Fragen beantwortet: {header.DataProtectionOfficer} ({header.DataProtectionOfficerEmail}).", writer.Body);
        writer.Gap();
        var count = 0;
        string? lastGroup = null;
        await foreach (var item in data.WithCancellation(cancellationToken))
        {
            if (count == MaxData)
            {
                writer.Gap();
                writer.Line($"Es gibt mehr als {MaxData} Angaben. Die vollständige Auskunft enthält die JSON-Fassung.", writer.Bold);
                break;
            }

            var d = item.Datum;
            var group = $"{item.Module} – {d.Category} – {d.RecordRef}";
            if (group != lastGroup)
            {
                writer.Gap();
                writer.Line(group, writer.Bold);
                lastGroup = group;
            }

            writer.Line($"{d.Field}: {d.Value ?? "—"}", writer.Body);
            writer.Line($"    Herkunft: {d.Provenance.Form}, eingegeben von {item.EnteredByName ?? "—"}"
                + (item.OrganisationName is null ? "" : $" ({item.OrganisationName})") + $", am {AccessReportHtml.Time(d.Provenance.EnteredAt)}", writer.Small);
            count++;
        }

        writer.Gap();
        writer.Line($"{count} Angaben.", writer.Body);
        writer.Dispose();
        using var buffer = new MemoryStream();
        document.Save(buffer, false);
        return (buffer.ToArray(), count);
    }

    /// <summary>Writes wrapped lines top to bottom and starts a new page when one is full.</summary>
    private sealed class PageWriter(PdfDocument document) : IDisposable
    {
        private XGraphics? _graphics;
        private double _y;
        private double _width;
        private double _bottom;

        public XFont Title { get; } = new(EmbeddedFonts.Family, 14, XFontStyleEx.Bold);

        public XFont Bold { get; } = new(EmbeddedFonts.Family, 9, XFontStyleEx.Bold);

        public XFont Body { get; } = new(EmbeddedFonts.Family, 9, XFontStyleEx.Regular);

        public XFont Small { get; } = new(EmbeddedFonts.Family, 7.5, XFontStyleEx.Regular);

        public void Gap() => _y += LineHeight / 2;

        public void Line(string text, XFont font)
        {
            foreach (var part in Wrap(text, font))
            {
                if (_graphics is null || _y + LineHeight > _bottom)
                {
                    NewPage();
                }

                _graphics!.DrawString(part, font, XBrushes.Black, new XRect(Margin, _y, _width, LineHeight), XStringFormats.TopLeft);
                _y += font.Size > 10 ? LineHeight * 1.6 : LineHeight;
            }
        }

        private IEnumerable<string> Wrap(string text, XFont font)
        {
            if (_graphics is null)
            {
                NewPage();
            }

            var line = "";
            foreach (var word in text.Replace('\n', ' ').Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && _graphics!.MeasureString(candidate, font).Width > _width)
                {
                    yield return line;
                    line = "      " + word;
                }
                else
                {
                    line = candidate;
                }
            }

            yield return line;
        }

        private void NewPage()
        {
            _graphics?.Dispose();
            var page = document.AddPage();
            _graphics = XGraphics.FromPdfPage(page);
            _width = page.Width.Point - (2 * Margin);
            _bottom = page.Height.Point - Margin;
            _y = Margin;
        }

        public void Dispose() => _graphics?.Dispose();
    }
}

/// <summary>PdfSharp font resolver serving the embedded DejaVu Sans (regular and bold).</summary>
internal sealed class EmbeddedFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private static readonly Lock Gate = new();

    public static void Install()
    {
        lock (Gate)
        {
            // PDFsharp 6.5 makes the program choose its licence: the free one is the AGPL (ADR 0010).
            PdfSharp.PdfSharpLicense.SetAgplLicense();
            if (GlobalFontSettings.FontResolver is not EmbeddedFonts)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Glasklar.Privacy.Fonts.{faceName}.ttf");
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
