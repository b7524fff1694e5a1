namespace Seam.Intelligence;

/// <summary>
/// One product an advisory speaks about, flattened from the CSAF product tree so that matching need not walk
/// branches: the vendor, family, name and version come from the branches above the leaf, the identification
/// helpers from the leaf's full product name. A relationship product (component installed on a platform)
/// carries its component's identity and names the platform.
/// </summary>
public sealed record AdvisoryProduct
{
    /// <summary>The CSAF product id (<c>CSAFPID-0001</c>).</summary>
    public required string ProductId { get; init; }

    /// <summary>The full product name as the advisory writes it.</summary>
    public required string Name { get; init; }

    /// <summary>The JSON path where the product is defined, for explanations (<c>/product_tree/branches/0/…</c>).</summary>
    public required string DefinedAt { get; init; }

    public string? Vendor { get; init; }

    public string? ProductFamily { get; init; }

    /// <summary>From a <c>product_name</c> branch.</summary>
    public string? Product { get; init; }

    /// <summary>From a <c>product_version</c> branch: one exact version.</summary>
    public string? Version { get; init; }

    /// <summary>From a <c>product_version_range</c> branch: a <c>vers:</c> range or a CSAF legacy range string.</summary>
    public string? VersionRange { get; init; }

    public IReadOnlyList<string> Cpes { get; init; } = [];

    public IReadOnlyList<string> Purls { get; init; } = [];

    public IReadOnlyList<string> ModelNumbers { get; init; } = [];

    public IReadOnlyList<string> SerialNumbers { get; init; } = [];

    public IReadOnlyList<string> Skus { get; init; } = [];

    /// <summary>For a relationship product: how the component relates (<c>installed_on</c>, …).</summary>
    public string? RelationshipCategory { get; init; }

    /// <summary>For a relationship product: the product id of the platform it relates to.</summary>
    public string? PlatformProductId { get; init; }
}

/// <summary>The product status groups of a CSAF vulnerability (§3.2.3.9).</summary>
public enum ProductStatusKind
{
    FirstAffected,
    KnownAffected,
    LastAffected,
    FirstFixed,
    Fixed,
    KnownNotAffected,
    Recommended,
    UnderInvestigation,
}
