namespace Seam.Inventory;

/// <summary>The allowed communication between two zones: which services, in which direction, enforced by what.</summary>
public sealed class Conduit
{
    public required string Id { get; set; }

    public required string SiteId { get; set; }

    public string? Name { get; set; }

    public required string FromZoneId { get; set; }

    public required string ToZoneId { get; set; }

    /// <summary>Services the "from" zone may open towards the "to" zone (and back, when bidirectional).</summary>
    public IReadOnlyList<ServiceEndpoint> Services { get; set; } = [];

    public ConduitDirection Direction { get; set; }

    /// <summary>What enforces the conduit, e.g. "FW-IDMZ-01 (Fortinet FortiGate)" or "Waterfall data diode".</summary>
    public string? EnforcedBy { get; set; }

    public string? Description { get; set; }
}
