namespace Glasklar.Privacy.Images;

/// <summary>
/// Logic of <c>glasklar image-clean IN OUT</c>: exit 0 and OUT written, or exit 2 with the German reason on
/// <c>error</c> and no OUT created (the result is written to a temporary file and moved into place).
/// </summary>
public static class ImageCleanCli
{
    public const int Ok = 0;
    public const int Refused = 2;

    public static int Run(string inputPath, string outputPath, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        byte[] input;
        try
        {
            var info = new FileInfo(inputPath);
            if (!info.Exists)
            {
                error.WriteLine($"Die Eingabedatei „{inputPath}“ wurde nicht gefunden.");
                return Refused;
            }

            // Refuse oversized files before reading them into memory.
            if (info.Length > Rejections.MaxBytes)
            {
                return Report(Rejections.TooLarge(info.Length).Rejection!, error);
            }

            input = File.ReadAllBytes(inputPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"Die Eingabedatei „{inputPath}“ konnte nicht gelesen werden: {e.Message}");
            return Refused;
        }

        var result = ImageSanitizer.Instance.Sanitize(input);
        if (!result.Succeeded)
        {
            return Report(result.Rejection!, error);
        }

        var temp = outputPath + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            File.WriteAllBytes(temp, result.Output);
            File.Move(temp, outputPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            TryDelete(temp);
            error.WriteLine($"Die Ausgabedatei „{outputPath}“ konnte nicht geschrieben werden: {e.Message}");
            return Refused;
        }

        var removed = result.RemovedBlocks.Count == 0 ? "nichts" : string.Join(", ", result.RemovedBlocks.Distinct());
        output.WriteLine($"Bild bereinigt: {result.Kind} {result.Width}×{result.Height}, Ausrichtung {result.Orientation}, "
            + $"{input.Length} → {result.Output.Length} Bytes; entfernt: {removed}.");
        return Ok;
    }

    private static int Report(ImageRejection rejection, TextWriter error)
    {
        error.WriteLine($"{rejection.Message} [{rejection.Code}]");
        return Refused;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // best effort; the temporary name is unique and never the requested output
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
