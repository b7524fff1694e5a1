using Seam.Discovery;
using Seam.Inventory;
using Seam.Storage.Intelligence;

namespace Seam.Storage.Discovery;

/// <summary>A discovery as listed: what was read and where its review stands.</summary>
public sealed record DiscoverySummary(
    long Id,
    string Name,
    string SiteId,
    DiscoveryStatus Status,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    IReadOnlyList<string> Files,
    long Frames,
    long Bytes,
    int Devices,
    int Flows,
    int Decisions,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    string? Outcome);

/// <summary>A reviewer's standing decision on one item.</summary>
public sealed record ItemDecision(string Item, bool Accepted, string DecidedBy, DateTimeOffset DecidedAt);

/// <summary>A discovery with its review against the inventory as it is now (<see cref="Inventory"/>).</summary>
public sealed record StoredDiscovery(
    DiscoverySummary Summary,
    IReadOnlyList<DiscoveryFile> Files,
    DiscoveryResult Result,
    DiscoveryReview Review,
    IReadOnlyDictionary<string, ItemDecision> Decisions,
    InventoryModel Inventory)
{
    public ItemDecision? DecisionOn(string item) => Decisions.GetValueOrDefault(item);

    /// <summary>Decidable items nobody has accepted or rejected yet.</summary>
    public int Undecided => ReviewItems.Decidable(Review).Count(i => !Decisions.ContainsKey(i));
}

/// <summary>What a merge wrote.</summary>
public sealed record MergeOutcome(long Id, IReadOnlyList<string> CreatedAssets, IReadOnlyList<string> UpdatedAssets, int FlowsCreated, int FlowsUpdated, int FlowsLeftOut)
{
    /// <summary>How the advisory matching changed for the written assets; null when no asset was written.</summary>
    public FindingRefreshResult? Findings { get; init; }

    public string Describe() =>
        $"{CreatedAssets.Count} asset(s) created, {UpdatedAssets.Count} updated, {FlowsCreated} observed flow(s) recorded, {FlowsUpdated} added to, "
        + $"{FlowsLeftOut} flow(s) left out (an end not in the inventory, or a violation not accepted).";
}

public enum DiscoveryErrorKind
{
    NotFound,
    Invalid,

    /// <summary>Already merged or discarded.</summary>
    Closed,
}

public sealed record DiscoveryError(DiscoveryErrorKind Kind, string Message)
{
    public static DiscoveryError NotFound(long id) => new(DiscoveryErrorKind.NotFound, $"No discovery {DiscoveryService.Id(id)}.");

    public static DiscoveryError Invalid(string message) => new(DiscoveryErrorKind.Invalid, message);

    public static DiscoveryError Closed(DiscoverySummary summary) => new(DiscoveryErrorKind.Closed,
        $"{summary.Name} was {summary.Status.ToString().ToLowerInvariant()}{(summary.ClosedBy is null ? "" : " by " + summary.ClosedBy)}; it can no longer change.");
}

/// <summary>The value, or why the command was refused (nothing was written then).</summary>
public sealed record DiscoveryOutcome<T>(T? Value, DiscoveryError? Error)
    where T : class
{
    public bool Succeeded => Error is null;

    public static implicit operator DiscoveryOutcome<T>(T value) => new(value, null);

    public static implicit operator DiscoveryOutcome<T>(DiscoveryError error) => new(null, error);
}
