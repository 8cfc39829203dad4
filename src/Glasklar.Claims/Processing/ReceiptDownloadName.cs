namespace Glasklar.Claims.Processing;

/// <summary>
/// The file name a receipt is downloaded under: only letters, digits and a few harmless marks (no quotes,
/// semicolons, slashes or percent signs that could bend the Content-Disposition header or a path), and the
/// extension of the type found by content, so a PDF uploaded as "rechnung.html" never opens as a web page.
/// </summary>
internal static class ReceiptDownloadName
{
    private const int MaxStem = 100;

    public static string For(string storedName, string contentType)
    {
        var extension = contentType switch
        {
            "application/pdf" => ".pdf",
            "image/jpeg" => ".jpg",
            "image/png" => ".png",
            _ => ".bin",
        };
        var safe = new string([.. storedName.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '.' or '-' or '_' or '(' or ')' ? c : '_')])
            .Trim();
        var stem = (Matches(safe, contentType) ? safe[..safe.LastIndexOf('.')] : safe).Trim('.', ' ');
        if (stem.Length == 0)
        {
            stem = "beleg";
        }

        return (stem.Length > MaxStem ? stem[..MaxStem] : stem) + extension;
    }

    private static bool Matches(string name, string contentType)
    {
        var dot = name.LastIndexOf('.');
        var extension = dot < 0 ? "" : name[dot..].ToLowerInvariant();
        return contentType switch
        {
            "application/pdf" => extension == ".pdf",
            "image/jpeg" => extension is ".jpg" or ".jpeg",
            "image/png" => extension == ".png",
            _ => false,
        };
    }
}
