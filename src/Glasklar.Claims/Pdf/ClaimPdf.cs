using System.Globalization;
using Glasklar.Claims.Processing;
using Glasklar.Privacy.DataSubjects;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Glasklar.Claims.Pdf;

/// <summary>
/// PDFs for the customer (PdfSharp with the embedded font of the privacy core, ADR 0010):
/// the receipt confirmation (B8: number, date and time, documents with name, type and size; no items, no
/// amounts, no health data) and the benefit statement (B3: per item claimed, reimbursed and why).
/// Only for the customer's own claim; anyone else gets null (404).
/// </summary>
internal sealed class ClaimPdf(ClaimViews views, IOptions<Glasklar.Platform.Configuration.GlasklarOptions> glasklar)
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public async Task<byte[]?> ReceiptConfirmationAsync(Guid customerUserId, Guid claimId, CancellationToken cancellationToken)
    {
        if (await views.CustomerDetailAsync(customerUserId, claimId, cancellationToken) is not { } claim)
        {
            return null;
        }

        return Write($"Empfangsbestätigung {claim.Number}", claim.Number, w =>
        {
            w.Line("Empfangsbestätigung", w.Title);
            w.Line("Ihr Erstattungsantrag ist bei uns eingegangen und liegt der Leistungsabteilung vor.", w.Body);
            w.Gap();
            w.Line($"Antragsnummer: {claim.Number}", w.Bold);
            w.Line($"Eingegangen am: {Local(claim.SubmittedAt)}", w.Body);
            w.Gap();
            w.Line($"Eingereichte Dokumente ({claim.Documents.Count})", w.Bold);
            foreach (var d in claim.Documents)
            {
                w.Line($"{d.Position}. {d.FileName} – {TypeName(d.ContentType)}, {Size(d.Size)}", w.Body);
            }

            w.Gap();
            w.Line($"Erstellt am {Local(DateTimeOffset.UtcNow)} im Kundenportal{Operator()}.", w.Small);
        });
    }

    public async Task<byte[]?> StatementAsync(Guid customerUserId, Guid claimId, CancellationToken cancellationToken)
    {
        if (await views.CustomerDetailAsync(customerUserId, claimId, cancellationToken) is not { Statement: { } s } claim)
        {
            return null;
        }

        return Write($"Leistungsabrechnung {claim.Number}", claim.Number, w =>
        {
            w.Line("Leistungsabrechnung", w.Title);
            w.Line($"Antragsnummer: {claim.Number}", w.Bold);
            w.Line($"Versicherungsnummer: {claim.PolicyNumber}", w.Body);
            w.Line($"Versicherte Person: {claim.InsuredPerson}", w.Body);
            w.Line($"Eingegangen am {Local(claim.SubmittedAt)}, abgerechnet am {Local(s.SettledAt)}", w.Body);
            w.Gap();
            foreach (var i in s.Items)
            {
                w.Line($"Leistung {i.Position}: {i.TreatmentDate.ToString("dd.MM.yyyy", German)}, {i.Kind}", w.Bold);
                w.Line($"beantragt {Euro(i.Claimed)}, erstattet {Euro(i.Reimbursed ?? 0)}" + (i.Reason is null ? "" : $" – Begründung: {i.Reason}"), w.Body);
            }

            w.Gap();
            w.Line($"Summe beantragt: {Euro(s.Claimed)}", w.Body);
            w.Line($"Summe erstattet: {Euro(s.Reimbursed)}", w.Bold);
            w.Line("Der erstattete Betrag wird auf das im Antrag angegebene Konto überwiesen.", w.Body);
            w.Gap();
            w.Line($"Erstellt am {Local(DateTimeOffset.UtcNow)} im Kundenportal{Operator()}.", w.Small);
        });
    }

    private string Operator() => glasklar.Value.Operator?.Name is { Length: > 0 } name ? $" von {name}" : "";

    public static string Local(DateTimeOffset value) =>
        TimeZoneInfo.ConvertTime(value, Documents.DocumentRequestService.Berlin).ToString("dd.MM.yyyy, HH:mm 'Uhr'", German);

    public static string Euro(decimal value) => value.ToString("N2", German) + " €";

    public static string TypeName(string contentType) => contentType switch
    {
        "application/pdf" => "PDF",
        "image/jpeg" => "JPEG-Bild",
        "image/png" => "PNG-Bild",
        _ => contentType,
    };

    public static string Size(int bytes) => bytes < 1024 ? $"{bytes} Bytes" : $"{((bytes + 1023) / 1024).ToString(German)} KB";

    /// <summary>The claim number also goes into the document's subject (plain ASCII), so tools and tests find it without text extraction.</summary>
    private static byte[] Write(string title, string number, Action<Writer> content)
    {
        PdfFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Subject = number;
        document.Info.Creator = "Glasklar";
        using (var writer = new Writer(document))
        {
            content(writer);
        }

        using var buffer = new MemoryStream();
        document.Save(buffer, false);
        return buffer.ToArray();
    }

    /// <summary>Wrapped lines top to bottom, a new page when one is full.</summary>
    internal sealed class Writer(PdfDocument document) : IDisposable
    {
        private const double Margin = 50;
        private const double LineHeight = 14;
        private XGraphics? _graphics;
        private double _y;
        private double _width;
        private double _bottom;

        public XFont Title { get; } = new(PdfFonts.Family, 16, XFontStyleEx.Bold);

        public XFont Bold { get; } = new(PdfFonts.Family, 10, XFontStyleEx.Bold);

        public XFont Body { get; } = new(PdfFonts.Family, 10, XFontStyleEx.Regular);

        public XFont Small { get; } = new(PdfFonts.Family, 8, XFontStyleEx.Regular);

        public void Gap() => _y += LineHeight / 2;

        public void Line(string text, XFont font)
        {
            EnsurePage();
            var line = "";
            foreach (var word in text.Replace('\n', ' ').Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && _graphics!.MeasureString(candidate, font).Width > _width)
                {
                    Draw(line, font);
                    line = "   " + word;
                }
                else
                {
                    line = candidate;
                }
            }

            Draw(line, font);
        }

        private void Draw(string text, XFont font)
        {
            if (_y + LineHeight > _bottom)
            {
                NewPage();
            }

            _graphics!.DrawString(text, font, XBrushes.Black, new XRect(Margin, _y, _width, LineHeight), XStringFormats.TopLeft);
            _y += font.Size > 12 ? LineHeight * 1.8 : LineHeight;
        }

        private void EnsurePage()
        {
            if (_graphics is null)
            {
                NewPage();
            }
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
