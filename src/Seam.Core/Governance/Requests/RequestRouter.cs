using Seam.Governance.Policy;
using Seam.Inventory;

namespace Seam.Governance.Requests;

/// <summary>A sign-off a request needs: every listed team (all-of) or one of them (any-of).</summary>
/// <param name="Rule">The rule that asks for it, or a note such as "default OT approver for a joint sign-off".</param>
public sealed record ApprovalRequirement(ApprovalMode Mode, IReadOnlyList<string> Teams, string Rule);

/// <summary>Where a request goes and why, from the policy, its scenario, its footprint and its risk tier.</summary>
public sealed record RoutingDecision
{
    public required Route Route { get; init; }

    public required RiskAssessment Risk { get; init; }

    public required IReadOnlyList<string> MatchedRules { get; init; }

    public required string Responsible { get; init; }

    public required IReadOnlyList<ApprovalRequirement> Approvals { get; init; }

    public required IReadOnlyList<string> Consulted { get; init; }

    public required IReadOnlyList<string> Informed { get; init; }

    public required TimeSpan Deadline { get; init; }

    /// <summary>The team an overdue decision goes to.</summary>
    public required string EscalateTo { get; init; }

    public required string SeamOwner { get; init; }

    /// <summary>The side of the seam each approver team is on, as the policy said when the request was routed.</summary>
    public IReadOnlyDictionary<string, TeamSide> Sides { get; init; } = new Dictionary<string, TeamSide>();

    public required string ForIt { get; init; }

    public required string ForOt { get; init; }
}

/// <summary>
/// Routes a request by the decision-rights policy. Every rule whose scope covers part of what the request touches
/// applies: their approvers all sign off, consulted and informed parties add up, the shortest deadline counts, and
/// the most specific rule (the most scope conditions, then the fewest scenarios) names the Responsible team and the escalation. The risk tier picks the route; a rule can
/// keep its requests out of the fast lane.
/// </summary>
public static class RequestRouter
{
    /// <summary>Used when no rule covers a request: the seam owner decides within this time.</summary>
    public static readonly TimeSpan UncoveredDeadline = TimeSpan.FromDays(2);

    public static RoutingDecision Route(DecisionRightsPolicy policy, DecisionScenario scenario, RequestFootprint footprint)
    {
        var risk = RiskAssessment.Of(footprint);
        var matching = policy.Rules.Where(r => r.Scenarios.Contains(scenario) && Covers(r.Scope, footprint)).ToList();
        if (matching.Count == 0)
        {
            return new RoutingDecision
            {
                Route = Policy.Route.SeamOwner,
                Risk = risk,
                MatchedRules = [],
                Responsible = policy.SeamOwner,
                Approvals = [new ApprovalRequirement(ApprovalMode.AllOf, [policy.SeamOwner], "no rule covers this request")],
                Consulted = [],
                Informed = [],
                Deadline = UncoveredDeadline,
                EscalateTo = policy.SeamOwner,
                SeamOwner = policy.SeamOwner,
                ForIt = $"No rule of policy v{policy.Version} covers {scenario.Key()} here, so the seam owner ({policy.SeamOwner}) decides. Risk: {risk.Why}",
                ForOt = $"Nobody is named for this kind of work on this part of the plant yet; the seam owner ({policy.SeamOwner}) decides.",
            };
        }

        var lead = matching.OrderByDescending(r => r.Scope.Specificity).ThenBy(r => r.Scenarios.Count).First();
        var route = policy.Routes.For(risk.Tier);
        var why = new List<string> { $"risk {risk.Why.TrimEnd('.')}", $"tier {risk.Tier} takes the {Describe(route)} route" };
        if (route == Policy.Route.FastLane && matching.FirstOrDefault(r => !r.AllowFastLane) is { } keeps)
        {
            route = Policy.Route.SingleOwner;
            why.Add($"rule '{keeps.Id}' keeps its requests out of the fast lane, so {Describe(route)}");
        }

        var approvals = route == Policy.Route.FastLane ? [] : Approvals(policy, matching, lead);
        if (route == Policy.Route.SingleOwner && SpansBothSides(policy, approvals))
        {
            route = Policy.Route.JointItOt;
            why.Add("the approvers come from both IT and OT, so they sign off jointly");
        }

        if (route is Policy.Route.JointItOt or Policy.Route.SeamOwner)
        {
            AddMissingSide(policy, approvals, TeamSide.It, policy.DefaultItApprover, why);
            AddMissingSide(policy, approvals, TeamSide.Ot, policy.DefaultOtApprover, why);
        }

        var escalateTo = lead.EscalateTo ?? policy.Team(lead.Responsible)?.EscalatesTo ?? policy.SeamOwner;
        var deadline = matching.Min(r => r.Deadline);
        var informed = matching.SelectMany(r => r.Informed).Distinct(StringComparer.Ordinal).ToList();
        return new RoutingDecision
        {
            Route = route,
            Risk = risk,
            MatchedRules = [.. matching.Select(r => r.Id)],
            Responsible = lead.Responsible,
            Approvals = approvals,
            Consulted = [.. matching.SelectMany(r => r.Consulted).Distinct(StringComparer.Ordinal)],
            Informed = informed,
            Deadline = deadline,
            EscalateTo = escalateTo,
            SeamOwner = policy.SeamOwner,
            Sides = approvals.SelectMany(a => a.Teams).Distinct(StringComparer.Ordinal)
                .ToDictionary(t => t, t => policy.Team(t)?.Side ?? TeamSide.Joint, StringComparer.Ordinal),
            ForIt = $"Rules {string.Join(", ", matching.Select(r => r.Id))} of policy v{policy.Version} apply; {string.Join("; ", why)}. "
                + $"Decision due within {PolicyYaml.FormatDuration(deadline)}, then it escalates to {escalateTo}.",
            ForOt = route switch
            {
                Policy.Route.FastLane => $"Low risk: it goes ahead without waiting; {(informed.Count == 0 ? "no one needs telling" : string.Join(", ", informed) + " are told")}, and a review follows the work.",
                Policy.Route.SingleOwner => $"{string.Join(" and ", approvals.SelectMany(a => a.Teams).Distinct())} decide{(approvals.Count == 1 && approvals[0].Teams.Count == 1 ? "s" : string.Empty)}; {lead.Responsible} does the work.",
                Policy.Route.JointItOt => "IT and OT both sign off; if they disagree, the seam owner decides.",
                _ => $"High stakes: IT and OT give their views and the seam owner ({policy.SeamOwner}) decides.",
            },
        };
    }

