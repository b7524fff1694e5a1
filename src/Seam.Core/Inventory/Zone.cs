namespace Seam.Inventory;

/// <summary>A group of assets with one security requirement (IEC 62443), placed on a Purdue level.</summary>
public sealed class Zone
{
    public required string Id { get; set; }

    public required string SiteId { get; set; }

    public required string Name { get; set; }

    public PurdueLevel Level { get; set; }

    /// <summary>IEC 62443 target security level SL-T, 1–4.</summary>
    public int TargetSecurityLevel { get; set; } = 1;

    /// <summary>Address ranges in CIDR notation that belong to the zone.</summary>
    public IReadOnlyList<string> Subnets { get; set; } = [];

    public string? OwnerTeamId { get; set; }

    public string? Description { get; set; }
}
