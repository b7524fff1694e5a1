namespace Seam.Audit;

/// <summary>How the first entry that does not fit the chain was found to be wrong.</summary>
public enum AuditBreakKind
{
    /// <summary>Its fields no longer match its hash, while the next entry still follows that hash: the entry was edited
    /// (or swapped with another's fields), or the entry before it was edited and given a recomputed hash.</summary>
    Edited,

    /// <summary>Neither its fields nor its hash are what the next entry was chained onto: replaced, moved, or forged.</summary>
    Rewritten,

    /// <summary>Ids are missing before it and it was chained onto one of them: entries were deleted (or moved away).</summary>
    Deleted,

    /// <summary>It carries no hash at all.</summary>
    Unhashed,

    /// <summary>Its id is not greater than the one before it.</summary>
    OutOfOrder,

    /// <summary>An anchored entry's stored hash differs from the anchored one: the log was rewritten and re-hashed.</summary>
    AnchorMismatch,

    /// <summary>The log ends before an anchored entry: its latest entries were deleted.</summary>
    Truncated,
}

/// <summary>The latest entry of an intact log: keep a copy elsewhere to later prove the log was not cut short.</summary>
/// <param name="LastId">0 for an empty log.</param>
/// <param name="LastHash"><see cref="AuditChain.Genesis"/> for an empty log.</param>
/// <param name="Entries">How many entries the log holds.</param>
public sealed record AuditHead(long LastId, string LastHash, long Entries);

/// <summary>A head recorded earlier (by <c>seam audit anchor</c>): entry <paramref name="Id"/> must still carry <paramref name="Hash"/>.</summary>
public sealed record AuditAnchor(long Id, string Hash, DateTimeOffset? AnchoredAt);

/// <summary>The outcome of checking a chain: intact (with its head), or the first entry that does not fit and why.</summary>
/// <param name="EntriesChecked">Entries read, including the broken one.</param>
/// <param name="FirstBrokenId">The first stored entry that does not fit; for deletions, the entry after the gap; for a
/// truncation, the anchored id that is gone.</param>
/// <param name="Head">Only when intact.</param>
public sealed record AuditVerification(
    bool Intact, long EntriesChecked, long? FirstBrokenId, AuditBreakKind? Kind, string Message, AuditHead? Head);
