using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Glasklar.Platform.Identity.Audit;

/// <summary>
/// The fields of one audit-log entry that the hash chain protects (B11, X5). <see cref="Details"/> is
/// free-form but small (e.g. "reason" → "wrong-totp"); it is serialised sorted by key, so the order in
/// which a dictionary happens to enumerate never changes a hash.
/// </summary>
internal sealed record AuditChainEntry(
    long Sequence,
    DateTimeOffset Timestamp,
    Guid? ActorUserId,
    Guid? OrganisationId,
    string Action,
    string? IpAddress,
    IReadOnlyDictionary<string, string> Details);

/// <summary>An entry as stored: its fields, the hash of the entry before it, and its own hash (lower-case hex).</summary>
internal sealed record ChainedAuditEntry(AuditChainEntry Entry, string PreviousHash, string Hash);

/// <summary>
/// Hash chain over the audit log: <c>hash = SHA-256(previousHash || canonicalBytes)</c>, where the first
/// entry's previous hash is 32 zero bytes. Changing, removing, inserting or reordering a stored entry breaks
/// the chain from that entry on; <see cref="AuditChainVerifier"/> finds where. Rewriting the whole chain
/// from the tampered entry onwards is only detectable against a head hash kept elsewhere (see the verifier).
/// </summary>
internal static class AuditChain
{
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>Format tag, so a future change of the serialisation can coexist with old entries.</summary>
    private const string Version = "glasklar-audit-v1";

    /// <summary>
    /// Timestamps are hashed in microseconds, what PostgreSQL's <c>timestamptz</c> keeps; ticks beyond that
    /// would be lost on a round trip through the database and break the chain for no tampering at all.
    /// Store <see cref="TruncateTimestamp"/>'s result.
    /// </summary>
    public static DateTimeOffset TruncateTimestamp(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    /// <summary>Links a new entry to the previous one (null for the very first) and computes its hash.</summary>
    public static ChainedAuditEntry Append(ChainedAuditEntry? previous, AuditChainEntry entry) =>
        AppendAfter(previous is null ? null : new AuditChainHead(previous.Entry.Sequence, previous.Hash), entry);

    /// <summary>
    /// The same from just the last stored sequence number and hash, which is all an insert needs to read
    /// (inside the transaction that writes the new entry, so two writers cannot both append after it).
    /// </summary>
    public static ChainedAuditEntry AppendAfter(AuditChainHead? previous, AuditChainEntry entry)
    {
        var expected = previous is null ? 1 : previous.Sequence + 1;
        if (entry.Sequence != expected)
        {
            throw new ArgumentException($"Audit-Eintrag {entry.Sequence} folgt nicht lückenlos (erwartet {expected}).", nameof(entry));
        }

        var previousHash = previous?.Hash ?? GenesisHash;
        return new ChainedAuditEntry(entry, previousHash, ComputeHash(previousHash, entry));
    }

    public static string ComputeHash(string previousHash, AuditChainEntry entry)
    {
        var previous = Convert.FromHexString(previousHash);
        if (previous.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("Der vorherige Hash muss 32 Bytes (64 Hex-Zeichen) lang sein.", nameof(previousHash));
        }

        var canonical = Canonicalise(entry);
        var input = new byte[previous.Length + canonical.Length];
        previous.CopyTo(input, 0);
        canonical.CopyTo(input, previous.Length);
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }

    /// <summary>
    /// Deterministic UTF-8 serialisation. Every value is written as <c>&lt;byte length&gt;:&lt;value&gt;;</c>
    /// (null as <c>-;</c>), so no choice of characters in an action, IP or detail can make two different
    /// entries serialise alike. Numbers, GUIDs and times use invariant, fixed formats.
    /// </summary>
    public static byte[] Canonicalise(AuditChainEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry.Action);
        ArgumentNullException.ThrowIfNull(entry.Details);

        var text = new StringBuilder();
        Field(text, Version);
        Field(text, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(text, TruncateTimestamp(entry.Timestamp).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Field(text, entry.ActorUserId?.ToString("D"));
        Field(text, entry.OrganisationId?.ToString("D"));
        Field(text, entry.Action);
        Field(text, entry.IpAddress);
        Field(text, entry.Details.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in entry.Details.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            Field(text, key);
            Field(text, value);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Field(StringBuilder text, string? value)
    {
        if (value is null)
        {
            text.Append("-;");
            return;
        }

        text.Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
    }
}
