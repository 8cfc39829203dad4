using Glasklar.Claims.Persistence;
using Glasklar.Claims.Submission;
using Glasklar.Platform.Configuration;
using Glasklar.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Glasklar.Claims.Receipts;

/// <summary>
/// Receipt contents as sealed files (<see cref="ClaimsProtector.Seal"/>) under {DataDirectory}/claims/receipts, one
/// file per receipt named by its id, instead of blobs in the database (ADR 0032). On SQLite a blob's megabytes
/// were written inside the single writer's turn, twice (WAL, then checkpoint); a file is written once, fsynced,
/// and in parallel with other submissions, before the short transaction that records the row.
/// Order keeps the rule "nothing stored on errors" and "nothing lost": the file is durable before its row commits,
/// and it is deleted after its row is deleted and committed. A file without a row (a crash in between) is an
/// orphan that <see cref="DeleteOrphans"/> removes.
/// </summary>
internal sealed class ReceiptStore(ClaimsDbContext db, ClaimsProtector protector, IOptions<GlasklarOptions> glasklar)
{
    private const string Extension = ".gks";

    public string Directory => Path.Combine(glasklar.Value.FullDataDirectory, "claims", "receipts");

    public string PathOf(Guid receiptId) => Path.Combine(Directory, receiptId.ToString("N") + Extension);

    /// <summary>Seals a cleaned receipt and writes its file, durably, before the row is recorded.</summary>
    public void Write(Guid receiptId, ReadOnlySpan<byte> cleanContent)
    {
        using var sealedContent = protector.Seal(ClaimsProtector.Receipt, cleanContent);
        System.IO.Directory.CreateDirectory(Directory);
        DurableFile.WriteNew(PathOf(receiptId), sealedContent);
    }

    /// <summary>
    /// Runs <paramref name="record"/>, the transaction that records the rows of files just written. If it fails,
    /// the files are deleted, unless their rows turn out to be committed after all (a failure after the commit),
    /// or that cannot be checked: then they stay, and are either a row's file or an orphan for the sweep.
    /// </summary>
    public async Task<T> RecordAsync<T>(IReadOnlyCollection<Guid> receiptIds, Func<Task<T>> record)
    {
        try
        {
            return await record();
        }
        catch
        {
            bool recorded;
            try
            {
                db.ChangeTracker.Clear();
                recorded = await db.Receipts.IgnoreQueryFilters().AnyAsync(r => receiptIds.Contains(r.Id), CancellationToken.None);
            }
            catch
            {
                recorded = true;
            }

            if (!recorded)
            {
                Delete(receiptIds);
            }

            throw;
        }
    }

    /// <summary>The cleaned receipt, from its file or (rows written before ADR 0032) from the row; null when the file is missing.</summary>
    public async Task<byte[]?> OpenAsync(ClaimReceipt receipt, CancellationToken cancellationToken)
    {
        var sealedContent = receipt.ContentProtected.Length > 0 ? receipt.ContentProtected : await ReadAsync(receipt.Id, cancellationToken);
        return sealedContent is null ? null : protector.UnprotectBytes(ClaimsProtector.Receipt, sealedContent);
    }

    /// <summary>The sealed bytes, or null when the file is missing.</summary>
    public async Task<byte[]?> ReadAsync(Guid receiptId, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(PathOf(receiptId), cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void Delete(IEnumerable<Guid> receiptIds)
    {
        foreach (var id in receiptIds)
        {
            File.Delete(PathOf(id));
        }
    }

    /// <summary>
    /// Deletes files whose receipt row does not exist and that were written before <paramref name="writtenBeforeUtc"/>
    /// (younger ones may belong to a submission whose transaction is still running). Returns how many.
    /// </summary>
    public async Task<int> DeleteOrphansAsync(DateTime writtenBeforeUtc, CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return 0;
        }

        var deleted = 0;
        var candidates = System.IO.Directory.EnumerateFiles(Directory, "*" + Extension)
            .Where(path => File.GetLastWriteTimeUtc(path) < writtenBeforeUtc)
            .Select(path => Guid.TryParseExact(Path.GetFileNameWithoutExtension(path), "N", out var id) ? id : (Guid?)null)
            .OfType<Guid>();
        foreach (var chunk in candidates.Chunk(500))
        {
            var known = await db.Receipts.IgnoreQueryFilters().Where(r => chunk.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken);
            var orphans = chunk.Except(known).ToList();
            Delete(orphans);
            deleted += orphans.Count;
        }

        return deleted;
    }
}
