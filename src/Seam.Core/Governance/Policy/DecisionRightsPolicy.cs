using Seam.Inventory;

namespace Seam.Governance.Policy;

/// <summary>
/// Who decides what, as a versioned document: teams and their members, the seam owner who settles IT/OT conflicts,
/// which route each risk tier takes, and rules that give each scenario × scope its Responsible team, approvers,
/// consulted and informed parties, deadline and escalation. docs/governance.md describes the file.
/// </summary>
public sealed record DecisionRightsPolicy
{
    public required int Version { get; init; }

    /// <summary>The team that decides when IT and OT disagree, and where escalations end.</summary>
    public required string SeamOwner { get; init; }

    public required IReadOnlyList<PolicyTeam> Teams { get; init; }

    /// <summary>Which approver a joint sign-off adds when the matching rules name only one side.</summary>
    public string? DefaultItApprover { get; init; }

    public string? DefaultOtApprover { get; init; }

    public RouteTable Routes { get; init; } = RouteTable.Default;

    public required IReadOnlyList<DecisionRule> Rules { get; init; }

    public PolicyTeam? Team(string id) => Teams.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));
}

/// <summary>A team as the policy knows it: its side of the seam, the user names who act for it, and where its overdue decisions go.</summary>
public sealed record PolicyTeam(string Id, string Name, TeamSide Side, IReadOnlyList<string> Members, string? EscalatesTo = null);

public enum ApprovalMode
{
    /// <summary>Every listed team must approve.</summary>
    AllOf,

    /// <summary>One of the listed teams approving is enough.</summary>
    AnyOf,
}

/// <summary>Teams whose approval a rule requires.</summary>
public sealed record ApproverGroup(ApprovalMode Mode, IReadOnlyList<string> Teams)
{
    public static ApproverGroup None { get; } = new(ApprovalMode.AllOf, []);
}

/// <summary>The part of the plant a rule speaks for. An empty list or a null value means "any".</summary>
public sealed record DecisionScope
{
    public IReadOnlyList<string> Sites { get; init; } = [];

    public IReadOnlyList<string> Zones { get; init; } = [];

    public IReadOnlyList<PurdueLevel> PurdueLevels { get; init; } = [];

    public IReadOnlyList<AssetKind> AssetKinds { get; init; } = [];

    /// <summary>The rule applies when something touched has at least this criticality (1–5).</summary>
    public int? MinCriticality { get; init; }

    /// <summary>True: only when something safety-relevant is touched; false: only when nothing is.</summary>
    public bool? SafetyRelevant { get; init; }

    public static DecisionScope Everything { get; } = new();

    /// <summary>How many constraints the scope sets; the more, the more specific the rule.</summary>
    public int Specificity =>
        (Sites.Count > 0 ? 1 : 0) + (Zones.Count > 0 ? 1 : 0) + (PurdueLevels.Count > 0 ? 1 : 0) + (AssetKinds.Count > 0 ? 1 : 0)
        + (MinCriticality is null ? 0 : 1) + (SafetyRelevant is null ? 0 : 1);

    /// <summary>Same constraints, whatever their order.</summary>
    public bool SameAs(DecisionScope other) =>
        Sites.ToHashSet().SetEquals(other.Sites) && Zones.ToHashSet().SetEquals(other.Zones) && PurdueLevels.ToHashSet().SetEquals(other.PurdueLevels)
        && AssetKinds.ToHashSet().SetEquals(other.AssetKinds) && MinCriticality == other.MinCriticality && SafetyRelevant == other.SafetyRelevant;
}

/// <summary>One row of the decision-rights matrix.</summary>
/// <param name="Line">Where the rule starts in the policy file (1-based), so a check can point at it; 0 when built in code.</param>
public sealed record DecisionRule(
    string Id,
    IReadOnlyList<DecisionScenario> Scenarios,
    DecisionScope Scope,
    string Responsible,
    ApproverGroup Approvers,
    IReadOnlyList<string> Consulted,
    IReadOnlyList<string> Informed,
    TimeSpan Deadline,
    string? EscalateTo,
    bool AllowFastLane = true,
    int Line = 0);

/// <summary>How a request is decided.</summary>
public enum Route
{
    /// <summary>Approved on submission; the informed parties are told and a post-implementation review is due.</summary>
    FastLane,

    /// <summary>The matching rules' approvers decide.</summary>
    SingleOwner,

    /// <summary>IT and OT each record their view; both must approve, and a disagreement goes to the seam owner.</summary>
    JointItOt,

    /// <summary>IT and OT record their views and the seam owner decides.</summary>
    SeamOwner,
}

/// <summary>The route each risk tier takes.</summary>
public sealed record RouteTable(Route Low, Route Medium, Route High, Route Critical)
{
    public static RouteTable Default { get; } = new(Route.FastLane, Route.SingleOwner, Route.JointItOt, Route.SeamOwner);

    public Route For(RiskTier tier) => tier switch
    {
        RiskTier.Low => Low,
        RiskTier.Medium => Medium,
        RiskTier.High => High,
        _ => Critical,
    };
}

public enum RiskTier
{
    Low,
    Medium,
    High,
    Critical,
}
