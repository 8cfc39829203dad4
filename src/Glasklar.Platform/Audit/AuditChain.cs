using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Glasklar.Platform.Audit;

/// <summary>The fields of an audit entry that its hash covers.</summary>
public sealed record AuditRecord(long Sequence, DateTime OccurredUtc, Guid? UserId, Guid? OrganisationId, string Action, string? IpAddress, string Details);

/// <summary>Result of walking the chain: intact, or the first broken entry and why.</summary>
public sealed record AuditVerification(bool IsIntact, int Checked, long? BrokenSequence, string? Reason)
{
    public static AuditVerification Intact(int count) => new(true, count, null, null);

    public static AuditVerification Broken(int checkedCount, long sequence, string reason) => new(false, checkedCount, sequence, reason);
}

/// <summary>
/// hash = SHA-256(previousHash || canonical entry), hex. The canonical form is fixed field order,
/// invariant formatting and length-prefixed values, so no two different entries serialise alike.
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    public static string Hash(string previousHash, AuditRecord record)
    {
        var canonical = new StringBuilder()
            .Append(previousHash).Append('\n');
        Field(canonical, record.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(canonical, record.OccurredUtc.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        Field(canonical, record.UserId?.ToString("D") ?? "");
        Field(canonical, record.OrganisationId?.ToString("D") ?? "");
        Field(canonical, record.Action);
        Field(canonical, record.IpAddress ?? "");
        Field(canonical, record.Details);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    private static void Field(StringBuilder builder, string value) =>
        builder.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
}

/// <summary>Checks entries one by one in sequence order (streaming: the log can be large).</summary>
public sealed class AuditChainVerifier
{
    private string _previous = AuditChain.Genesis;
    private long _expectedSequence = 1;

    public int Count { get; private set; }

    /// <summary>Null while the chain holds; otherwise the first break.</summary>
    public AuditVerification? Next(AuditRecord record, string storedPrevious, string storedHash)
    {
        if (record.Sequence != _expectedSequence)
        {
            return AuditVerification.Broken(Count, record.Sequence, $"Lücke oder Umstellung: erwartet wurde Eintrag {_expectedSequence}");
        }

        if (!string.Equals(storedPrevious, _previous, StringComparison.Ordinal))
        {
            return AuditVerification.Broken(Count, record.Sequence, "Verweis auf den vorherigen Eintrag stimmt nicht");
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(AuditChain.Hash(_previous, record)), Encoding.ASCII.GetBytes(storedHash)))
        {
            return AuditVerification.Broken(Count, record.Sequence, "Inhalt wurde verändert (Prüfsumme stimmt nicht)");
        }

        _previous = storedHash;
        _expectedSequence++;
        Count++;
        return null;
    }
}
