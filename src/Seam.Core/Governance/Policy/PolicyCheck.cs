using Seam.Governance.Requests;
using Seam.Inventory;

namespace Seam.Governance.Policy;

public enum PolicyGapKind
{
    /// <summary>A scenario on some part of the plant that no rule covers, or that only rules without any approver cover.</summary>
    NobodyApproves,

    TeamWithoutMembers,

    /// <summary>A team member who is not a user of Seam, so cannot act.</summary>
    UnknownMember,

    /// <summary>Two rules for the same scenario and the same scope that say different things.</summary>
    ContradictingRules,

    EscalationLoop,
}

/// <summary>One gap in a policy, with the rule line to look at when there is one.</summary>
public sealed record PolicyGap(PolicyGapKind Kind, string Message, int Line = 0)
{
    public override string ToString() => Line > 0 ? $"line {Line}: {Message}" : Message;
}

/// <summary>
/// Finds what a policy leaves open before a request runs into it: parts of the plant where nobody approves a
/// scenario, teams nobody is in, rules that contradict each other, and escalations that go round in a circle.
/// </summary>
public static class PolicyCheck
{
    /// <param name="sites">The plant's sites and zones, to look for uncovered parts; without them, Purdue levels stand for the plant.</param>
    /// <param name="users">User names that exist, to find members who cannot act; null to skip.</param>
    public static IReadOnlyList<PolicyGap> Check(DecisionRightsPolicy policy, InventoryModel? plant = null, IReadOnlySet<string>? users = null)
    {
        var gaps = new List<PolicyGap>();
        Uncovered(policy, plant, gaps);
        Members(policy, users, gaps);
        Contradictions(policy, gaps);
        EscalationLoops(policy, gaps);
        return gaps;
    }

    /// <summary>
    /// Each scenario against each zone (or each Purdue level without a plant), safety-relevant or not: covered when a
    /// rule with approvers applies to any asset there, whatever its kind and criticality.
    /// </summary>
    private static void Uncovered(DecisionRightsPolicy policy, InventoryModel? plant, List<PolicyGap> gaps)
    {
        var places = plant is { Zones.Count: > 0 }
            ? plant.Zones.Select(z => (Label: $"zone {z.Name} ({z.SiteId}, {z.Level.DisplayName()})", Site: z.SiteId, Zones: (IReadOnlyList<string>)[z.Id], z.Level)).ToList()
            : [.. PurdueLevels.All.Select(l => (Label: l.DisplayName(), Site: "*", Zones: (IReadOnlyList<string>)[], Level: l))];
        foreach (var scenario in DecisionScenarios.All)
        {
            foreach (var safety in new[] { false, true })
            {
                var open = places.Where(p => !policy.Rules.Any(r => r.Scenarios.Contains(scenario) && Approves(r, policy)
                    && UnconditionallyCovers(r.Scope, p.Site, p.Zones, p.Level, safety))).Select(p => p.Label).ToList();
                if (open.Count > 0)
                {
                    var hint = plant is null && policy.Rules.Any(r => r.Scenarios.Contains(scenario) && r.Scope.Sites.Count + r.Scope.Zones.Count > 0)
                        ? " (Rules for named sites or zones are only counted against a plant.)"
                        : string.Empty;
                    gaps.Add(new PolicyGap(PolicyGapKind.NobodyApproves,
                        $"{scenario.Key()} on {(safety ? "safety-relevant" : "other")} assets: no rule with approvers covers {Some(open)}; the seam owner would have to decide each one.{hint}"));
                }
            }
        }
    }

    private static bool Approves(DecisionRule rule, DecisionRightsPolicy policy) =>
        rule.Approvers.Teams.Count > 0 || policy.Team(rule.Responsible) is not null;

    /// <summary>True when the scope covers every asset of the place: no kind or criticality condition narrows it.</summary>
    private static bool UnconditionallyCovers(DecisionScope scope, string site, IReadOnlyList<string> zones, PurdueLevel level, bool safety) =>
        scope.AssetKinds.Count == 0 && scope.MinCriticality is null
        && (scope.SafetyRelevant is null || scope.SafetyRelevant == safety)
        && (scope.Sites.Count == 0 || (site != "*" && scope.Sites.Contains(site, StringComparer.Ordinal)))
        && (scope.Zones.Count == 0 || zones.Any(z => scope.Zones.Contains(z, StringComparer.Ordinal)))
        && (scope.PurdueLevels.Count == 0 || scope.PurdueLevels.Contains(level));

