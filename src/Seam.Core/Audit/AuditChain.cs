using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Seam.Audit;

/// <summary>An audit entry with the chain hash stored beside it (null when the row has none).</summary>
public sealed record ChainedEntry(AuditEntry Entry, string? Hash);

/// <summary>
/// The audit log's hash chain: each entry's hash covers its own fields and the previous entry's hash, so editing,
/// deleting or reordering any entry — also directly in the database — breaks every hash from there on, and
/// <see cref="Verify"/> names the first entry that no longer fits. The chain has no key: someone who can write the
/// database and recompute every later hash can rewrite history undetected, which only a copy of the head kept
/// elsewhere (an <see cref="AuditAnchor"/>) exposes.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// SHA-256 over the previous hash and every field, in this order: previous hash, id and <c>At</c> in UTC ticks
    /// (both as invariant decimal text), actor, action, entity type, entity id, site id, before, after, summary.
    /// Each field is UTF-8 prefixed by its byte length as a big-endian 32-bit integer, and a null field is the length −1
    /// alone, so that no two different entries encode alike. Returned as 64 lower-case hex digits.
    /// </summary>
    public static string Link(string previousHash, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(entry);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        Link(previousHash, entry, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Checks entries in the order the log holds them (ascending id); stops at the first that does not fit.</summary>
    public static AuditVerification Verify(IEnumerable<ChainedEntry> entries, IEnumerable<AuditAnchor>? anchors = null)
    {
        var verifier = new AuditChainVerifier(anchors);
        foreach (var (entry, hash) in entries)
        {
            if (!verifier.Add(entry, hash))
            {
                break;
            }
        }

        return verifier.Complete();
    }

    private static void Link(string previousHash, AuditEntry entry, Span<byte> digest)
    {
        Span<byte> id = stackalloc byte[20];
        Span<byte> ticks = stackalloc byte[20];
        entry.Id.TryFormat(id, out var idLength, default, CultureInfo.InvariantCulture);
        entry.At.UtcTicks.TryFormat(ticks, out var ticksLength, default, CultureInfo.InvariantCulture);
        id = id[..idLength];
        ticks = ticks[..ticksLength];

        var size = Size(previousHash) + (4 + id.Length) + (4 + ticks.Length) + Size(entry.Actor) + Size(entry.Action)
            + Size(entry.EntityType) + Size(entry.EntityId) + Size(entry.SiteId) + Size(entry.Before) + Size(entry.After)
            + Size(entry.Summary);
        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var buffer = rented.AsSpan(0, size);
            var at = Text(buffer, 0, previousHash);
            at = Bytes(buffer, at, id);
            at = Bytes(buffer, at, ticks);
            at = Text(buffer, at, entry.Actor);
            at = Text(buffer, at, entry.Action);
            at = Text(buffer, at, entry.EntityType);
            at = Text(buffer, at, entry.EntityId);
            at = Text(buffer, at, entry.SiteId);
            at = Text(buffer, at, entry.Before);
            at = Text(buffer, at, entry.After);
            Text(buffer, at, entry.Summary);
            SHA256.HashData(buffer, digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Text(Span<byte> buffer, int at, string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(buffer[at..], -1);
            return at + 4;
        }

        var written = Encoding.UTF8.GetBytes(value, buffer[(at + 4)..]);
        BinaryPrimitives.WriteInt32BigEndian(buffer[at..], written);
        return at + 4 + written;
    }

    private static int Bytes(Span<byte> buffer, int at, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteInt32BigEndian(buffer[at..], value.Length);
        value.CopyTo(buffer[(at + 4)..]);
        return at + 4 + value.Length;
    }

    private static int Size(string? value) => 4 + (value is null ? 0 : Encoding.UTF8.GetByteCount(value));
}
