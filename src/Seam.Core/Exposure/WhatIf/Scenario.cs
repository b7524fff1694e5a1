using Seam.Exposure.Model;
using Seam.Exposure.Ssvc;
using Seam.Inventory;

namespace Seam.Exposure.WhatIf;

/// <summary>A named list of changes to try on a copy of the model.</summary>
public sealed record Scenario(string Name, IReadOnlyList<ScenarioAction> Actions, string? Description = null);

/// <summary>One change a scenario makes. Each says in words what it does.</summary>
public abstract record ScenarioAction
{
    public abstract string Describe();
}

/// <summary>The finding is patched (or otherwise removed): it no longer gives control.</summary>
public sealed record PatchFinding(string FindingId) : ScenarioAction
{
    public override string Describe() => $"patch finding {FindingId}";
}

/// <summary>A conduit stops carrying a service; with no service given, the whole conduit is removed.</summary>
public sealed record BlockConduitService(string ConduitId, ServiceEndpoint? Service) : ScenarioAction
{
    public override string Describe() => Service is { } s ? $"block {s} on conduit {ConduitId}" : $"remove conduit {ConduitId}";
}

/// <summary>A remote-access path (or access grant) is removed.</summary>
public sealed record RemoveEntryPoint(string EntryPointId) : ScenarioAction
{
    public override string Describe() => $"remove entry point {EntryPointId}";
}

/// <summary>A remote-access path starts requiring MFA (and, optionally, becomes on-demand).</summary>
public sealed record RequireMfa(string EntryPointId, bool MakeOnDemand = false) : ScenarioAction
{
    public override string Describe() => MakeOnDemand ? $"require MFA on {EntryPointId} and make it on-demand" : $"require MFA on {EntryPointId}";
}

/// <summary>An asset is taken off the network: nothing reaches it and it reaches nothing.</summary>
public sealed record IsolateAsset(string AssetId) : ScenarioAction
{
    public override string Describe() => $"isolate asset {AssetId}";
}

public sealed record AddConduit(Conduit Conduit) : ScenarioAction
{
    public override string Describe() => $"add conduit {Conduit.Id} ({Conduit.FromZoneId} → {Conduit.ToZoneId}: {string.Join(", ", Conduit.Services)})";
}

public sealed record AddAsset(Asset Asset) : ScenarioAction
{
    public override string Describe() => $"add asset {Asset.Id} ({Asset.Kind}) in zone {Asset.ZoneId}";
}

public sealed record AddAllowRule(AllowRule Rule) : ScenarioAction
{
    public override string Describe() => $"allow {Rule.FromAssetId} → {Rule.ToAssetId} on {string.Join(", ", Rule.Services)}";
}

/// <summary>
/// A new solution (custom software, an AI tool, a cloud connector): its assets, the conduits it needs and its
/// host-level rules, brought in together — what governance prices when someone asks to install one.
/// </summary>
public sealed record AddSolution(string Name, IReadOnlyList<Asset> Assets, IReadOnlyList<Conduit> Conduits, IReadOnlyList<AllowRule> AllowRules,
    IReadOnlyList<EntryPoint> EntryPoints) : ScenarioAction
{
    public override string Describe() => $"add solution '{Name}' ({Assets.Count} asset(s), {Conduits.Count} conduit(s), {EntryPoints.Count} entry point(s))";
}

/// <summary>What a scenario changes, compared with the model as it stands.</summary>
public sealed record WhatIfResult
{
    public required Scenario Scenario { get; init; }

    public required ExposureScore ScoreBefore { get; init; }

    public required ExposureScore ScoreAfter { get; init; }

    public double ScoreChange => ScoreAfter.Score - ScoreBefore.Score;

    /// <summary>Crown-jewel paths (entry point → jewel) that exist before but not after.</summary>
    public required IReadOnlyList<PathChange> PathsRemoved { get; init; }

    public required IReadOnlyList<PathChange> PathsAdded { get; init; }

    public required IReadOnlyList<string> CrownJewelsNewlyReachable { get; init; }

    public required IReadOnlyList<string> CrownJewelsCutOff { get; init; }

    /// <summary>Findings whose verdict changes (e.g. reachable → theoretical).</summary>
    public required IReadOnlyList<VerdictChange> VerdictChanges { get; init; }

    public required IReadOnlyList<SsvcChange> SsvcChanges { get; init; }

    /// <summary>Assets whose exposure level changes.</summary>
    public required IReadOnlyList<LevelChange> LevelChanges { get; init; }

    public required string Summary { get; init; }
}

/// <summary>An entry point reaching (or no longer reaching) a crown jewel; <see cref="Path"/> is the most likely one.</summary>
public sealed record PathChange(string EntryPointId, string CrownJewelId, AttackPath Path);

public sealed record VerdictChange(string FindingId, string AssetId, string VulnerabilityId, FindingVerdict Before, FindingVerdict After);

public sealed record SsvcChange(string FindingId, string AssetId, string VulnerabilityId, CisaDecision CisaBefore, CisaDecision CisaAfter,
    DeployerDecision DeployerBefore, DeployerDecision DeployerAfter);

public sealed record LevelChange(string AssetId, ExposureLevel Before, ExposureLevel After);

/// <summary>A host-level allow rule is withdrawn.</summary>
public sealed record RemoveAllowRule(string RuleId) : ScenarioAction
{
    public override string Describe() => $"remove allow rule {RuleId}";
}

/// <summary>Traffic seen on the wire is stopped (the policy it breaks is enforced).</summary>
public sealed record StopObservedFlow(string FlowId) : ScenarioAction
{
    public override string Describe() => $"stop observed flow {FlowId}";
}
