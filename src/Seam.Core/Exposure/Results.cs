using Seam.Exposure.Ssvc;
using Seam.Inventory;

namespace Seam.Exposure;

/// <summary>The result of one exposure computation over a whole inventory.</summary>
public sealed record ExposureReport
{
    public required DateTimeOffset ComputedAt { get; init; }

    public required IReadOnlyList<CrownJewelStatus> CrownJewels { get; init; }

    public required IReadOnlyList<FindingExposure> Findings { get; init; }

    /// <summary>One row per asset, unreachable ones included (level <see cref="ExposureLevel.None"/>).</summary>
    public required IReadOnlyList<AssetExposure> Assets { get; init; }

    public required IReadOnlyList<EntryPointReach> EntryPoints { get; init; }

    public required ChokePoints ChokePoints { get; init; }

    /// <summary>Overall first, then per site, then per zone.</summary>
    public required IReadOnlyList<ExposureScore> Scores { get; init; }

    public ExposureScore Overall => Scores[0];
}

/// <summary>Whether a crown jewel can be reached, how, and from how many entry points.</summary>
public sealed record CrownJewelStatus
{
    public required string AssetId { get; init; }

    public required string Name { get; init; }

    public required string SiteId { get; init; }

    public string? ZoneId { get; init; }

    public bool SafetyRelevant { get; init; }

    public bool Reachable { get; init; }

    /// <summary>The attacker can send commands to the process through this asset (control or unauthenticated ICS access).</summary>
    public bool Manipulable { get; init; }

    /// <summary>Probability of the most likely path, 0 when unreachable.</summary>
    public double Likelihood { get; init; }

    public AttackPath? MostLikelyPath { get; init; }

    public AttackPath? ShortestPath { get; init; }

    public IReadOnlyList<string> EntryPointIds { get; init; } = [];

    public int EntryPointCount => EntryPointIds.Count;

    public required string ForIt { get; init; }

    public required string ForOt { get; init; }
}

/// <summary>A chain of hops from an entry point to an attacker state on an asset.</summary>
public sealed record AttackPath
{
    public required string EntryPointId { get; init; }

    public required string EntryPointName { get; init; }

    /// <summary>The asset the path ends on.</summary>
    public required string TargetAssetId { get; init; }

    /// <summary>What the attacker holds at the end of the path.</summary>
    public required AttackerState Outcome { get; init; }

    /// <summary>Product of the hop likelihoods, including the entry point's own.</summary>
    public required double Likelihood { get; init; }

    public required IReadOnlyList<AttackHop> Hops { get; init; }

    /// <summary>Assets the path passes through, in order, the target last.</summary>
    public IEnumerable<string> AssetIds => Hops.Where(h => h.AssetId is not null).Select(h => h.AssetId!).Distinct();
}

public enum AttackerState
{
    /// <summary>The attacker runs code or holds an administrative session on the asset.</summary>
    ControlsAsset,

    /// <summary>The attacker can send commands that change the physical process through the asset.</summary>
    CanManipulateProcess,
}

public enum HopKind
{
    /// <summary>The attacker starts at an entry point (internet, enterprise IT, a vendor path, removable media).</summary>
    Entry,

    /// <summary>The attacker's packets reach a service (same zone, a conduit, an allow rule, an observed flow, a vendor path).</summary>
    Reach,

    /// <summary>A vulnerability is exploited and the asset is controlled.</summary>
    Exploit,

    /// <summary>An ICS protocol without authentication accepts the attacker's commands.</summary>
    UnauthenticatedIcs,

    /// <summary>A controlled controller is made to change the process.</summary>
    ControllerCommand,

    /// <summary>A controlled host that holds trust (engineering workstation, jump host, HMI) is used to act on what it may reach.</summary>
    TrustedSession,

    /// <summary>A controlled asset is used as a foothold in its zone's network.</summary>
    Pivot,
}

/// <summary>One step of an attack path, explained three ways.</summary>
public sealed record AttackHop
{
    public required HopKind Kind { get; init; }

    /// <summary>The asset the hop acts on, if any.</summary>
    public string? AssetId { get; init; }

    public string? ZoneId { get; init; }

    /// <summary>The conduit, allow rule, observed flow or entry point the hop goes through.</summary>
    public string? ViaId { get; init; }

    public ServiceEndpoint? Service { get; init; }

    public string? FindingId { get; init; }

    public string? VulnerabilityId { get; init; }

    /// <summary>Probability that this hop succeeds once the previous one has.</summary>
    public required double Likelihood { get; init; }

    /// <summary>Why the hop is possible and where its likelihood comes from.</summary>
    public required string Why { get; init; }

    public required string ForIt { get; init; }

    public required string ForOt { get; init; }
}

public enum FindingVerdict
{
    /// <summary>An entry point reaches the vulnerable asset on a service and the vulnerability is exploitable from there.</summary>
    ReachableAndExploitable,

    /// <summary>Present, but no entry point reaches it in a way its attack vector allows.</summary>
    Theoretical,

    /// <summary>Fixed or not affected: nothing to exploit.</summary>
    Closed,
}

public sealed record FindingExposure
{
    public required string FindingId { get; init; }

    public required string AssetId { get; init; }

    public required string VulnerabilityId { get; init; }

    public required FindingVerdict Verdict { get; init; }

