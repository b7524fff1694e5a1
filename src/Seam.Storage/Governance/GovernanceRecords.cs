namespace Seam.Storage.Governance;

/// <summary>A published decision-rights policy: the YAML as written, so it stays reviewable like code.</summary>
public sealed class PolicyVersionRecord
{
    public int Version { get; set; }

    public required string Yaml { get; set; }

    public required string PublishedBy { get; set; }

    public DateTimeOffset PublishedAt { get; set; }
}

/// <summary>
/// A decision request as stored: the columns lists and filters need, and the request's whole state as JSON
/// (<see cref="Document"/>) from which <c>DecisionRequest.Restore</c> rebuilds it, so the domain type stays the only
/// place its rules live. The timeline is kept in <see cref="RequestEventRecord"/> rows instead of the document.
/// </summary>
public sealed class RequestRecord
{
    public required string Id { get; set; }

    /// <summary>The number in the id (REQ-0042 → 42), for the next id and for ordering.</summary>
    public int Number { get; set; }

    public required string Scenario { get; set; }

    public required string SiteId { get; set; }

    public required string Title { get; set; }

    public required string State { get; set; }

    public string? Tier { get; set; }

    public string? Route { get; set; }

    public required string RequestedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? EscalatedAt { get; set; }

    /// <summary>The policy version the request was routed by.</summary>
    public int? PolicyVersion { get; set; }

    /// <summary>For vendor access: the person who gets access, so a vendor finds their own requests.</summary>
    public string? Grantee { get; set; }

    public required string Document { get; set; }

    /// <summary>What the requester stated beyond the assets (reversibility, downtime, grant, acceptance) as JSON.</summary>
    public required string Details { get; set; }

    /// <summary>The footprint the routing was computed from, as JSON; null until submitted.</summary>
    public string? Footprint { get; set; }
}

public sealed class RequestEventRecord
{
    public long Id { get; set; }

    public required string RequestId { get; set; }

    /// <summary>Position on the request's timeline (0-based).</summary>
    public int Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    public required string Kind { get; set; }

    public required string Text { get; set; }
}

/// <summary>A team whose sign-off a request waits for; the inbox reads these, by team and deadline.</summary>
public sealed class RequestWaitingRecord
{
    public required string RequestId { get; set; }

    public required string Team { get; set; }

    public required string SiteId { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Why the team is asked: "asked" (its sign-off is needed), "disagreement" or "escalated".</summary>
    public string Reason { get; set; } = "asked";
}

/// <summary>An asset or finding a request is about.</summary>
public sealed class RequestLinkRecord
{
    public required string RequestId { get; set; }

    /// <summary>"asset" or "finding".</summary>
    public required string Kind { get; set; }

    public required string TargetId { get; set; }
}

public sealed class RequestAttachmentRecord
{
    public long Id { get; set; }

    public required string RequestId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public required string Sha256 { get; set; }

    public required byte[] Content { get; set; }

    public required string UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>A member's standing in for a team handed to someone else while away.</summary>
public sealed class DelegationRecord
{
    public long Id { get; set; }

    public required string Member { get; set; }

    public required string Delegate { get; set; }

    public DateTimeOffset From { get; set; }

    public DateTimeOffset Until { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// How an access grant ended, once it has: revoked early (by whom, why, and the end it had) or expired by itself. The
/// expiry sweep writes one for every grant past its end that has none, and notifies only then, so each end is told once.
/// </summary>
public sealed class AccessGrantEndRecord
{
    public const string Revoked = "revoked";
    public const string Expired = "expired";

    public required string GrantId { get; set; }

    /// <summary><see cref="Revoked"/> or <see cref="Expired"/>.</summary>
    public required string Kind { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Who revoked it; null when it expired.</summary>
    public string? By { get; set; }

    public string? Reason { get; set; }

    /// <summary>The end the grant was approved with (a revocation moves the grant's own end to the moment of revoking).</summary>
    public DateTimeOffset ScheduledEnd { get; set; }
}
