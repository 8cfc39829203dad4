namespace Glasklar.Privacy.DataSubjects;

/// <summary>
/// The embedded PDF font (DejaVu Sans) for every module that writes PDFs with PdfSharp (ADR 0010): PdfSharp
/// has one global font resolver, so modules install this one instead of their own.
/// </summary>
public static class PdfFonts
{
    public const string Family = EmbeddedFonts.Family;

    /// <summary>Chooses the AGPL licence and installs the embedded font resolver (idempotent, thread-safe).</summary>
    public static void Install() => EmbeddedFonts.Install();
}
