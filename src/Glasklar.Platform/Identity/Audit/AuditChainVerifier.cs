namespace Glasklar.Platform.Identity.Audit;

internal enum AuditChainBreak
{
    /// <summary>The stored hash is not the hash of the entry's fields: a field or the hash was changed.</summary>
    HashMismatch,

    /// <summary>A sequence number is missing: an entry was deleted (or a later one moved up).</summary>
    SequenceGap,

    /// <summary>A sequence number repeats or goes backwards: an entry was inserted or moved down.</summary>
    SequenceOutOfOrder,

    /// <summary>The entry does not point at the hash of the entry before it.</summary>
    WrongPreviousHash,

    /// <summary>The last entry is not the head recorded elsewhere: entries were cut off the end or the chain was rebuilt.</summary>
    HeadMismatch,
}

/// <summary>A known point of the chain: a sequence number and the hash stored for it.</summary>
internal sealed record AuditChainHead(long Sequence, string Hash);

/// <summary>Result of a verification: intact, or the first broken entry's sequence number and why.</summary>
internal sealed record AuditChainVerification(bool Intact, long? BrokenAtSequence, AuditChainBreak? Reason, long EntriesChecked)
{
    public static AuditChainVerification Broken(long sequence, AuditChainBreak reason, long checkedEntries) =>
        new(false, sequence, reason, checkedEntries);
}

internal static class AuditChainVerifier
{
    /// <summary>
    /// Walks the entries in stored order (ordered by the storage's own row order or insertion id — not by
    /// sequence number, or reordering would go unseen) and stops at the first break.
    /// <paramref name="start"/> verifies a later part of the chain, starting after a trusted entry;
    /// <paramref name="expectedHead"/> is the last entry as recorded outside the table (e.g. in the log or
    /// a signed export), without which deleting the newest entries cannot be told from them never existing.
    /// </summary>
    public static AuditChainVerification Verify(
        IEnumerable<ChainedAuditEntry> entries,
        AuditChainHead? start = null,
        AuditChainHead? expectedHead = null)
    {
        var expectedSequence = (start?.Sequence ?? 0) + 1;
        var previousHash = start?.Hash ?? AuditChain.GenesisHash;
        long checkedEntries = 0;
        AuditChainHead? last = start;

        foreach (var stored in entries)
        {
            var sequence = stored.Entry.Sequence;
            if (sequence != expectedSequence)
            {
                var reason = sequence > expectedSequence ? AuditChainBreak.SequenceGap : AuditChainBreak.SequenceOutOfOrder;
                return AuditChainVerification.Broken(sequence, reason, checkedEntries);
            }

            if (!string.Equals(stored.PreviousHash, previousHash, StringComparison.Ordinal))
            {
                return AuditChainVerification.Broken(sequence, AuditChainBreak.WrongPreviousHash, checkedEntries);
            }

            if (!string.Equals(AuditChain.ComputeHash(previousHash, stored.Entry), stored.Hash, StringComparison.Ordinal))
            {
                return AuditChainVerification.Broken(sequence, AuditChainBreak.HashMismatch, checkedEntries);
            }

            checkedEntries++;
            expectedSequence++;
            previousHash = stored.Hash;
            last = new AuditChainHead(sequence, stored.Hash);
        }

        if (expectedHead is not null && last != expectedHead)
        {
            // Name the first entry that should be there but is not (or the head itself if it was rewritten).
            var missing = last is null ? 1
                : last.Sequence >= expectedHead.Sequence ? expectedHead.Sequence : last.Sequence + 1;
            return AuditChainVerification.Broken(missing, AuditChainBreak.HeadMismatch, checkedEntries);
        }

        return new AuditChainVerification(true, null, null, checkedEntries);
    }
}
