using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Glasklar.Claims.Submission;

/// <summary>One uploaded receipt as raw bytes (from a multipart file part, the wizard's form or decoded base64).</summary>
internal sealed record ReceiptUpload(string? FileName, ReadOnlyMemory<byte> Content);

/// <summary>
/// What a multipart claim request contained: the claim data and the receipt files, or errors per part (German).
/// The files live in pooled buffers: dispose this once the claim is stored (or refused); the buffers are cleared.
/// </summary>
internal sealed class MultipartClaim(List<byte[]> rented) : IDisposable
{
    public ClaimSubmissionRequest? Request { get; set; }

    public List<ReceiptUpload> Receipts { get; } = [];

    public Dictionary<string, string[]> Errors { get; } = [];

    public void Dispose()
    {
        foreach (var buffer in rented)
        {
            // Receipts are health data: nothing of them stays in a buffer someone else rents next.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }

        rented.Clear();
    }
}

/// <summary>
/// Reads <c>POST /api/v1/claims</c> as multipart/form-data, as a browser's form or <c>FormData</c> sends it: a part
/// <c>claim</c> with the claim as JSON (without receipts) and one file part <c>receipts</c> per receipt. Each file is
/// read once from the request stream into one array of its size: no base64, no form buffering to temporary files
/// (ADR 0030).
/// </summary>
internal static class ClaimMultipart
{
    public const string ClaimPart = "claim";
    public const string ReceiptsPart = "receipts";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static async Task<MultipartClaim> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var rented = new List<byte[]>();
        var result = new MultipartClaim(rented);
        var (errors, receipts) = (result.Errors, result.Receipts);
        ClaimSubmissionRequest? claim = null;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || HeaderUtilities.RemoveQuotes(type.Boundary).Length is 0 or > 200)
        {
            errors["body"] = ["Der Antrag ist kein lesbares multipart/form-data (Boundary fehlt)."];
            return result;
        }

        var reader = new MultipartReader(HeaderUtilities.RemoveQuotes(type.Boundary).ToString(), request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                var disposition = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var parsed) ? parsed : new ContentDispositionHeaderValue("form-data");
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).ToString();
                if (name == ReceiptsPart && disposition.IsFileDisposition())
                {
                    if (receipts.Count == ClaimSubmissionService.MaxReceipts)
                    {
                        errors["receipts"] = [$"Ein Antrag kann höchstens {ClaimSubmissionService.MaxReceipts} Belege enthalten."];
                        break;
                    }

                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).ToString();
                    receipts.Add(new ReceiptUpload(fileName, await ReadAllAsync(section.Body, rented, cancellationToken)));
                }
                else if (name == ClaimPart && claim is null)
                {
                    claim = await ReadClaimAsync(section.Body, errors, cancellationToken);
                }
                else
                {
                    errors["body"] = [$"Unerwarteter Teil „{Truncate(name)}“: erwartet sind „{ClaimPart}“ (JSON) und Dateien im Feld „{ReceiptsPart}“."];
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            // How MultipartReader reports a malformed or truncated body, or a part over its limits.
            errors["body"] = ["Der Antrag ist kein lesbares multipart/form-data."];
        }
        catch
        {
            result.Dispose();
            throw;
        }

        if (claim is null && errors.Count == 0)
        {
            errors[ClaimPart] = [$"Bitte senden Sie die Antragsdaten als JSON im Teil „{ClaimPart}“."];
        }

        result.Request = errors.Count == 0 ? claim : null;
        return result;
    }

    private static async Task<ClaimSubmissionRequest?> ReadClaimAsync(Stream body, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        try
        {
            var claim = await JsonSerializer.DeserializeAsync<ClaimSubmissionRequest>(body, Web, cancellationToken);
            if (claim?.Receipts is { Count: > 0 })
            {
                errors[ClaimPart] = [$"Belege gehören bei multipart/form-data als Dateien in das Feld „{ReceiptsPart}“, nicht in das JSON."];
                return null;
            }

            return claim;
        }
        catch (JsonException)
        {
            errors[ClaimPart] = [$"Der Teil „{ClaimPart}“ ist kein gültiges JSON."];
            return null;
        }
    }

    /// <summary>
    /// The part's bytes in a pooled buffer (handed to <paramref name="rented"/> to return later): no exact-size copy,
    /// and warm pooled memory instead of a fresh large-object array per file.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>> ReadAllAsync(Stream body, List<byte[]> rented, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        rented.Add(buffer);
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, length).CopyTo(larger);
                rented[^1] = larger;
                ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                buffer = larger;
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return buffer.AsMemory(0, length);
            }

            length += read;
        }
    }

    private static string Truncate(string name) => name.Length > 40 ? name[..40] : name;
}
