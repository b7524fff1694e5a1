using Microsoft.EntityFrameworkCore;
using Seam.Audit;
using Seam.Testing.Databases;
using static Seam.Storage.Tests.Audit.AuditLogTestSupport;

namespace Seam.Storage.Tests.Audit;

/// <summary>Changes made directly in the database, behind Seam's back, and what verification says about each.</summary>
public sealed class AuditTamperTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_untouched_log_verifies_and_reports_its_head(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await WriteAsync(database, 10);

        var result = await VerifyAsync(database);

        Assert.True(result.Intact, result.Message);
        var last = (await ReadAsync(database))[^1];
        Assert.Equal(new AuditHead(10, last.Hash!, 10), result.Head);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task One_field_changed_with_sql_is_named_as_an_edit_of_that_entry(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await WriteAsync(database, 10);

        await TamperAsync(database, """UPDATE audit_entries SET "Actor" = 'mallory' WHERE "Id" = 5""");

        var result = await VerifyAsync(database);
        Assert.Equal((5L, AuditBreakKind.Edited), (result.FirstBrokenId!.Value, result.Kind!.Value));
        Assert.StartsWith("entry 5 (2026-11-23 08:00:05Z, mallory, update asset PLC-5) does not match its hash", result.Message, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_deleted_entry_is_named_at_the_entry_after_the_gap(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await WriteAsync(database, 10);

        await TamperAsync(database, """DELETE FROM audit_entries WHERE "Id" = 5""");

        var result = await VerifyAsync(database);
        Assert.Equal((6L, AuditBreakKind.Deleted), (result.FirstBrokenId!.Value, result.Kind!.Value));
        Assert.StartsWith("entry 5 is missing and entry 6 (", result.Message, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Two_entries_swapped_are_found_at_the_earlier_one(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await WriteAsync(database, 10);

        // Entries 4 and 7 trade places: each row takes the other's contents, its id stays.
        await SwapAsync(database, 4, 7, withHash: false);

        var result = await VerifyAsync(database);
        Assert.Equal((4L, AuditBreakKind.Edited), (result.FirstBrokenId!.Value, result.Kind!.Value));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Two_entries_swapped_together_with_their_hashes_are_found_at_the_earlier_one(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await WriteAsync(database, 10);

        await SwapAsync(database, 4, 7, withHash: true);

        var result = await VerifyAsync(database);
        Assert.Equal((4L, AuditBreakKind.Rewritten), (result.FirstBrokenId!.Value, result.Kind!.Value));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_forged_entry_appended_with_a_made_up_hash_is_named(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await WriteAsync(database, 10);

        await InsertForgedAsync(database, 11, new string('a', 64));

        var result = await VerifyAsync(database);
        Assert.Equal((11L, AuditBreakKind.Rewritten), (result.FirstBrokenId!.Value, result.Kind!.Value));
        Assert.Contains("mallory", result.Message, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_forged_entry_slipped_into_the_middle_is_named(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await WriteAsync(database, 10);
        var original = await ReadAsync(database);

        // Make room at id 5 (in two steps, so no row collides with another mid-statement), then insert a forged entry there
        // carrying the hash the real entry 5 had.
        await TamperAsync(database, """UPDATE audit_entries SET "Id" = "Id" + 1000 WHERE "Id" >= 5""");
        await TamperAsync(database, """UPDATE audit_entries SET "Id" = "Id" - 999 WHERE "Id" >= 1000""");
        await InsertForgedAsync(database, 5, original[4].Hash!);

        var result = await VerifyAsync(database);
        Assert.Equal(5L, result.FirstBrokenId);
        Assert.Contains("mallory", result.Message, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_edit_given_a_recomputed_hash_breaks_the_entry_after_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await WriteAsync(database, 10);
        var entries = await ReadAsync(database);

        var edited = entries[4];
        edited.Summary = "nothing to see";
        await TamperAsync(database, """UPDATE audit_entries SET "Summary" = {0}, "Hash" = {1} WHERE "Id" = 5""",
            edited.Summary, AuditChain.Link(entries[3].Hash!, edited));

        var result = await VerifyAsync(database);
        Assert.Equal(6L, result.FirstBrokenId);
        Assert.Contains("or entry 5 was changed and given a recomputed hash", result.Message, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_removed_hash_is_reported_and_never_filled_in_again(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await WriteAsync(database, 6);

        await TamperAsync(database, """UPDATE audit_entries SET "Hash" = NULL WHERE "Id" IN (3, 6)""");

        // Neither starting Seam again nor writing more hashes the bare entries: that would launder the change.
        await SeamDbContextFactory.PrepareAsync(database.Options);
        await using (var db = database.CreateContext())
        {
            db.AuditEntries.Add(Entry("ivy", "PLC-7", Start.AddMinutes(1)));
            await db.SaveChangesAsync();
        }

        var entries = await ReadAsync(database);
        Assert.Equal(7, entries.Count);
        Assert.Null(entries[2].Hash);
        Assert.Null(entries[5].Hash);
        var result = await VerifyAsync(database);
        Assert.Equal((3L, AuditBreakKind.Unhashed), (result.FirstBrokenId!.Value, result.Kind!.Value));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_cut_off_tail_passes_the_chain_alone_but_not_an_anchor(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await WriteAsync(database, 10);
        var head = (await VerifyAsync(database)).Head!;

        await TamperAsync(database, """DELETE FROM audit_entries WHERE "Id" > 8""");

        // What the chain cannot see on its own: the remaining entries are still a perfect chain.
        Assert.True((await VerifyAsync(database)).Intact);

        var result = await VerifyAsync(database, [new AuditAnchor(head.LastId, head.LastHash, Start)]);
        Assert.Equal((10L, AuditBreakKind.Truncated), (result.FirstBrokenId!.Value, result.Kind!.Value));
        Assert.StartsWith("the log ends at entry 8, but entry 10 was anchored", result.Message, StringComparison.Ordinal);
    }

    private static async Task SwapAsync(TestDatabase database, long a, long b, bool withHash)
    {
        var entries = await ReadAsync(database);
        var first = entries.Single(e => e.Id == a);
        var second = entries.Single(e => e.Id == b);
        await using var db = database.CreateContext();
        foreach (var (id, from) in new[] { (a, second), (b, first) })
        {
            await db.Database.ExecuteSqlRawAsync(
                """UPDATE audit_entries SET "Actor" = {0}, "EntityId" = {1}, "Summary" = {2}, "Hash" = CASE WHEN {3} = 1 THEN {4} ELSE "Hash" END WHERE "Id" = {5}""",
                from.Actor, from.EntityId!, from.Summary!, withHash ? 1 : 0, from.Hash!, id);
        }
    }

    private static async Task InsertForgedAsync(TestDatabase database, long id, string hash)
    {
        // The time column differs by provider (UTC ticks on SQLite, timestamptz on PostgreSQL).
        object at = database.Provider == DatabaseProvider.Sqlite ? Start.AddHours(1).UtcTicks : Start.AddHours(1);
        await TamperAsync(database,
            """INSERT INTO audit_entries ("Id", "At", "Actor", "Action", "EntityType", "EntityId", "SiteId", "Hash") VALUES ({0}, {1}, 'mallory', 'delete', 'asset', 'SIS-1', 'plant', {2})""",
            id, at, hash);
    }
}
