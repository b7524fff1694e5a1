namespace Seam.Storage.Discovery;

public enum DiscoveryStatus
{
    /// <summary>Waiting for reviewers; decisions may still change.</summary>
    Open,
    Merged,
    Discarded,
}

/// <summary>
/// One analysed upload of captures, kept with what it showed (<see cref="Result"/>, as JSON) until someone merges or
/// discards it. The review itself is not stored: it is recomputed against the inventory whenever it is shown.
/// </summary>
public sealed class DiscoveryRecord
{
    public long Id { get; set; }

    public required string SiteId { get; set; }

    public DiscoveryStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>The files read, as JSON (<see cref="DiscoveryFile"/>).</summary>
    public required string Files { get; set; }

    public long Frames { get; set; }

    public long Bytes { get; set; }

    /// <summary>Kept beside <see cref="Result"/> so that a list of discoveries need not read every result.</summary>
    public int Devices { get; set; }

    public int Flows { get; set; }

    public DateTimeOffset? FirstSeen { get; set; }

    public DateTimeOffset? LastSeen { get; set; }

    /// <summary>The <see cref="Seam.Discovery.DiscoveryResult"/> as JSON.</summary>
    public required string Result { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    /// <summary>What the merge wrote, or why the set was discarded.</summary>
    public string? Outcome { get; set; }
}

/// <summary>A reviewer's accept or reject of one item (<see cref="Seam.Discovery.ReviewItems"/>); the latest decision stands.</summary>
public sealed class DiscoveryDecisionRecord
{
    public long DiscoveryId { get; set; }

    public required string Item { get; set; }

    public bool Accepted { get; set; }

    public required string DecidedBy { get; set; }

    public DateTimeOffset DecidedAt { get; set; }
}

/// <summary>One capture file of an upload, and what reading it had to skip.</summary>
public sealed record DiscoveryFile(string Name, long Bytes, long Frames, int Problems, IReadOnlyList<string> FirstProblems);