    /// <summary>Likelihood that exploitation succeeds once the service is reached (evidence × exploitability × match confidence).</summary>
    public double StepLikelihood { get; init; }

    /// <summary>Likelihood of the most likely path that ends in exploiting this finding; 0 when theoretical.</summary>
    public double PathLikelihood { get; init; }

    /// <summary>SSVC System Exposure from the graph: open (an internet entry point reaches it), controlled (another entry point does), small (none does).</summary>
    public SystemExposure Exposure { get; init; }

    public int EntryPointCount { get; init; }

    // Explanations, paths and SSVC are worked out when first read: a large plant has hundreds of thousands of findings
    // and a page shows fifty.
    internal Lazy<string>? ReasonSource { get; init; }

    internal Lazy<string>? StepWhySource { get; init; }

    internal Lazy<AttackPath?>? BestPathSource { get; init; }

    internal Lazy<IReadOnlyList<string>>? EntryPointIdsSource { get; init; }

    internal Lazy<SsvcAssessment>? SsvcSource { get; init; }

    /// <summary>Why the verdict: the path that reaches it, or what stops every path.</summary>
    public string Reason => ReasonSource?.Value ?? string.Empty;

    /// <summary>The step likelihood explained: which evidence, which CVSS metrics.</summary>
    public string StepWhy => StepWhySource?.Value ?? string.Empty;

    public AttackPath? BestPath => BestPathSource?.Value;

    public IReadOnlyList<string> EntryPointIds => EntryPointIdsSource?.Value ?? [];

    public SsvcAssessment Ssvc => SsvcSource?.Value ?? throw new InvalidOperationException("SSVC was not computed for this finding.");
}

public enum ExposureLevel
{
    None,
    Low,
    Medium,
    High,
    Critical,
}

public sealed record AssetExposure
{
    public required string AssetId { get; init; }

    public required ExposureLevel Level { get; init; }

    public bool Controllable { get; init; }

    public bool Manipulable { get; init; }

    /// <summary>Likelihood of the most likely path to control or manipulation, 0 when unreachable.</summary>
    public double Likelihood { get; init; }

    /// <summary>Impact weight used by the score: criticality × safety × crown-jewel factors.</summary>
    public double Weight { get; init; }

    public int EntryPointCount { get; init; }

    public required string Why { get; init; }
}

/// <summary>What one entry point reaches.</summary>
public sealed record EntryPointReach
{
    public required string EntryPointId { get; init; }

    public required string Name { get; init; }

    public required EntryPointKind Kind { get; init; }

    /// <summary>Probability an attacker holds this entry point, before any hop.</summary>
    public required double Likelihood { get; init; }

    public required string LikelihoodWhy { get; init; }

    /// <summary>True for an active access grant rather than a standing entry point.</summary>
    public bool IsAccessGrant { get; init; }

    public int AssetsReached { get; init; }

    public int CrownJewelsReached { get; init; }
}

/// <summary>The smallest set of things whose removal cuts every entry point off every crown jewel.</summary>
public sealed record ChokePoints
{
    /// <summary>False when no cut exists short of isolating a crown jewel itself (or the solver gave up; see <see cref="Explanation"/>).</summary>
    public required bool Cuttable { get; init; }

    /// <summary>True when the solver proved the set minimal.</summary>
    public required bool ProvenMinimal { get; init; }

    public required IReadOnlyList<CutElement> Elements { get; init; }

    public required string Explanation { get; init; }

    public static ChokePoints NothingToCut { get; } = new()
    {
        Cuttable = true,
        ProvenMinimal = true,
        Elements = [],
        Explanation = "No entry point reaches any crown jewel; there is nothing to cut.",
    };
}

public enum ElementKind
{
    /// <summary>Remove or disable an entry point (only vendor paths and access grants can be removed).</summary>
    EntryPoint,

    /// <summary>Block one service on one conduit.</summary>
    ConduitService,

    AllowRule,

    /// <summary>Stop an observed flow (enforce the policy it breaks).</summary>
    ObservedFlow,

    /// <summary>Isolate an asset from the network.</summary>
    Asset,

    /// <summary>Patch (or otherwise remove) one finding.</summary>
    Finding,
}

/// <summary>Something an action can take out of the attack graph.</summary>
/// <param name="Service">For a conduit service: the service, as written on the conduit.</param>
public sealed record CutElement(ElementKind Kind, string Id, string Name, ServiceEndpoint? Service = null)
{
    /// <summary>Unique key, e.g. "conduit-service:site.c.l3-to-l2/modbus:tcp/502".</summary>
    public string Key => Service is { } s ? $"{KindKey}:{Id}/{s}" : $"{KindKey}:{Id}";

    private string KindKey => Kind switch
    {
        ElementKind.EntryPoint => "entry-point",
        ElementKind.ConduitService => "conduit-service",
        ElementKind.AllowRule => "allow-rule",
        ElementKind.ObservedFlow => "flow",
        ElementKind.Asset => "asset",
        _ => "finding",
    };
}

public enum ScoreScope
{
    Overall,
    Site,
    Zone,
}

/// <summary>
/// 0–100: the impact-weighted mean likelihood that an attacker controls or manipulates an asset in the scope
/// (see docs/exposure.md for the formula).
/// </summary>
public sealed record ExposureScore(ScoreScope Scope, string? ScopeId, string Name, double Score, int Assets, int ReachableAssets, int ManipulableAssets, int ReachableFindings);
