namespace Seam.Audit;

/// <summary>
/// One recorded write: who, when, what, and the record before and after as JSON.
/// Append-only; a later issue chains entries by hash.
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
}
