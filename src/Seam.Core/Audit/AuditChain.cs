using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Seam.Audit;

/// <summary>An audit entry with the chain hash stored beside it.</summary>
public sealed record ChainedEntry(AuditEntry Entry, string Hash);

/// <summary>The outcome of checking a chain: intact, or the first entry that does not fit and why.</summary>
public sealed record AuditVerification(bool Intact, long EntriesChecked, long? FirstBrokenId, string Message);

/// <summary>
/// The audit log's hash chain: each entry's hash covers its own fields and the previous entry's hash, so editing,
/// deleting or reordering any entry — also directly in the database — breaks every hash from there on, and
/// <see cref="Verify"/> names the first entry that no longer fits.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>SHA-256 over the previous hash and every field, each length-prefixed so that no two entries encode alike.</summary>
    public static string Link(string previousHash, AuditEntry entry)
    {
        var buffer = new List<byte>(256);
        void Field(string? value)
        {
            if (value is null)
            {
                Span<byte> none = stackalloc byte[4];
                BinaryPrimitives.WriteInt32BigEndian(none, -1);
                buffer.AddRange(none);
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(value);
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            buffer.AddRange(length);
            buffer.AddRange(bytes);
        }

        Field(previousHash);
        Field(entry.Id.ToString(CultureInfo.InvariantCulture));
        Field(entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(entry.Actor);
        Field(entry.Action);
        Field(entry.EntityType);
        Field(entry.EntityId);
        Field(entry.SiteId);
        Field(entry.Before);
        Field(entry.After);
        Field(entry.Summary);
        return Convert.ToHexStringLower(SHA256.HashData([.. buffer]));
    }

    /// <summary>Checks entries in the order the log holds them (ascending id); stops at the first that does not fit.</summary>
    public static AuditVerification Verify(IEnumerable<ChainedEntry> entries)
    {
        var previous = Genesis;
        long? previousId = null;
        long count = 0;
        foreach (var (entry, hash) in entries)
        {
            count++;
            if (previousId is { } before && entry.Id <= before)
            {
                return Broken(count, entry.Id, $"entry {entry.Id} comes after entry {before}: the log has been reordered");
            }

            if (previousId is { } last && entry.Id != last + 1)
            {
                return Broken(count, entry.Id, $"expected entry {last + 1} next but found entry {entry.Id}: entr{(entry.Id - last == 2 ? $"y {last + 1} was" : $"ies {last + 1}–{entry.Id - 1} were")} deleted or moved");
            }

            var expected = Link(previous, entry);
            if (!string.Equals(expected, hash, StringComparison.Ordinal))
            {
                return Broken(count, entry.Id,
                    $"entry {entry.Id} ({entry.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, {entry.Actor}, {entry.Action} {entry.EntityType}) does not match its hash: "
                    + "it, or the entry before it, was changed after it was written");
            }

            previous = hash;
            previousId = entry.Id;
        }

        return new AuditVerification(true, count, null, $"{count} entr{(count == 1 ? "y" : "ies")} checked; the chain is intact.");
    }

    private static AuditVerification Broken(long count, long id, string message) => new(false, count, id, message);
}
