using System.Globalization;
using Seam.Inventory;

namespace Seam.Storage;

/// <summary>How far a bulk write is: rows sent to the database so far, out of all rows the write will touch.</summary>
/// <param name="Entity">The kind of record being written when the report was made.</param>
public sealed record ImportProgress(long RowsWritten, long TotalRows, InventoryEntity Entity)
{
    public double Fraction => TotalRows == 0 ? 1 : (double)RowsWritten / TotalRows;
}

/// <summary>What a write did to one kind of record. <see cref="Unchanged"/> records matched the stored values and were not rewritten.</summary>
public readonly record struct EntityWriteCounts(int Created, int Updated, int Unchanged, int Deleted)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Created} created, {Updated} updated, {Unchanged} unchanged, {Deleted} deleted");
}

/// <summary>
/// The outcome of <see cref="InventoryStore.ApplyAsync"/>: either refused (an Error-severity problem; nothing was
/// written) or applied (counts per entity, the smells found, and the audit entry that records it).
/// </summary>
public sealed record InventoryWriteResult
{
    private InventoryWriteResult(IReadOnlyList<InventoryProblem> problems, IReadOnlyDictionary<InventoryEntity, EntityWriteCounts> counts, long? auditEntryId)
    {
        Problems = problems;
        Counts = counts;
        AuditEntryId = auditEntryId;
    }

    /// <summary>True when the import was written; false when it was refused because of <see cref="Errors"/>.</summary>
    public bool Applied => AuditEntryId is not null;

    /// <summary>Every problem the validator found in the merged inventory: errors (when refused) and smells.</summary>
    public IReadOnlyList<InventoryProblem> Problems { get; }

    public IEnumerable<InventoryProblem> Errors => Problems.Where(p => p.Severity == ProblemSeverity.Error);

    public IEnumerable<InventoryProblem> Smells => Problems.Where(p => p.Severity == ProblemSeverity.Smell);

    /// <summary>Per kind of record; every <see cref="InventoryEntity"/> is present. Empty when refused.</summary>
    public IReadOnlyDictionary<InventoryEntity, EntityWriteCounts> Counts { get; }

    public long? AuditEntryId { get; }

    public EntityWriteCounts this[InventoryEntity entity] => Counts.GetValueOrDefault(entity);

    internal static InventoryWriteResult Refused(IReadOnlyList<InventoryProblem> problems) =>
        new(problems, new Dictionary<InventoryEntity, EntityWriteCounts>(), null);

    internal static InventoryWriteResult Written(IReadOnlyList<InventoryProblem> problems, IReadOnlyDictionary<InventoryEntity, EntityWriteCounts> counts, long auditEntryId) =>
        new(problems, counts, auditEntryId);
}