    private static void Members(DecisionRightsPolicy policy, IReadOnlySet<string>? users, List<PolicyGap> gaps)
    {
        foreach (var team in policy.Teams)
        {
            if (team.Members.Count == 0)
            {
                var role = team.Id == policy.SeamOwner ? " It is the seam owner: disagreements and escalations would wait for no one." : string.Empty;
                gaps.Add(new PolicyGap(PolicyGapKind.TeamWithoutMembers, $"team {team.Id} has no members, so nobody can act for it.{role}"));
                continue;
            }

            if (users is not null && team.Members.Where(m => !users.Contains(m)).ToList() is { Count: > 0 } unknown)
            {
                gaps.Add(new PolicyGap(PolicyGapKind.UnknownMember, $"team {team.Id}: {string.Join(", ", unknown)} {(unknown.Count == 1 ? "is not a Seam user" : "are not Seam users")} and cannot sign in to act."));
            }
        }
    }

    private static void Contradictions(DecisionRightsPolicy policy, List<PolicyGap> gaps)
    {
        var rules = policy.Rules;
        for (var i = 0; i < rules.Count; i++)
        {
            for (var j = i + 1; j < rules.Count; j++)
            {
                var (a, b) = (rules[i], rules[j]);
                var shared = a.Scenarios.Intersect(b.Scenarios).ToList();
                // A rule for fewer scenarios is the more specific one and leads; only equals can contradict.
                if (shared.Count == 0 || !a.Scope.SameAs(b.Scope) || a.Scenarios.Count != b.Scenarios.Count)
                {
                    continue;
                }

                var differences = new List<string>();
                if (a.Responsible != b.Responsible)
                {
                    differences.Add($"responsible {a.Responsible} vs {b.Responsible}");
                }

                if (a.Approvers.Mode != b.Approvers.Mode || !a.Approvers.Teams.ToHashSet().SetEquals(b.Approvers.Teams))
                {
                    differences.Add("different approvers");
                }

                if (a.Deadline != b.Deadline)
                {
                    differences.Add($"deadline {PolicyYaml.FormatDuration(a.Deadline)} vs {PolicyYaml.FormatDuration(b.Deadline)}");
                }

                if (a.EscalateTo != b.EscalateTo)
                {
                    differences.Add($"escalation to {a.EscalateTo ?? "(default)"} vs {b.EscalateTo ?? "(default)"}");
                }

                if (a.AllowFastLane != b.AllowFastLane)
                {
                    differences.Add("one allows the fast lane, the other does not");
                }

                var what = differences.Count == 0 ? "say the same thing twice" : "contradict each other: " + string.Join("; ", differences);
                gaps.Add(new PolicyGap(PolicyGapKind.ContradictingRules,
                    $"rules '{a.Id}' (line {a.Line}) and '{b.Id}' (line {b.Line}) cover {string.Join(", ", shared.Select(s => s.Key()))} on the same scope and {what}.", b.Line));
            }
        }
    }

    private static void EscalationLoops(DecisionRightsPolicy policy, List<PolicyGap> gaps)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in policy.Teams)
        {
            var chain = new List<string> { start.Id };
            for (var team = start; team.EscalatesTo is { } next;)
            {
                if (chain.Contains(next))
                {
                    var loop = chain[chain.IndexOf(next)..];
                    if (reported.Add(string.Join(">", loop.Order(StringComparer.Ordinal))))
                    {
                        gaps.Add(new PolicyGap(PolicyGapKind.EscalationLoop,
                            $"escalation goes round in a circle: {string.Join(" → ", loop.Append(next))}; an overdue decision would never reach anyone who settles it."));
                    }

                    break;
                }

                chain.Add(next);
                if (policy.Team(next) is not { } following)
                {
                    break;
                }

                team = following;
            }
        }

        foreach (var rule in policy.Rules.Where(r => r.EscalateTo is not null && r.EscalateTo == r.Responsible && r.Approvers.Teams.SequenceEqual([r.Responsible])))
        {
            gaps.Add(new PolicyGap(PolicyGapKind.EscalationLoop,
                $"rule '{rule.Id}' escalates an overdue decision back to {rule.Responsible}, the team that is already late with it.", rule.Line));
        }
    }

    private static string Some(List<string> items) =>
        items.Count <= 4 ? string.Join("; ", items) : $"{string.Join("; ", items.Take(4))} and {items.Count - 4} more";
}
