namespace Seam.Inventory;

/// <summary>Anything with an address or a role in the plant.</summary>
public sealed class Asset
{
    public required string Id { get; set; }

    public required string SiteId { get; set; }

    /// <summary>Null while an asset (e.g. one just discovered) has not been placed in a zone.</summary>
    public string? ZoneId { get; set; }

    public required string Name { get; set; }

    public AssetKind Kind { get; set; }

    public string? Vendor { get; set; }

    public string? Product { get; set; }

    public string? Model { get; set; }

    /// <summary>Software version or firmware revision as the vendor writes it ("V4.5.2", "FW 2.1").</summary>
    public string? Version { get; set; }

    public string? SerialNumber { get; set; }

    /// <summary>
    /// Machine-readable product identifiers — CPE names (<c>cpe:2.3:…</c>, <c>cpe:/…</c>) and package URLs
    /// (<c>pkg:…</c>) — that let advisories match this asset by identifier rather than by name.
    /// </summary>
    public IReadOnlyList<string> Identifiers { get; set; } = [];

    /// <summary>IPv4 or IPv6 addresses.</summary>
    public IReadOnlyList<string> Addresses { get; set; } = [];

    /// <summary>MAC addresses, normalised to lower-case colon form.</summary>
    public IReadOnlyList<string> MacAddresses { get; set; } = [];

    public IReadOnlyList<ServiceEndpoint> Services { get; set; } = [];

    public string? OwnerTeamId { get; set; }

    public string? MaintainerTeamId { get; set; }

    /// <summary>Operational criticality: 1 (nice to have) to 5 (the line stops without it).</summary>
    public int Criticality { get; set; } = 3;

    /// <summary>True when the asset is part of a safety function or its failure can hurt people.</summary>
    public bool SafetyRelevant { get; set; }

    /// <summary>The process or line the asset serves, e.g. "Line 2 – bottling".</summary>
    public string? ProcessLine { get; set; }

    /// <summary>What an hour of this asset's downtime costs the plant, in the site's currency.</summary>
    public decimal? DowntimeCostPerHour { get; set; }

    public Patchability Patchability { get; set; } = Patchability.MaintenanceWindow;

    /// <summary>Compromise of a crown jewel stops production or threatens safety.</summary>
    public bool IsCrownJewel { get; set; }

    public AssetSource Source { get; set; } = AssetSource.Manual;

    public DateTimeOffset? LastSeen { get; set; }

    public string? Notes { get; set; }

    /// <summary>A copy to change without touching this one; shallow is enough because the lists are replaced, never mutated.</summary>
    public Asset Copy() => (Asset)MemberwiseClone();
}
