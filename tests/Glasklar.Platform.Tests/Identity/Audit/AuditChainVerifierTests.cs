using Glasklar.Platform.Identity.Audit;
using static Glasklar.Platform.Tests.Identity.Audit.AuditChainTests;

namespace Glasklar.Platform.Tests.Identity.Audit;

[Trait("Promise", "X5")]
public sealed class AuditChainVerifierTests
{
    private static void ShouldBreakAt(IEnumerable<ChainedAuditEntry> entries, long sequence, AuditChainBreak reason, AuditChainHead? head = null)
    {
        var result = AuditChainVerifier.Verify(entries, expectedHead: head);

        result.Intact.ShouldBeFalse();
        result.BrokenAtSequence.ShouldBe(sequence);
        result.Reason.ShouldBe(reason);
    }

    [Fact]
    public void An_untouched_chain_is_intact()
    {
        var chain = Chain(10);

        var result = AuditChainVerifier.Verify(chain, expectedHead: new AuditChainHead(10, chain[^1].Hash));

        result.Intact.ShouldBeTrue();
        result.EntriesChecked.ShouldBe(10);
        result.BrokenAtSequence.ShouldBeNull();
        AuditChainVerifier.Verify([]).Intact.ShouldBeTrue();
    }

    public static TheoryData<string> Fields => ["timestamp", "actor", "organisation", "action", "ip", "detail-value", "detail-added", "detail-removed"];

    [Theory]
    [MemberData(nameof(Fields))]
    public void Changing_any_field_is_detected_at_that_entry(string field)
    {
        var chain = Chain(6);
        var e = chain[3].Entry;
        var tampered = field switch
        {
            "timestamp" => e with { Timestamp = e.Timestamp.AddSeconds(-1) },
            "actor" => e with { ActorUserId = Guid.NewGuid() },
            "organisation" => e with { OrganisationId = null },
            "action" => e with { Action = "logout" },
            "ip" => e with { IpAddress = "198.51.100.7" },
            "detail-value" => e with { Details = new Dictionary<string, string> { ["method"] = "recovery-code" } },
            "detail-added" => e with { Details = new Dictionary<string, string> { ["method"] = "totp", ["note"] = "x" } },
            "detail-removed" => e with { Details = new Dictionary<string, string>() },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        chain[3] = chain[3] with { Entry = tampered };

        ShouldBreakAt(chain, 4, AuditChainBreak.HashMismatch);
    }

    [Fact]
    public void Changing_a_stored_hash_is_detected_at_that_entry()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Hash = new string('a', 64) };

