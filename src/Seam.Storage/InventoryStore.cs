using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Seam.Audit;
using Seam.Inventory;
using Seam.Storage.Bulk;

namespace Seam.Storage;

/// <summary>
/// The one way the inventory is bulk-written and read as a whole (imports, exports, the exposure engine's snapshot).
/// Single-record edits from the UI may use the <see cref="SeamDbContext"/> directly. Thread-safe: every call opens its
/// own context; concurrent imports into one database are serialised by the database.
/// </summary>
public sealed class InventoryStore(SeamDbContextFactory contexts, TimeProvider time)
{
    /// <summary>The PostgreSQL advisory lock that serialises imports (any constant unique to Seam would do).</summary>
    internal const long ImportLockKey = 0x5EA0_1A9E;

    /// <summary>Every kind of inventory record, parents before children: the order of inserts (and the reverse of deletes).</summary>
    private static readonly IReadOnlyList<Table> Tables =
    [
        new(InventoryEntity.Team, typeof(Team), "teams", m => m.Teams),
        new(InventoryEntity.Person, typeof(Person), "people", m => m.People),
        new(InventoryEntity.Site, typeof(Site), "sites", m => m.Sites),
        new(InventoryEntity.Zone, typeof(Zone), "zones", m => m.Zones),
        new(InventoryEntity.Conduit, typeof(Conduit), "conduits", m => m.Conduits),
        new(InventoryEntity.Asset, typeof(Asset), "assets", m => m.Assets),
        new(InventoryEntity.EntryPoint, typeof(EntryPoint), "entry points", m => m.EntryPoints),
    ];

