using Seam.Inventory;
using Seam.Protocols.Dissection;

namespace Seam.Discovery;

/// <summary>What one or more captures showed: the devices, who talked to whom, and what a person should look at.</summary>
public sealed record DiscoveryResult
{
    public required IReadOnlyList<DiscoveredDevice> Devices { get; init; }

    public required IReadOnlyList<DiscoveredFlow> Flows { get; init; }

    public required IReadOnlyList<DiscoveredEvent> Events { get; init; }

    /// <summary>Frames per protocol over every capture read, a frame counted once per protocol it carried.</summary>
    public required IReadOnlyDictionary<ProtocolId, long> FramesByProtocol { get; init; }

    public long Frames { get; init; }

    public DateTimeOffset? FirstSeen { get; init; }

    public DateTimeOffset? LastSeen { get; init; }
}

/// <summary>One fact about a device's identity and where it came from.</summary>
public sealed record IdentityFact(IdentityField Field, string Value, ProtocolId Protocol, long FirstFrame, long Count);

/// <summary>
/// A device seen on the wire. <see cref="Key"/> is its IP address when it has one, otherwise its MAC address, which
/// is how it is matched against the inventory.
/// </summary>
public sealed record DiscoveredDevice
{
    public required string Key { get; init; }

    public IReadOnlyList<string> Addresses { get; init; } = [];

    public IReadOnlyList<string> MacAddresses { get; init; } = [];

    /// <summary>The vendor the MAC prefix is registered to (IEEE), when known.</summary>
    public string? MacVendor { get; init; }

    public IReadOnlyList<IdentityFact> Identity { get; init; } = [];

    /// <summary>The role inferred from behaviour; null when behaviour says nothing definite.</summary>
    public AssetKind? Role { get; init; }

    public RoleReason? RoleReason { get; init; }

    public IReadOnlyList<ProtocolId> ServesProtocols { get; init; } = [];

    public IReadOnlyList<ProtocolId> UsesProtocols { get; init; } = [];

    public DateTimeOffset FirstSeen { get; init; }

    public DateTimeOffset LastSeen { get; init; }

    public long PacketsSent { get; init; }

    public long PacketsReceived { get; init; }

    /// <summary>The best value of one identity field: the one seen most often.</summary>
    public string? Best(IdentityField field) =>
        Identity.Where(f => f.Field == field).OrderByDescending(f => f.Count).ThenBy(f => f.FirstFrame).Select(f => f.Value).FirstOrDefault();
}

/// <summary>Why a role was inferred, said for both sides of the seam.</summary>
public sealed record RoleReason(string ItTerms, string OtTerms);

/// <summary>How often one function code was seen on a flow.</summary>
public sealed record OperationSummary(ProtocolId Protocol, ushort Code, string Name, OperationKind Kind, long Requests, long Responses);

/// <summary>
/// Traffic between a client and a server on one service (client ports are not kept: they change per connection),
/// or between two MAC addresses for layer-2 protocols.
/// </summary>
public sealed record DiscoveredFlow
{
    public required string Client { get; init; }

    public required string Server { get; init; }

    public required Seam.Inventory.Transport Transport { get; init; }

    /// <summary>The server's port; 0 for layer-2 flows.</summary>
    public int ServerPort { get; init; }

    /// <summary>The EtherType of a layer-2 flow; 0 for IP flows.</summary>
    public int EtherType { get; init; }

    /// <summary>Protocols recognised on the flow, most frames first; empty when no dissector recognised it.</summary>
    public IReadOnlyList<ProtocolId> Protocols { get; init; } = [];

    public IReadOnlyList<OperationSummary> Operations { get; init; } = [];

    public IReadOnlyList<int> VlanIds { get; init; } = [];

    public DateTimeOffset FirstSeen { get; init; }

    public DateTimeOffset LastSeen { get; init; }

    public long Packets { get; init; }

    public long Bytes { get; init; }

    /// <summary>The service as the inventory writes it, e.g. <c>modbus:tcp/502</c>.</summary>
    public ServiceEndpoint Service => new(
        Protocols.Count > 0 ? ProtocolNames.ServiceName(Protocols[0]) : null, Transport, ServerPort, ServerPort);
}

public enum DiscoveredEventKind
{
    /// <summary>A write to a controller: a register, a tag, a set-point, a command.</summary>
    ProcessWrite,
    ProgramDownload,
    ProgramUpload,
    /// <summary>A controller was stopped, started, restarted or changed mode.</summary>
    ControllerControl,
    RemoteAccessSession,
    ClearTextCredential,
    FileTransfer,
    Malformed,
    /// <summary>A device at Purdue level 4–5 talked straight to one at level 0–2 (needs the inventory's zones).</summary>
    EnterpriseIntoControl,
}

/// <summary>Something a person should look at, aggregated: the same thing between the same two ends counts up.</summary>
public sealed record DiscoveredEvent
{
    public required DiscoveredEventKind Kind { get; init; }

    public required ProtocolId Protocol { get; init; }

    /// <summary>Who did it (the sender), and to whom.</summary>
    public required string Source { get; init; }

    public required string Target { get; init; }

    public required string Detail { get; init; }

    public required RoleReason Why { get; init; }

    public long Count { get; init; }

    public long FirstFrame { get; init; }

    public DateTimeOffset FirstSeen { get; init; }

    public DateTimeOffset LastSeen { get; init; }
}