        ShouldBreakAt(chain, 3, AuditChainBreak.HashMismatch);
    }

    [Fact]
    public void A_rewritten_entry_with_a_recomputed_hash_breaks_the_link_to_the_next()
    {
        var chain = Chain(5);
        var forged = chain[1].Entry with { Action = "nothing-happened" };
        chain[1] = chain[1] with { Entry = forged, Hash = AuditChain.ComputeHash(chain[1].PreviousHash, forged) };

        ShouldBreakAt(chain, 3, AuditChainBreak.WrongPreviousHash);
    }

    [Fact]
    public void Changing_a_previous_hash_is_detected_at_that_entry()
    {
        var chain = Chain(5);
        chain[4] = chain[4] with { PreviousHash = chain[2].Hash };

        ShouldBreakAt(chain, 5, AuditChainBreak.WrongPreviousHash);
    }

    [Fact]
    public void Deleting_an_entry_is_detected_at_the_one_after_it()
    {
        var chain = Chain(6);
        chain.RemoveAt(2);

        ShouldBreakAt(chain, 4, AuditChainBreak.SequenceGap);
    }

    [Fact]
    public void Deleting_the_first_entry_is_detected()
    {
        var chain = Chain(3);
        chain.RemoveAt(0);

        ShouldBreakAt(chain, 2, AuditChainBreak.SequenceGap);
    }

    [Fact]
    public void Deleting_and_renumbering_is_detected_by_the_link()
    {
        var chain = Chain(6);
        chain.RemoveAt(2);
        for (var i = 2; i < chain.Count; i++)
        {
            chain[i] = chain[i] with { Entry = chain[i].Entry with { Sequence = i + 1 } };
        }

        ShouldBreakAt(chain, 3, AuditChainBreak.WrongPreviousHash);
    }

    [Fact]
    public void Reordering_is_detected_at_the_first_entry_out_of_place()
    {
        var chain = Chain(6);
        (chain[2], chain[3]) = (chain[3], chain[2]);

        ShouldBreakAt(chain, 4, AuditChainBreak.SequenceGap);
    }

    [Fact]
    public void Inserting_a_well_formed_entry_is_detected_at_the_displaced_one()
    {
        var chain = Chain(5);
        // The forger knows the format and links the new entry correctly to entry 2.
        var inserted = AuditChain.Append(chain[1], Entry(3, "role-granted"));
        chain.Insert(2, inserted);

        ShouldBreakAt(chain, 3, AuditChainBreak.SequenceOutOfOrder);
    }

    [Fact]
    public void Inserting_and_renumbering_is_detected_by_the_link()
    {
        var chain = Chain(5);
        chain.Insert(2, AuditChain.Append(chain[1], Entry(3, "role-granted")));
        for (var i = 3; i < chain.Count; i++)
        {
            chain[i] = chain[i] with { Entry = chain[i].Entry with { Sequence = i + 1 } };
        }

        ShouldBreakAt(chain, 4, AuditChainBreak.WrongPreviousHash);
    }

    [Fact]
    public void Only_the_first_break_is_reported()
    {
        var chain = Chain(8);
        chain[6] = chain[6] with { Entry = chain[6].Entry with { Action = "x" } };
        chain[1] = chain[1] with { Entry = chain[1].Entry with { Action = "y" } };

        ShouldBreakAt(chain, 2, AuditChainBreak.HashMismatch);
    }

    [Fact]
    public void Cutting_off_the_newest_entries_is_detected_against_the_recorded_head()
    {
        var chain = Chain(6);
        var head = new AuditChainHead(6, chain[^1].Hash);

        AuditChainVerifier.Verify(chain.Take(4)).Intact.ShouldBeTrue("without a head this is undetectable by design");
        ShouldBreakAt(chain.Take(4), 5, AuditChainBreak.HeadMismatch, head);
        ShouldBreakAt([], 1, AuditChainBreak.HeadMismatch, head);
    }

    [Fact]
    public void A_rebuilt_chain_is_detected_against_the_recorded_head()
    {
        var original = Chain(4);
        var head = new AuditChainHead(4, original[^1].Hash);
        var rebuilt = new List<ChainedAuditEntry>();
        foreach (var stored in original)
        {
            rebuilt.Add(AuditChain.Append(rebuilt.LastOrDefault(), stored.Entry with { IpAddress = "203.0.113.1" }));
        }

        AuditChainVerifier.Verify(rebuilt).Intact.ShouldBeTrue();
        ShouldBreakAt(rebuilt, 4, AuditChainBreak.HeadMismatch, head);
    }

    [Fact]
    public void A_later_segment_verifies_from_a_trusted_entry()
    {
        var chain = Chain(8);
        var trusted = new AuditChainHead(3, chain[2].Hash);

        AuditChainVerifier.Verify(chain.Skip(3), start: trusted).Intact.ShouldBeTrue();
        AuditChainVerifier.Verify(chain.Skip(3), start: new AuditChainHead(3, chain[1].Hash)).Reason.ShouldBe(AuditChainBreak.WrongPreviousHash);
        AuditChainVerifier.Verify(chain.Skip(4), start: trusted).Reason.ShouldBe(AuditChainBreak.SequenceGap);
    }
}