    /// <summary>The whole inventory as one consistent snapshot, untracked, each list ordered by id (ordinal).</summary>
    public async Task<InventoryModel> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var snapshot = await BeginSnapshotAsync(db, cancellationToken);
        return await ReadAsync(db, cancellationToken);
    }

    /// <summary>
    /// Merges <paramref name="incoming"/> into the stored inventory (or, with <see cref="ImportMode.Replace"/>, makes it
    /// the whole inventory), validates the result, and writes it in one transaction with one audit entry.
    /// When the merged inventory has an Error-severity problem nothing is written and the result carries the problems.
    /// Database failures and cancellation roll everything back and are thrown.
    /// </summary>
    /// <param name="actor">Who imports, as recorded in the audit log (a user name or "cli:&lt;os user&gt;").</param>
    /// <param name="progress">Receives rows written so far, on the writing thread; keep handlers short.</param>
    public Task<InventoryWriteResult> ApplyAsync(
        InventoryModel incoming, ImportMode mode, string actor, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        return ApplyAsync(_ => incoming, mode, actor, alongside: null, progress, cancellationToken);
    }

    /// <summary>
    /// As <see cref="ApplyAsync(InventoryModel, ImportMode, string, IProgress{ImportProgress}?, CancellationToken)"/>, for a
    /// write that belongs with the inventory's: <paramref name="incomingFrom"/> computes the incoming records from the
    /// inventory as stored inside the write lock, and <paramref name="alongside"/> writes its own rows in the same
    /// transaction before the commit. An exception from either rolls everything back.
    /// </summary>
    /// <param name="alongside">Given the context and the inventory as merged; returns a note for the audit entry, or null.</param>
    internal async Task<InventoryWriteResult> ApplyAsync(
        Func<InventoryModel, InventoryModel> incomingFrom,
        ImportMode mode,
        string actor,
        Func<SeamDbContext, InventoryModel, CancellationToken, Task<string?>>? alongside,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);

        await using var db = contexts.Create();
        await db.Database.OpenConnectionAsync(cancellationToken);

        // SQLite's default transaction is BEGIN IMMEDIATE, which already takes the write lock; PostgreSQL needs an
        // explicit lock so that two imports cannot both compute their changes from the same stored state.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ImportLockKey})", cancellationToken);
        }

        var stored = await ReadAsync(db, cancellationToken);
        var incoming = incomingFrom(stored);
        var merged = InventoryMerge.Apply(stored, incoming, mode);
        var problems = (mode == ImportMode.Merge ? DuplicateIds(incoming) : [])
            .Concat(InventoryValidator.Validate(merged))
            .ToList();
        if (problems.HasErrors())
        {
            return InventoryWriteResult.Refused(problems);
        }

        var changes = Tables.Select(t => TableChanges.Compute(t, TableShape.For(db.Model, t.ClrType), stored, incoming, mode)).ToList();
        var counter = new ProgressCounter(progress, changes.Sum(c => (long)c.RowsToWrite));
        var writer = BulkWriter.For(db.Database.GetDbConnection(), transaction.GetDbTransaction());
        foreach (var change in changes)
        {
            counter.Entity = change.Table.Entity;
            await writer.UpsertAsync(change.Shape, change.Created, change.Updated, counter, cancellationToken);
        }

        foreach (var change in Enumerable.Reverse(changes))
        {
            counter.Entity = change.Table.Entity;
            await writer.DeleteAsync(change.Shape, change.Deleted, counter, cancellationToken);
        }

        var note = alongside is null ? null : await alongside(db, merged, cancellationToken);
        var counts = changes.ToDictionary(c => c.Table.Entity, c => c.Counts);
        var audit = new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor,
            Action = "import",
            EntityType = "inventory",
            Summary = $"{(mode == ImportMode.Replace ? "Replace" : "Merge")} import{(note is null ? "" : " (" + note + ")")}: "
                + string.Join("; ", changes.Select(c => $"{c.Table.Plural} {c.Counts}")),
        };
        db.AuditEntries.Add(audit);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return InventoryWriteResult.Written(problems, counts, audit.Id);
    }

    internal static async Task<InventoryModel> ReadAsync(SeamDbContext db, CancellationToken cancellationToken) => new()
    {
        Teams = await ReadAsync(db.Teams, t => t.Id, cancellationToken),
        People = await ReadAsync(db.People, p => p.Id, cancellationToken),
        Sites = await ReadAsync(db.Sites, s => s.Id, cancellationToken),
        Zones = await ReadAsync(db.Zones, z => z.Id, cancellationToken),
        Conduits = await ReadAsync(db.Conduits, c => c.Id, cancellationToken),
        Assets = await ReadAsync(db.Assets, a => a.Id, cancellationToken),
        EntryPoints = await ReadAsync(db.EntryPoints, e => e.Id, cancellationToken),
    };

    /// <summary>Sorted here rather than by ORDER BY so the order is ordinal on every provider, whatever the database collation.</summary>
    private static async Task<IReadOnlyList<T>> ReadAsync<T>(DbSet<T> set, Func<T, string> id, CancellationToken cancellationToken)
        where T : class
    {
        var items = await set.AsNoTracking().ToListAsync(cancellationToken);
        items.Sort((a, b) => string.CompareOrdinal(id(a), id(b)));
        return items;
    }

    /// <summary>A read-only transaction, so the seven tables are read as of one moment while imports may run.</summary>
    internal static async Task<IDbContextTransaction> BeginSnapshotAsync(SeamDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            // Deferred: a plain BEGIN takes no write lock, and under WAL it reads one consistent version of the file.
            return await db.Database.UseTransactionAsync(sqlite.BeginTransaction(deferred: true), cancellationToken)
                ?? throw new InvalidOperationException("SQLite refused the read transaction.");
        }

        return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
    }

    /// <summary>
    /// <see cref="InventoryMerge"/> keeps the last of several incoming records with one id, so the merged model cannot
    /// show that the import itself was ambiguous; a merge import checks that here. (A replace import's merged model is
    /// the import, and the validator reports its duplicates.)
    /// </summary>
    private static IEnumerable<InventoryProblem> DuplicateIds(InventoryModel incoming) =>
        Tables.SelectMany(t => t.Records(incoming)
            .Select(t.Id)
            .GroupBy(id => id, StringComparer.Ordinal)
            .Where(g => g.Count() > 1 && !string.IsNullOrWhiteSpace(g.Key))
            .Select(g => new InventoryProblem(ProblemSeverity.Error, "duplicate-id", t.Entity, g.Key, "id",
                $"The id '{g.Key}' is used by more than one {t.Entity.ToString().ToLowerInvariant()} in the import.")));

    /// <param name="Plural">How the audit summary names the records.</param>
    private sealed record Table(InventoryEntity Entity, Type ClrType, string Plural, Func<InventoryModel, IEnumerable<object>> Records)
    {
        public string Id(object record) => record switch
        {
            Team t => t.Id,
            Person p => p.Id,
            Site s => s.Id,
            Zone z => z.Id,
            Conduit c => c.Id,
            Asset a => a.Id,
            EntryPoint e => e.Id,
            _ => throw new ArgumentException($"{record.GetType().Name} is not an inventory record.", nameof(record)),
        };
    }

    /// <summary>What one table needs: rows to insert, rows to overwrite, keys to delete, and the counts to report.</summary>
    private sealed record TableChanges(Table Table, TableShape Shape, List<object?[]> Created, List<object?[]> Updated, List<string> Deleted, int Unchanged)
    {
        public EntityWriteCounts Counts => new(Created.Count, Updated.Count, Unchanged, Deleted.Count);

        public int RowsToWrite => Created.Count + Updated.Count + Deleted.Count;

        /// <summary>
        /// Compares provider values, so "unchanged" means the database would hold the same bytes after the write
        /// (e.g. a time given with another offset but naming the same instant is unchanged).
        /// </summary>
        public static TableChanges Compute(Table table, TableShape shape, InventoryModel stored, InventoryModel incoming, ImportMode mode)
        {
            var storedRows = new Dictionary<string, object?[]>(StringComparer.Ordinal);
            foreach (var record in table.Records(stored))
            {
                storedRows[table.Id(record)] = shape.ToRow(record);
            }

            var created = new List<object?[]>();
            var updated = new List<object?[]>();
            var unchanged = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in table.Records(incoming))
            {
                var row = shape.ToRow(record);
                var id = table.Id(record);
                seen.Add(id);
                if (!storedRows.TryGetValue(id, out var before))
                {
                    created.Add(row);
                }
                else if (TableShape.SameValues(before, row))
                {
                    unchanged++;
                }
                else
                {
                    updated.Add(row);
                }
            }

            var deleted = mode == ImportMode.Replace ? storedRows.Keys.Where(id => !seen.Contains(id)).Order(StringComparer.Ordinal).ToList() : [];
            return new TableChanges(table, shape, created, updated, deleted, unchanged);
        }
    }
}
