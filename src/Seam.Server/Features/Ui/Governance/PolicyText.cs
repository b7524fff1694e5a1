using Seam.Governance.Policy;
using Seam.Governance.Requests;
using Seam.Inventory;

namespace Seam.Server.Features.Ui.Governance;

/// <summary>The words the governance pages use for policy parts, so the matrix, the request pages and the editor agree.</summary>
public static class PolicyText
{
    /// <summary>"sites plant-01 · zones cell-3 · levels 1, 2 · criticality ≥ 4 · safety-relevant only", or "everywhere".</summary>
    public static string Scope(DecisionScope scope)
    {
        var parts = new List<string>();
        if (scope.Sites.Count > 0)
        {
            parts.Add((scope.Sites.Count == 1 ? "site " : "sites ") + string.Join(", ", scope.Sites));
        }

        if (scope.Zones.Count > 0)
        {
            parts.Add((scope.Zones.Count == 1 ? "zone " : "zones ") + string.Join(", ", scope.Zones));
        }

        if (scope.PurdueLevels.Count > 0)
        {
            parts.Add("levels " + string.Join(", ", scope.PurdueLevels.Order().Select(l => l.ToNumber())));
        }

        if (scope.AssetKinds.Count > 0)
        {
            parts.Add(string.Join(", ", scope.AssetKinds.Select(k => k.DisplayName())));
        }

        if (scope.MinCriticality is { } c)
        {
            parts.Add($"criticality ≥ {c}");
        }

        if (scope.SafetyRelevant is { } safety)
        {
            parts.Add(safety ? "safety-relevant only" : "not safety-relevant");
        }

        return parts.Count == 0 ? "everywhere" : string.Join(" · ", parts);
    }

    /// <summary>"all of: ot-engineering, it-security", "any of: …", or "its Responsible team decides".</summary>
    public static string Approvers(ApproverGroup group) =>
        group.Teams.Count == 0 ? "Responsible decides"
        : group.Teams.Count == 1 ? group.Teams[0]
        : (group.Mode == ApprovalMode.AllOf ? "all of: " : "any of: ") + string.Join(", ", group.Teams);

    public static string Mode(ApprovalMode mode) => mode == ApprovalMode.AllOf ? "all of" : "any of";

    public static string Route(Seam.Governance.Policy.Route route) => RequestRouter.Describe(route);

    public static string Tier(RiskTier tier) => tier.ToString().ToLowerInvariant();

    public static string Side(TeamSide side) => side switch
    {
        TeamSide.It => "IT",
        TeamSide.Ot => "OT",
        TeamSide.Joint => "joint",
        _ => "vendor",
    };

    public static string Duration(TimeSpan span) => PolicyYaml.FormatDuration(span);

    /// <summary>Where a rule's overdue decisions go: the rule's own target, else its Responsible team's, else the seam owner.</summary>
    public static string Escalation(DecisionRule rule, DecisionRightsPolicy policy) =>
        rule.EscalateTo ?? policy.Team(rule.Responsible)?.EscalatesTo ?? policy.SeamOwner;

    public static string Gap(PolicyGapKind kind) => kind switch
    {
        PolicyGapKind.NobodyApproves => "nobody approves",
        PolicyGapKind.TeamWithoutMembers => "team without members",
        PolicyGapKind.UnknownMember => "unknown member",
        PolicyGapKind.ContradictingRules => "contradicting rules",
        _ => "escalation loop",
    };
}
