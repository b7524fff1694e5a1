using Seam.Audit;

namespace Seam.Core.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static List<ChainedEntry> Chain(int count)
    {
        var entries = new List<ChainedEntry>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var entry = new AuditEntry
            {
                Id = i,
                At = Start.AddMinutes(i),
                Actor = i % 2 == 0 ? "olga" : "ivy",
                Action = "update",
                EntityType = "asset",
                EntityId = $"PLC-{i}",
                SiteId = "plant",
                Before = $"{{\"criticality\":{i % 5}}}",
                After = $"{{\"criticality\":{(i + 1) % 5}}}",
            };
            var hash = AuditChain.Link(previous, entry);
            entries.Add(new ChainedEntry(entry, hash));
            previous = hash;
        }

        return entries;
    }

    [Fact]
    public void An_untouched_chain_is_intact()
    {
        var result = AuditChain.Verify(Chain(50));
        Assert.True(result.Intact);
        Assert.Equal(50, result.EntriesChecked);
        Assert.Null(result.FirstBrokenId);
        Assert.Equal("50 entries checked; the chain is intact.", result.Message);
    }

    [Fact]
    public void An_edited_field_breaks_the_chain_at_that_entry()
    {
        var chain = Chain(20);
        chain[11].Entry.After = "{\"criticality\":1}";

        var result = AuditChain.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(12, result.FirstBrokenId);
        Assert.Contains("entry 12", result.Message, StringComparison.Ordinal);
        Assert.Contains("does not match its hash", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hash_rewritten_to_match_an_edit_breaks_the_next_entry()
    {
        var chain = Chain(20);
        var edited = chain[11].Entry;
        edited.Actor = "mallory";
        chain[11] = new ChainedEntry(edited, AuditChain.Link(chain[10].Hash, edited));

        Assert.Equal(13, AuditChain.Verify(chain).FirstBrokenId);
    }

    [Fact]
    public void A_deleted_entry_is_named()
    {
        var chain = Chain(20);
        chain.RemoveAt(7);

        var result = AuditChain.Verify(chain);

        Assert.Equal(9, result.FirstBrokenId);
        Assert.Equal("expected entry 8 next but found entry 9: entry 8 was deleted or moved", result.Message);
    }

    [Fact]
    public void A_deleted_last_entry_with_ids_renumbered_still_breaks_the_hashes()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);
        chain[2].Entry.Id = 3;
        chain[3].Entry.Id = 4;

        Assert.Equal(3, AuditChain.Verify(chain).FirstBrokenId);
    }

    [Fact]
    public void Reordered_entries_are_found()
    {
        var chain = Chain(10);
        (chain[4], chain[5]) = (chain[5], chain[4]);

        var result = AuditChain.Verify(chain);

        // Entry 6 now stands where entry 5 should: the first that does not fit.
        Assert.Equal(6, result.FirstBrokenId);
        Assert.Contains("entry 5 was deleted or moved", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_moved_back_in_the_log_is_found_where_the_order_breaks()
    {
        var chain = Chain(10);
        var moved = chain[2];
        chain.RemoveAt(2);
        chain.Insert(1, moved);

        var result = AuditChain.Verify(chain);

        Assert.Equal(3, result.FirstBrokenId);
        Assert.Contains("entry 3", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_cannot_be_shifted_into_each_other()
    {
        var a = new AuditEntry { Id = 1, At = Start, Actor = "ab", Action = "c", EntityType = "x" };
        var b = new AuditEntry { Id = 1, At = Start, Actor = "a", Action = "bc", EntityType = "x" };
        var c = new AuditEntry { Id = 1, At = Start, Actor = "a", Action = "bc", EntityType = "x", EntityId = "" };
        Assert.NotEqual(AuditChain.Link(AuditChain.Genesis, a), AuditChain.Link(AuditChain.Genesis, b));
        Assert.NotEqual(AuditChain.Link(AuditChain.Genesis, b), AuditChain.Link(AuditChain.Genesis, c));
        Assert.Matches("^[0-9a-f]{64}$", AuditChain.Link(AuditChain.Genesis, a));
    }
}
