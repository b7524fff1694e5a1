using Seam.Intelligence.Findings;
using Seam.Inventory;

namespace Seam.Exposure.Model;

/// <summary>
/// Everything the exposure engine reads, as one immutable value: the inventory, the findings with their evidence, and
/// the reach the inventory alone does not show (asset-level allow rules, observed flows, time-boxed access grants).
/// The engine never mutates it; a what-if works on a changed copy.
/// </summary>
public sealed record ExposureInput
{
    public required InventoryModel Inventory { get; init; }

    public IReadOnlyList<ExposureFinding> Findings { get; init; } = [];

    public IReadOnlyList<AllowRule> AllowRules { get; init; } = [];

    public IReadOnlyList<ObservedFlow> ObservedFlows { get; init; } = [];

    public IReadOnlyList<AccessGrant> AccessGrants { get; init; } = [];

    /// <summary>The moment the model describes: access grants are active when <c>From ≤ At &lt; To</c>.</summary>
    public DateTimeOffset At { get; init; }
}

/// <summary>A finding as the exposure engine needs it: where it is, how it is exploited, and the evidence of exploitation.</summary>
public sealed record ExposureFinding
{
    public required string Id { get; init; }

    public required string AssetId { get; init; }

    /// <summary>The CVE id, or the advisory's own id for a vulnerability without one.</summary>
    public required string VulnerabilityId { get; init; }

    public string? AdvisoryId { get; init; }

    public FindingState State { get; init; } = FindingState.Open;

    public MatchConfidence Confidence { get; init; } = MatchConfidence.Identifier;

    /// <summary>CVSS v2, v3.x or v4.0 vector; null when the advisory gave none.</summary>
    public string? CvssVector { get; init; }

    public double? CvssScore { get; init; }

    public string? Remediation { get; init; }

    public ExploitEvidence Evidence { get; init; } = ExploitEvidence.None;
}

/// <summary>What is known about a vulnerability being exploited.</summary>
/// <param name="InKev">Listed in CISA's Known Exploited Vulnerabilities catalog.</param>
/// <param name="KevDateAdded">When CISA added it.</param>
/// <param name="KnownRansomwareUse">The catalog says ransomware campaigns use it.</param>
/// <param name="EpssProbability">FIRST EPSS probability of exploitation activity in the next 30 days.</param>
/// <param name="EpssPercentile">Its percentile among all scored CVEs.</param>
/// <param name="CsafExploitStatus">The text of the advisory's <c>threats[category=exploit_status]</c>, if any.</param>
public sealed record ExploitEvidence(
    bool InKev = false,
    DateOnly? KevDateAdded = null,
    bool KnownRansomwareUse = false,
    double? EpssProbability = null,
    double? EpssPercentile = null,
    string? CsafExploitStatus = null)
{
    public static ExploitEvidence None { get; } = new();
}

/// <summary>
/// A host-to-host permission narrower than a conduit: a firewall pinhole such as "the historian may open tcp/5450 on
/// the batch server". It adds reach from <see cref="FromAssetId"/> to <see cref="ToAssetId"/> on its services.
/// </summary>
public sealed record AllowRule
{
    public required string Id { get; init; }

    public required string SiteId { get; init; }

    public required string FromAssetId { get; init; }

    public required string ToAssetId { get; init; }

    public IReadOnlyList<ServiceEndpoint> Services { get; init; } = [];

    public string? Description { get; init; }
}

/// <summary>
/// Traffic seen on the wire (from discovery or an imported flow log). A flow proves reach whatever the conduits say:
/// whoever controls the source can reach the target on that service.
/// </summary>
public sealed record ObservedFlow
{
    public required string Id { get; init; }

    public required string SiteId { get; init; }

    public required string SourceAssetId { get; init; }

    public required string TargetAssetId { get; init; }

    public required ServiceEndpoint Service { get; init; }

    public DateTimeOffset FirstSeen { get; init; }

    public DateTimeOffset LastSeen { get; init; }

    public long Packets { get; init; }

    public long Bytes { get; init; }

    /// <summary>Where the observation came from, e.g. "pcap line2-mirror.pcapng".</summary>
    public string? Source { get; init; }
}

/// <summary>
/// Time-boxed remote access granted to a person (usually a vendor). While active it is an on-demand entry point that
/// lands on its assets. Governance creates them; the engine only reads them.
/// </summary>
public sealed record AccessGrant
{
    public required string Id { get; init; }

    public required string SiteId { get; init; }

    public required string Grantee { get; init; }

    public string? Vendor { get; init; }

    /// <summary>How access is made, e.g. "Secomea SiteManager", "TeamViewer", "RDP via jump host".</summary>
    public string? Method { get; init; }

    /// <summary>The zone the session lands in (where the VPN or gateway terminates), if any.</summary>
    public string? ZoneId { get; init; }

    public IReadOnlyList<string> AssetIds { get; init; } = [];

    public bool MfaRequired { get; init; }

    public DateTimeOffset From { get; init; }

    public DateTimeOffset To { get; init; }

    public bool IsActiveAt(DateTimeOffset at) => From <= at && at < To;
}
