namespace Seam.Audit;

/// <summary>
/// One recorded write: who, when, what, and the record before and after as JSON.
/// Append-only and hash-chained: storage assigns <see cref="Id"/> and <see cref="Hash"/> when the entry is saved
/// (see <see cref="AuditChain"/>), whatever a caller put there.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>User name, or "cli:&lt;os user&gt;" for commands run on the server's machine.</summary>
    public required string Actor { get; set; }

    /// <summary>create, update, delete, import, sign-in, token-create …</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }

    public string? EntityId { get; set; }

    public string? SiteId { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }

    public string? Summary { get; set; }

    /// <summary>
    /// <see cref="AuditChain.Link"/> of the previous entry's hash and this entry's fields, as 64 lower-case hex digits.
    /// Null only on a row whose hash was removed; set by storage, never by the code that records the entry.
    /// </summary>
    public string? Hash { get; private set; }
}
