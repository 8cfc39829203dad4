using System.Security.Cryptography;
using System.Text;
using Glasklar.Platform.Identity.Audit;

namespace Glasklar.Platform.Tests.Identity.Audit;

[Trait("Promise", "X5")]
public sealed class AuditChainTests
{
    private static readonly Guid Anna = Guid.Parse("0b6c3b36-8a4e-4c47-9c0a-5d1f2f0e7a01");
    private static readonly Guid Agency = Guid.Parse("7d1e2c54-1b9f-4a11-8f7e-2c3d4e5f6a02");
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 15, 0, TimeSpan.Zero);

    internal static AuditChainEntry Entry(long sequence, string action = "login", Dictionary<string, string>? details = null) =>
        new(sequence, Start.AddSeconds(sequence * 7.5), Anna, Agency, action, "192.0.2.10",
            details ?? new Dictionary<string, string> { ["method"] = "totp" });

    internal static List<ChainedAuditEntry> Chain(int count)
    {
        var chain = new List<ChainedAuditEntry>();
        for (var i = 1; i <= count; i++)
        {
            chain.Add(AuditChain.Append(chain.LastOrDefault(), Entry(i, i % 2 == 0 ? "login-failed" : "login")));
        }

        return chain;
    }

    [Fact]
    public void The_hash_is_sha256_of_the_previous_hash_and_the_canonical_bytes()
    {
        var first = AuditChain.Append(null, Entry(1));
        var second = AuditChain.Append(first, Entry(2));

        first.PreviousHash.ShouldBe(new string('0', 64));
        first.Hash.ShouldBe(Convert.ToHexStringLower(SHA256.HashData([.. new byte[32], .. AuditChain.Canonicalise(Entry(1))])));
        second.PreviousHash.ShouldBe(first.Hash);
        second.Hash.ShouldBe(Convert.ToHexStringLower(SHA256.HashData([.. Convert.FromHexString(first.Hash), .. AuditChain.Canonicalise(Entry(2))])));
    }

    [Fact]
    public void The_canonical_form_is_fixed_and_readable()
    {
        var entry = new AuditChainEntry(42, new DateTimeOffset(2026, 11, 22, 9, 30, 15, TimeSpan.FromHours(1)).AddTicks(1234567),
            Anna, null, "login", "2001:db8::1", new Dictionary<string, string> { ["z"] = "ä", ["a"] = "1;2" });

        Encoding.UTF8.GetString(AuditChain.Canonicalise(entry)).ShouldBe(
            "17:glasklar-audit-v1;2:42;27:2026-11-22T08:30:15.123456Z;36:0b6c3b36-8a4e-4c47-9c0a-5d1f2f0e7a01;-;" +
            "5:login;11:2001:db8::1;1:2;1:a;3:1;2;1:z;2:ä;");
    }

    [Fact]
    public void Details_order_and_time_zone_do_not_change_the_hash()
    {
        var a = Entry(1, details: new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });
        var b = a with
        {
            Timestamp = a.Timestamp.ToOffset(TimeSpan.FromHours(2)),
            Details = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" },
        };

        AuditChain.ComputeHash(AuditChain.GenesisHash, a).ShouldBe(AuditChain.ComputeHash(AuditChain.GenesisHash, b));
    }

    [Fact]
    public void Sub_microsecond_ticks_are_not_hashed_because_databases_drop_them()
    {
        var entry = Entry(1);

        AuditChain.ComputeHash(AuditChain.GenesisHash, entry with { Timestamp = entry.Timestamp.AddTicks(9) })
            .ShouldBe(AuditChain.ComputeHash(AuditChain.GenesisHash, entry));
        AuditChain.ComputeHash(AuditChain.GenesisHash, entry with { Timestamp = entry.Timestamp.AddTicks(10) })
            .ShouldNotBe(AuditChain.ComputeHash(AuditChain.GenesisHash, entry));
        AuditChain.TruncateTimestamp(entry.Timestamp.AddTicks(19)).ShouldBe(entry.Timestamp.AddTicks(10));
    }

    [Fact]
    public void Field_boundaries_cannot_be_shifted()
    {
        var a = Entry(1) with { Action = "login", IpAddress = "x;" };
        var b = Entry(1) with { Action = "login;1:x", IpAddress = null };
        var c = Entry(1, details: new Dictionary<string, string> { ["ab"] = "c" });
        var d = Entry(1, details: new Dictionary<string, string> { ["a"] = "bc" });

        AuditChain.Canonicalise(a).ShouldNotBe(AuditChain.Canonicalise(b));
        AuditChain.Canonicalise(c).ShouldNotBe(AuditChain.Canonicalise(d));
        AuditChain.Canonicalise(Entry(1) with { IpAddress = null }).ShouldNotBe(AuditChain.Canonicalise(Entry(1) with { IpAddress = "" }));
    }

    [Fact]
    public void Appending_after_a_head_equals_appending_after_the_entry()
    {
        var first = AuditChain.Append(null, Entry(1));

        var viaHead = AuditChain.AppendAfter(new AuditChainHead(1, first.Hash), Entry(2));
        var viaEntry = AuditChain.Append(first, Entry(2));

        viaHead.PreviousHash.ShouldBe(first.Hash);
        viaHead.Hash.ShouldBe(viaEntry.Hash);
        AuditChain.AppendAfter(null, Entry(1)).Hash.ShouldBe(first.Hash);
        Should.Throw<ArgumentException>(() => AuditChain.AppendAfter(new AuditChainHead(1, first.Hash), Entry(3)));
    }

    [Fact]
    public void Appending_out_of_sequence_is_refused()
    {
        var first = AuditChain.Append(null, Entry(1));

        Should.Throw<ArgumentException>(() => AuditChain.Append(first, Entry(3)));
        Should.Throw<ArgumentException>(() => AuditChain.Append(null, Entry(2)));
    }
}
