namespace Seam.Inventory;

/// <summary>Where an attacker can start: the internet, the enterprise IT network, a vendor's remote-access path, removable media.</summary>
public sealed class EntryPoint
{
    public required string Id { get; set; }

    public required string SiteId { get; set; }

    public required string Name { get; set; }

    public EntryPointKind Kind { get; set; }

    /// <summary>The zone the entry point lands in (the internet edge, the enterprise zone, the DMZ where a VPN terminates).</summary>
    public string? ZoneId { get; set; }

    /// <summary>For vendor remote access: the vendor or integrator.</summary>
    public string? Vendor { get; set; }

    /// <summary>How access is made, e.g. "IPsec VPN", "TeamViewer", "RDP via jump host".</summary>
    public string? Method { get; set; }

    /// <summary>Assets the path is meant to reach.</summary>
    public IReadOnlyList<string> TargetAssetIds { get; set; } = [];

    public bool MfaRequired { get; set; }

    public RemoteAccessAvailability Availability { get; set; } = RemoteAccessAvailability.AlwaysOn;

    public string? Description { get; set; }
}