    /// <summary>True when the scope covers some part of what the request touches.</summary>
    public static bool Covers(DecisionScope scope, RequestFootprint footprint) =>
        (scope.Sites.Count == 0 || scope.Sites.Contains(footprint.SiteId, StringComparer.Ordinal))
        && (scope.Zones.Count == 0 || scope.Zones.Intersect(footprint.ZoneIds, StringComparer.Ordinal).Any())
        && (scope.PurdueLevels.Count == 0 || scope.PurdueLevels.Intersect(footprint.PurdueLevels).Any())
        && (scope.AssetKinds.Count == 0 || scope.AssetKinds.Intersect(footprint.AssetKinds).Any())
        && (scope.MinCriticality is not { } min || footprint.MaxCriticality >= min)
        && (scope.SafetyRelevant is not { } safety || footprint.SafetyRelevant == safety);

    public static string Describe(Route route) => route switch
    {
        Policy.Route.FastLane => "fast-lane",
        Policy.Route.SingleOwner => "single-owner",
        Policy.Route.JointItOt => "joint IT + OT",
        _ => "seam-owner",
    };

    private static List<ApprovalRequirement> Approvals(DecisionRightsPolicy policy, List<DecisionRule> matching, DecisionRule lead)
    {
        var approvals = new List<ApprovalRequirement>();
        foreach (var rule in matching.Where(r => r.Approvers.Teams.Count > 0))
        {
            if (!approvals.Any(a => a.Mode == rule.Approvers.Mode && a.Teams.SequenceEqual(rule.Approvers.Teams)))
            {
                approvals.Add(new ApprovalRequirement(rule.Approvers.Mode, rule.Approvers.Teams, rule.Id));
            }
        }

        if (approvals.Count == 0)
        {
            // Rules that name no approvers leave the decision with the team that is responsible for the work.
            approvals.Add(new ApprovalRequirement(ApprovalMode.AllOf, [lead.Responsible], $"{lead.Id} (responsible team)"));
        }

        return approvals;
    }

    /// <summary>True when IT and OT must both approve.</summary>
    private static bool SpansBothSides(DecisionRightsPolicy policy, List<ApprovalRequirement> approvals)
    {
        var required = RequiredSides(policy, approvals);
        return required.Contains(TeamSide.It) && required.Contains(TeamSide.Ot);
    }

    /// <summary>The sides whose approval the requirements make necessary: an any-of group either side can satisfy adds none.</summary>
    private static HashSet<TeamSide?> RequiredSides(DecisionRightsPolicy policy, List<ApprovalRequirement> approvals)
    {
        var required = new HashSet<TeamSide?>();
        foreach (var approval in approvals)
        {
            var sides = approval.Teams.Select(t => policy.Team(t)?.Side).Distinct().ToList();
            if (approval.Mode == ApprovalMode.AllOf)
            {
                required.UnionWith(sides);
            }
            else if (sides.Count == 1)
            {
                required.Add(sides[0]);
            }
        }

        return required;
    }

    private static void AddMissingSide(DecisionRightsPolicy policy, List<ApprovalRequirement> approvals, TeamSide side, string? fallback, List<string> why)
    {
        if (RequiredSides(policy, approvals).Contains(side))
        {
            return;
        }

        var team = fallback ?? policy.Teams.FirstOrDefault(t => t.Side == side)?.Id;
        if (team is null)
        {
            why.Add($"the policy has no {side} team to add for a joint sign-off");
            return;
        }

        approvals.Add(new ApprovalRequirement(ApprovalMode.AllOf, [team], $"default {side} approver for a joint sign-off"));
        why.Add($"{team} signs off for {side.ToString().ToUpperInvariant()}, as the policy's default {side} approver");
    }
}
