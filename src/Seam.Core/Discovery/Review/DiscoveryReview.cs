using Seam.Inventory;

namespace Seam.Discovery;

/// <summary>
/// A discovery set against the inventory, for a person to accept or reject item by item: nothing merges silently.
/// </summary>
public sealed record DiscoveryReview
{
    public required string SiteId { get; init; }

    /// <summary>Devices the inventory does not know, with the zone their address falls in.</summary>
    public required IReadOnlyList<NewDevice> NewDevices { get; init; }

    /// <summary>Known assets whose observed identity differs from the record (e.g. firmware changed).</summary>
    public required IReadOnlyList<ChangedDevice> ChangedDevices { get; init; }

    /// <summary>Known assets that were seen, with nothing to change.</summary>
    public required IReadOnlyList<MatchedDevice> MatchedDevices { get; init; }

    /// <summary>Flows between zones that no conduit allows.</summary>
    public required IReadOnlyList<FlowViolation> Violations { get; init; }

    /// <summary>Flows between zoned ends that the policy allows: inside one zone, or through a conduit.</summary>
    public IReadOnlyList<ZonedFlow> AllowedFlows { get; init; } = [];

    /// <summary>Flows whose ends are in no zone, so the policy cannot be checked.</summary>
    public required IReadOnlyList<DiscoveredFlow> UncheckedFlows { get; init; }

    /// <summary>The capture's events plus those only the inventory can tell, such as enterprise-to-control traffic.</summary>
    public required IReadOnlyList<DiscoveredEvent> Events { get; init; }
}

public sealed record NewDevice(DiscoveredDevice Device, string? ZoneId, PurdueLevel? Level, Asset Proposed);

/// <summary>A flow with the zones of its two ends.</summary>
public sealed record ZonedFlow(DiscoveredFlow Flow, string ClientZoneId, string ServerZoneId);

public sealed record MatchedDevice(DiscoveredDevice Device, string AssetId, string MatchedBy);

/// <summary>One field of an asset that the wire contradicts.</summary>
public sealed record FieldChange(string Field, string? Recorded, string Observed, string Evidence);

public sealed record ChangedDevice(DiscoveredDevice Device, string AssetId, string AssetName, string MatchedBy, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// A flow no conduit allows, and the conduit that would: zones, direction and service, so accepting the flow is a
/// reviewable change rather than a silent exception.
/// </summary>
public sealed record FlowViolation(
    DiscoveredFlow Flow,
    string ClientZoneId,
    string ServerZoneId,
    PurdueLevel ClientLevel,
    PurdueLevel ServerLevel,
    ServiceEndpoint Service,
    string? NearestConduitId,
    RoleReason Why,
    string WouldBeAllowedBy);
