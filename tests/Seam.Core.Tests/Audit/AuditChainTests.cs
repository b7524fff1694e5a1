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
        var chain = Chain(50);
        var result = AuditChain.Verify(chain);
        Assert.True(result.Intact);
        Assert.Equal(50, result.EntriesChecked);
        Assert.Null(result.FirstBrokenId);
        Assert.Equal("50 entries checked; the chain is intact.", result.Message);
        Assert.Equal(new AuditHead(50, chain[^1].Hash!, 50), result.Head);
    }

    [Fact]
    public void An_edited_field_breaks_the_chain_at_that_entry()
    {
        var chain = Chain(20);
        chain[11].Entry.After = "{\"criticality\":1}";

        var result = AuditChain.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(12, result.FirstBrokenId);
        Assert.Equal(AuditBreakKind.Edited, result.Kind);
        Assert.StartsWith("entry 12 (2026-11-23 08:12:00Z, olga, update asset PLC-12) does not match its hash, yet entry 13 still follows", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hash_rewritten_to_match_an_edit_breaks_the_next_entry()
    {
        var chain = Chain(20);
        var edited = chain[11].Entry;
        edited.Actor = "mallory";
        chain[11] = new ChainedEntry(edited, AuditChain.Link(chain[10].Hash!, edited));

        var result = AuditChain.Verify(chain);
        Assert.Equal(13, result.FirstBrokenId);
        Assert.Contains("or entry 12 was changed and given a recomputed hash", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_entry_is_named()
    {
        var chain = Chain(20);
        chain.RemoveAt(7);

        var result = AuditChain.Verify(chain);

        Assert.Equal(9, result.FirstBrokenId);
        Assert.Equal(AuditBreakKind.Deleted, result.Kind);
        Assert.StartsWith("entry 8 is missing and entry 9 (", result.Message, StringComparison.Ordinal);
        Assert.EndsWith("does not follow entry 7: entries were deleted (or moved elsewhere)", result.Message, StringComparison.Ordinal);
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
        Assert.Equal(AuditBreakKind.Deleted, result.Kind);
        Assert.StartsWith("entry 5 is missing", result.Message, StringComparison.Ordinal);
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
        Assert.Equal(AuditBreakKind.Deleted, result.Kind);
        Assert.StartsWith("entry 2 is missing", result.Message, StringComparison.Ordinal);
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

    [Fact]
    public void The_hash_input_is_the_documented_encoding()
    {
        // Pinned from the encoding docs/audit.md describes (its Python reference verifier gives the same digest), so that a
        // change to the encoding cannot go unnoticed: every stored chain would stop verifying.
        var entry = new AuditEntry
        {
            Id = 7,
            At = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(1)),
            Actor = "olga",
            Action = "update",
            EntityType = "asset",
            EntityId = "PLC-7",
            SiteId = null,
            Before = "{\"a\":1}",
            After = "{\"a\":\"ü\"}",
            Summary = null,
        };

        Assert.Equal(PinnedDigest, AuditChain.Link(AuditChain.Genesis, entry));
    }

    [Fact]
    public void An_entry_whose_fields_and_hash_were_both_replaced_is_called_rewritten()
    {
        var chain = Chain(10);
        var forged = chain[4].Entry;
        forged.Actor = "mallory";
        chain[4] = new ChainedEntry(forged, new string('a', 64));

        var result = AuditChain.Verify(chain);

        Assert.Equal(5, result.FirstBrokenId);
        Assert.Equal(AuditBreakKind.Rewritten, result.Kind);
    }

    [Fact]
    public void A_broken_latest_entry_is_named_although_nothing_follows_it()
    {
        var chain = Chain(4);
        chain[3].Entry.Summary = "quietly changed";

        var result = AuditChain.Verify(chain);

        Assert.Equal(4, result.FirstBrokenId);
        Assert.Equal(AuditBreakKind.Rewritten, result.Kind);
        Assert.Contains("it is the latest entry", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_without_a_hash_never_passes()
    {
        var chain = Chain(6);
        chain[2] = new ChainedEntry(chain[2].Entry, null);

        var result = AuditChain.Verify(chain);

        Assert.Equal((3L, AuditBreakKind.Unhashed), (result.FirstBrokenId!.Value, result.Kind!.Value));
    }

    [Fact]
    public void A_gap_the_chain_was_built_over_is_not_a_deletion()
    {
        // Ids skipped before the chain existed (a rolled-back insert on PostgreSQL) were chained over when it started.
        var entries = new List<ChainedEntry>();
        var previous = AuditChain.Genesis;
        foreach (var id in new long[] { 1, 2, 5, 6 })
        {
            var entry = new AuditEntry { Id = id, At = Start, Actor = "ivy", Action = "create", EntityType = "asset" };
            previous = AuditChain.Link(previous, entry);
            entries.Add(new ChainedEntry(entry, previous));
        }

        Assert.True(AuditChain.Verify(entries).Intact);
    }

    [Fact]
    public void Anchors_expose_a_cut_off_tail_and_a_rewritten_history()
    {
        var chain = Chain(10);
        var anchoredAt = Start.AddDays(1);

        Assert.True(AuditChain.Verify(chain, [new AuditAnchor(10, chain[9].Hash!, anchoredAt), new AuditAnchor(4, chain[3].Hash!, null)]).Intact);

        var truncated = AuditChain.Verify(chain.Take(8), [new AuditAnchor(10, chain[9].Hash!, anchoredAt)]);
        Assert.Equal((10L, AuditBreakKind.Truncated), (truncated.FirstBrokenId!.Value, truncated.Kind!.Value));
        Assert.StartsWith("the log ends at entry 8, but entry 10 was anchored on 2026-11-24 08:00:00Z", truncated.Message, StringComparison.Ordinal);

        // Entry 3 edited and every later hash recomputed: the chain itself is consistent, the anchor is not.
        var rewritten = new List<ChainedEntry>(chain.Take(2));
        var previous = chain[1].Hash!;
        foreach (var (entry, _) in chain.Skip(2))
        {
            if (entry.Id == 3)
            {
                entry.Actor = "mallory";
            }

            previous = AuditChain.Link(previous, entry);
            rewritten.Add(new ChainedEntry(entry, previous));
        }

        Assert.True(AuditChain.Verify(rewritten).Intact);
        var result = AuditChain.Verify(rewritten, [new AuditAnchor(4, chain[3].Hash!, null)]);
        Assert.Equal((4L, AuditBreakKind.AnchorMismatch), (result.FirstBrokenId!.Value, result.Kind!.Value));
    }

    private const string PinnedDigest = "5db964fdb87b2d3ca321089b213308f6c6e3bfd2bd5d611d309090d30f16e48c";
}
