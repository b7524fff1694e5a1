using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Seam.Audit;

namespace Seam.Storage.Audit;

/// <summary>
/// Chains every audit entry when it is saved, wherever it was added: inside one transaction that holds the log's write
/// lock, it reads the latest entry, gives the new entries the next ids in order and each the hash of the previous hash
/// and its own fields (<see cref="AuditChain.Link"/>). <see cref="SeamDbContext"/> routes every SaveChanges here.
/// </summary>
/// <remarks>
/// The lock: SQLite's transactions from EF (Microsoft.Data.Sqlite <c>BeginTransaction</c>) are <c>BEGIN IMMEDIATE</c>, so
/// the write lock is held from the first statement; PostgreSQL takes <see cref="LockKey"/> as a transaction-scoped
/// advisory lock. A caller's own transaction is used as it is (the lock is taken inside it and held to its commit);
/// otherwise one is opened here, through the context's execution strategy, so a retried save chains again from the
/// then-latest entry.
/// </remarks>
public static class AuditChaining
{
    /// <summary>The PostgreSQL advisory lock that serialises appends to the audit log.</summary>
    internal const long LockKey = 0x5EA0_A0D1;

    /// <summary>The action of the entry that records when the chain started over entries written before it existed.</summary>
    public const string ChainStartAction = "chain-start";

    /// <summary>How many older entries are read and hashed at a time when the chain starts.</summary>
    private const int SealBatch = 2_000;

    public static async Task<int> SaveChangesAsync(
        SeamDbContext db, bool acceptAllChangesOnSuccess, Func<bool, CancellationToken, Task<int>> save, CancellationToken cancellationToken)
    {
        if (AddedEntries(db).Count == 0)
        {
            return await save(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (db.Database.CurrentTransaction is not null)
        {
            await ChainAsync(db, cancellationToken);
            return await save(acceptAllChangesOnSuccess, cancellationToken);
        }

        var written = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await ChainAsync(db, cancellationToken);

            // Changes are accepted only after the commit, so that a retry finds the entries still to be inserted.
            var rows = await save(false, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return rows;
        });
        if (acceptAllChangesOnSuccess)
        {
            db.ChangeTracker.AcceptAllChanges();
        }

        return written;
    }

    public static int SaveChanges(SeamDbContext db, bool acceptAllChangesOnSuccess, Func<bool, int> save)
    {
        if (AddedEntries(db).Count == 0)
        {
            return save(acceptAllChangesOnSuccess);
        }

        // Seam saves asynchronously everywhere; a synchronous save with audit entries waits on the one implementation.
        return SaveChangesAsync(db, acceptAllChangesOnSuccess, (accept, _) => Task.FromResult(save(accept)), CancellationToken.None)
            .GetAwaiter().GetResult();
    }

    /// <summary>
    /// Opens a transaction that holds the log's write lock from now to its commit, for a writer that must read and write
    /// under the same lock the chain takes (the next request number). Saves inside it chain as usual.
    /// </summary>
    public static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginLockedAsync(SeamDbContext db, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        }

        return transaction;
    }

    /// <summary>
    /// Starts the chain over a log written before chaining existed: when the latest entry has no hash and no entry has one,
    /// writes a <see cref="ChainStartAction"/> entry, and saving it hashes every older entry in id order. Does nothing on
    /// a chained or empty log. A hash missing from a log that was chained already is never filled in — verification
    /// reports it.
    /// </summary>
    public static async Task StartAsync(SeamDbContext db, TimeProvider time, CancellationToken cancellationToken = default)
    {
        if (!await NeedsStartAsync(db, cancellationToken))
        {
            return;
        }

        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = "seam", Action = ChainStartAction, EntityType = "audit" });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task ChainAsync(SeamDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        }

        var added = AddedEntries(db);
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Select(a => new { a.Id, a.Hash }).FirstOrDefaultAsync(cancellationToken);
        var lastId = head?.Id ?? 0;
        var previous = head?.Hash;
        if (head is not null && previous is null && await NeedsStartAsync(db, cancellationToken))
        {
            var (hash, first, count) = await HashOlderEntriesAsync(db, cancellationToken);
            previous = hash;
            var start = added.FirstOrDefault(e => e.Entity.Action == ChainStartAction && e.Entity.EntityType == "audit")
                ?? db.Entry(new AuditEntry { At = added[0].Entity.At, Actor = "seam", Action = ChainStartAction, EntityType = "audit" });
            start.State = EntityState.Added;
            start.Entity.Summary = $"{count} entr{(count == 1 ? "y" : "ies")} ({first}–{lastId}) had been written before the audit log was hash-chained; "
                + "they were chained now, in id order. A change made to them before this moment cannot be detected.";
            added.Remove(start);
            added.Insert(0, start);
        }

        // A latest entry without a hash in a chained log was tampered with: new entries chain on from the start value, and
        // verification names the tampered entry.
        previous ??= AuditChain.Genesis;

        // Ids are given from the top down: on a retry every id only moves up, and no entry takes an id another still holds.
        for (var i = added.Count - 1; i >= 0; i--)
        {
            added[i].Property(e => e.Id).CurrentValue = lastId + 1 + i;
        }

        foreach (var entry in added)
        {
            // The hash must cover the time as the database will keep it (PostgreSQL keeps microseconds).
            var at = entry.Property(e => e.At);
            if (at.Metadata.GetTypeMapping().Converter is { } converter)
            {
                at.CurrentValue = (DateTimeOffset)converter.ConvertFromProvider(converter.ConvertToProvider(at.CurrentValue))!;
            }

            var hash = AuditChain.Link(previous, entry.Entity);
            entry.Property(e => e.Hash).CurrentValue = hash;
            previous = hash;
        }
    }

    /// <summary>The audit entries to be inserted, in the order they were added (EF's temporary ids ascend).</summary>
    private static List<EntityEntry<AuditEntry>> AddedEntries(SeamDbContext db)
    {
        // Audit entries are only ever added explicitly (they have no navigations), so the tracker already knows them as
        // Added: no need to scan every tracked entity twice per save.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).OrderBy(e => e.Property(x => x.Id).CurrentValue).ToList();
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static async Task<bool> NeedsStartAsync(SeamDbContext db, CancellationToken cancellationToken)
    {
        var latest = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Select(a => new { a.Hash }).FirstOrDefaultAsync(cancellationToken);
        return latest is { Hash: null } && !await db.AuditEntries.AnyAsync(a => a.Hash != null, cancellationToken);
    }

    /// <summary>Hashes every stored entry in id order, as stored; returns the last hash, the first id and the count.</summary>
    private static async Task<(string Hash, long FirstId, long Count)> HashOlderEntriesAsync(SeamDbContext db, CancellationToken cancellationToken)
    {
        var previous = AuditChain.Genesis;
        long after = long.MinValue, first = 0, count = 0;
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking().Where(a => a.Id > after).OrderBy(a => a.Id).Take(SealBatch).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return (previous, first, count);
            }

            foreach (var entry in batch)
            {
                var hash = AuditChain.Link(previous, entry);
                var id = entry.Id;
                await db.AuditEntries.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Hash, hash), cancellationToken);
                first = count++ == 0 ? id : first;
                previous = hash;
            }

            after = batch[^1].Id;
        }
    }
}
