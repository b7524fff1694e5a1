using System.Globalization;

namespace Seam.Audit;

/// <summary>
/// Checks a log one entry at a time, in ascending id order, holding only the previous entry's hash: a log of any size
/// is verified in constant memory. Feed entries with <see cref="Add"/> until it returns false, then call
/// <see cref="Complete"/>. Not thread-safe.
/// </summary>
public sealed class AuditChainVerifier
{
    private readonly Queue<AuditAnchor> anchors;
    private string previousHash = AuditChain.Genesis;
    private long? previousId;
    private long count;
    private (AuditEntry Entry, string Hash)? suspect;
    private AuditVerification? broken;

    /// <param name="anchors">Heads recorded earlier that the log must still contain; may be empty.</param>
    public AuditChainVerifier(IEnumerable<AuditAnchor>? anchors = null) =>
        this.anchors = new Queue<AuditAnchor>((anchors ?? []).OrderBy(a => a.Id));

    /// <summary>Checks the next entry. Returns false once the outcome is known (the chain broke); stop feeding then.</summary>
    /// <param name="storedHash">The hash stored with the entry (null when the row has none).</param>
    public bool Add(AuditEntry entry, string? storedHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (broken is not null)
        {
            return false;
        }

        if (suspect is { } s)
        {
            // The entry before did not match its hash. Whether this one still follows the stored hash tells an edit of
            // the fields (hash untouched) from a replaced or moved entry (hash changed too).
            var follows = storedHash is not null && string.Equals(AuditChain.Link(s.Hash, entry), storedHash, StringComparison.Ordinal);
            broken = follows
                ? Break(s.Entry.Id, AuditBreakKind.Edited,
                    $"entry {Describe(s.Entry)} does not match its hash, yet entry {entry.Id} still follows that hash: entry {s.Entry.Id}'s fields "
                    + $"were changed after it was written (or swapped with another entry's), or entry {PreviousText(s.Entry.Id)} was changed and given a recomputed hash")
                : Rewritten(s.Entry, $"and entry {entry.Id} does not follow its stored hash either");
            return false;
        }

        count++;
        if (previousId is { } before && entry.Id <= before)
        {
            broken = Break(entry.Id, AuditBreakKind.OutOfOrder, $"entry {entry.Id} comes after entry {before}: the log is out of order");
            return false;
        }

        if (storedHash is null)
        {
            broken = Break(entry.Id, AuditBreakKind.Unhashed,
                $"entry {Describe(entry)} carries no hash: its hash was removed (every entry is hashed when it is written, and entries older "
                + "than the chain were hashed when it started)");
            return false;
        }

        if (!string.Equals(AuditChain.Link(previousHash, entry), storedHash, StringComparison.Ordinal))
        {
            var firstExpected = previousId + 1 ?? 1;
            if (entry.Id > firstExpected)
            {
                // A gap that the chain was built over is harmless (ids skipped before the chain existed); a gap that breaks
                // the hash is where entries were taken out.
                var missing = entry.Id - firstExpected == 1
                    ? $"entry {firstExpected} is missing"
                    : $"entries {firstExpected}–{entry.Id - 1} are missing";
                broken = Break(entry.Id, AuditBreakKind.Deleted,
                    $"{missing} and entry {Describe(entry)} does not follow {(previousId is null ? "the start of the log" : $"entry {previousId}")}: "
                    + "entries were deleted (or moved elsewhere)");
                return false;
            }

            suspect = (entry, storedHash);
            return true;
        }

        while (anchors.TryPeek(out var anchor) && anchor.Id <= entry.Id)
        {
            anchors.Dequeue();
            if (anchor.Id < entry.Id)
            {
                broken = Break(entry.Id, AuditBreakKind.AnchorMismatch,
                    $"entry {anchor.Id}, anchored{When(anchor)}, is no longer in the log although the chain runs on unbroken: "
                    + $"the log was rewritten from entry {anchor.Id} or earlier and its hashes recomputed");
                return false;
            }

            if (!string.Equals(anchor.Hash, storedHash, StringComparison.OrdinalIgnoreCase))
            {
                broken = Break(entry.Id, AuditBreakKind.AnchorMismatch,
                    $"entry {entry.Id} carries hash {storedHash[..12]}…, but {anchor.Hash[..Math.Min(12, anchor.Hash.Length)]}… was anchored{When(anchor)}: "
                    + $"the log was rewritten from entry {entry.Id} or earlier and its hashes recomputed");
                return false;
            }
        }

        previousHash = storedHash;
        previousId = entry.Id;
        return true;
    }

    /// <summary>The outcome, once the entries ran out or <see cref="Add"/> returned false.</summary>
    public AuditVerification Complete()
    {
        if (broken is not null)
        {
            return broken;
        }

        if (suspect is { } s)
        {
            return broken = Rewritten(s.Entry, "and it is the latest entry, so whether its fields or its hash changed cannot be told");
        }

        if (anchors.TryPeek(out var anchor))
        {
            var end = previousId is { } last ? $"the log ends at entry {last}" : "the log is empty";
            return broken = Break(anchor.Id, AuditBreakKind.Truncated,
                $"{end}, but entry {anchor.Id} was anchored{When(anchor)}: the latest entries were deleted");
        }

        var head = new AuditHead(previousId ?? 0, previousHash, count);
        return new AuditVerification(true, count, null, null,
            $"{count.ToString("N0", CultureInfo.InvariantCulture)} entr{(count == 1 ? "y" : "ies")} checked; the chain is intact.", head);
    }

    private AuditVerification Rewritten(AuditEntry entry, string why) => Break(entry.Id, AuditBreakKind.Rewritten,
        $"entry {Describe(entry)} does not match its hash, {why}: it was replaced, moved here from elsewhere in the log or forged, "
        + $"or it or entry {PreviousText(entry.Id)} was changed together with its hash");

    private string PreviousText(long id) => previousId?.ToString(CultureInfo.InvariantCulture) ?? $"{id - 1}";

    private AuditVerification Break(long id, AuditBreakKind kind, string message) => new(false, count, id, kind, message, null);

    private static string Describe(AuditEntry entry) =>
        $"{entry.Id} ({entry.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z, {entry.Actor}, {entry.Action} {entry.EntityType}"
        + (entry.EntityId is null ? ")" : $" {entry.EntityId})");

    private static string When(AuditAnchor anchor) =>
        anchor.AnchoredAt is { } at ? $" on {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z" : "";
}
