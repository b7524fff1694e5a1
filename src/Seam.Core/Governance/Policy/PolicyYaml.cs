using System.Globalization;
using Seam.Inventory;
using Seam.Yaml;
using YamlDotNet.RepresentationModel;

namespace Seam.Governance.Policy;

/// <summary>The outcome of reading a policy file: the policy, or every problem found (never both).</summary>
public sealed record PolicyParseResult(DecisionRightsPolicy? Policy, IReadOnlyList<YamlProblem> Problems)
{
    public bool Succeeded => Policy is not null && Problems.Count == 0;
}

/// <summary>
/// Reads a decision-rights policy written in YAML (docs/governance.md). Every problem names the file, line and column
/// and says what was expected; team references are checked against the file's own teams.
/// </summary>
public static class PolicyYaml
{
    private const string RootExpected = "a policy with 'version', 'seam-owner', 'teams' and 'rules'";

    public static PolicyParseResult Parse(string text, string fileName)
    {
        var problems = new YamlProblems(fileName);
        if (problems.LoadSingleDocument(text, RootExpected) is not { } root)
        {
            return new PolicyParseResult(null, problems.All);
        }

        if (root is not YamlMappingNode mapping)
        {
            problems.Add(root, $"expected {RootExpected}");
            return new PolicyParseResult(null, problems.All);
        }

        var policy = new Reader(problems).Read(mapping);
        return problems.All.Count == 0 ? new PolicyParseResult(policy, []) : new PolicyParseResult(null, problems.All);
    }

    /// <summary>Reads "3d", "48h", "90m" or "2w".</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var t = text.Trim().ToLowerInvariant();
        if (t.Length < 2 || !double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return false;
        }

        duration = t[^1] switch
        {
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            'w' => TimeSpan.FromDays(7 * amount),
            _ => TimeSpan.Zero,
        };
        return duration > TimeSpan.Zero;
    }

    public static string FormatDuration(TimeSpan duration) =>
        duration.TotalDays >= 1 && duration.TotalDays == Math.Floor(duration.TotalDays) ? $"{duration.TotalDays:0}d"
        : duration.TotalHours == Math.Floor(duration.TotalHours) ? $"{duration.TotalHours:0}h"
        : $"{duration.TotalMinutes:0}m";

    private sealed class Reader(YamlProblems problems)
    {
        private readonly List<(string Id, YamlNode Node, string What)> references = [];

        public DecisionRightsPolicy? Read(YamlMappingNode mapping)
        {
            var map = new YamlMap(problems, mapping, "the policy", ["version", "seam-owner", "default-approvers", "teams", "routes", "rules"]);
            var version = map.Int("version", 1, int.MaxValue);
            if (!map.Has("version"))
            {
                map.Fail(mapping, "the policy: 'version' is required: a whole number that goes up with every change");
            }

            var seamOwner = map.Text("seam-owner", required: true);
            if (seamOwner is not null)
            {
                references.Add((seamOwner, map.At("seam-owner"), "the seam owner"));
            }

            string? defaultIt = null, defaultOt = null;
            if (map.Mapping("default-approvers", "it and ot: the teams a joint sign-off adds for a side no rule names") is { } defaults)
            {
                var d = new YamlMap(problems, defaults, "default-approvers", ["it", "ot"]);
                defaultIt = Reference(d, "it", "default-approvers: it");
                defaultOt = Reference(d, "ot", "default-approvers: ot");
            }

            var teams = Teams(map.Sequence("teams", required: true));
            var routes = map.Mapping("routes", "low, medium, high and critical, each fast-lane, single-owner, joint or seam-owner") is { } r
                ? Routes(r)
                : RouteTable.Default;
            var rules = Rules(map.Sequence("rules", required: true));

            var teamIds = teams.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var (id, node, what) in references)
            {
                if (!teamIds.Contains(id))
                {
                    problems.Add(node, $"{what}: no team '{id}' in 'teams'; expected one of {Some(teamIds)}");
                }
            }

            SidesOfDefaults(teams, defaultIt, defaultOt, map);
            if (problems.All.Count > 0 || version is null || seamOwner is null)
            {
                return null;
            }

            return new DecisionRightsPolicy
            {
                Version = version.Value,
                SeamOwner = seamOwner,
                Teams = teams,
                DefaultItApprover = defaultIt,
                DefaultOtApprover = defaultOt,
                Routes = routes,
                Rules = rules,
            };
        }

        private void SidesOfDefaults(List<PolicyTeam> teams, string? it, string? ot, YamlMap map)
        {
            if (it is not null && teams.FirstOrDefault(t => t.Id == it) is { Side: not TeamSide.It and not TeamSide.Joint } itTeam)
            {
                map.Fail(map.At("default-approvers"), $"default-approvers: 'it' names {itTeam.Id}, a team on the {itTeam.Side} side; expected an IT team");
            }

            if (ot is not null && teams.FirstOrDefault(t => t.Id == ot) is { Side: not TeamSide.Ot and not TeamSide.Joint } otTeam)
            {
                map.Fail(map.At("default-approvers"), $"default-approvers: 'ot' names {otTeam.Id}, a team on the {otTeam.Side} side; expected an OT team");
            }
        }

        private List<PolicyTeam> Teams(YamlSequenceNode? sequence)
        {
            var teams = new List<PolicyTeam>();
            if (sequence is null)
            {
                return teams;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var what = $"team {i + 1}";
                if (sequence.Children[i] is not YamlMappingNode node)
                {
                    problems.Add(sequence.Children[i], $"{what}: expected id, name, side, members and an optional escalates-to");
                    continue;
                }

                var map = new YamlMap(problems, node, what, ["id", "name", "side", "members", "escalates-to"]);
                var id = map.Text("id", required: true);
                if (id is not null && !seen.Add(id))
                {
                    map.Fail(map.At("id"), $"{what}: a team '{id}' is already defined; team ids must be unique");
                }

                var side = map.Enum("side", TeamSide.Joint, "it, ot, joint or vendor");
                if (!map.Has("side"))
                {
                    map.Fail(node, $"{what}: 'side' is required: it, ot, joint or vendor");
                }

                var escalatesTo = Reference(map, "escalates-to", $"{what}: escalates-to");
                if (id is not null && !map.Failed)
                {
                    teams.Add(new PolicyTeam(id, map.Text("name") ?? id, side, map.Texts("members"), escalatesTo));
                }
            }

            return teams;
        }

        private RouteTable Routes(YamlMappingNode node)
        {
            var map = new YamlMap(problems, node, "routes", ["low", "medium", "high", "critical"]);
            const string expected = "fast-lane, single-owner, joint or seam-owner";
            Route Read(string key, Route fallback)
            {
                if (map.Text(key) is not { } text)
                {
                    return fallback;
                }

                if (text.Equals("joint", StringComparison.OrdinalIgnoreCase))
                {
                    return Route.JointItOt;
                }

                return YamlMap.TryEnum<Route>(text, out var route) ? route : Fail(key, text);
            }

            Route Fail(string key, string text)
            {
                map.Fail(map.At(key), $"routes: '{key}' is '{text}': expected {expected}");
                return RouteTable.Default.For(Enum.Parse<RiskTier>(key, ignoreCase: true));
            }

            var d = RouteTable.Default;
            var table = new RouteTable(Read("low", d.Low), Read("medium", d.Medium), Read("high", d.High), Read("critical", d.Critical));
            if (table.Critical == Route.FastLane)
            {
                map.Fail(map.At("critical"), "routes: 'critical' cannot be fast-lane: a critical request always needs a decision by people");
            }

            return table;
        }

        private List<DecisionRule> Rules(YamlSequenceNode? sequence)
        {
            var rules = new List<DecisionRule>();
            if (sequence is null)
            {
                return rules;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var what = $"rule {i + 1}";
                if (sequence.Children[i] is not YamlMappingNode node)
                {
                    problems.Add(sequence.Children[i], $"{what}: expected id, scenarios, scope, responsible, approvers, consulted, informed, deadline, escalate-to");
                    continue;
                }

                var map = new YamlMap(problems, node, what,
                    ["id", "scenarios", "scope", "responsible", "approvers", "consulted", "informed", "deadline", "escalate-to", "fast-lane"]);
                var id = map.Text("id", required: true);
                if (id is not null)
                {
                    what = $"rule '{id}'";
                    if (!seen.Add(id))
                    {
                        map.Fail(map.At("id"), $"{what}: a rule with this id is already defined; rule ids must be unique");
                    }
                }

                var scenarios = Scenarios(map, what);
                var scope = map.Mapping("scope", "sites, zones, purdue-levels, asset-kinds, min-criticality, safety-relevant") is { } s
                    ? Scope(s, what)
                    : DecisionScope.Everything;
                var responsible = Reference(map, "responsible", $"{what}: responsible", required: true);
                var approvers = Approvers(map, what);
                var consulted = References(map, "consulted", $"{what}: consulted");
                var informed = References(map, "informed", $"{what}: informed");
                var deadline = TimeSpan.FromDays(5);
                if (map.Text("deadline", required: true) is { } d && !TryParseDuration(d, out deadline))
                {
                    map.Fail(map.At("deadline"), $"{what}: deadline '{d}' is not a duration: expected a positive number with m, h, d or w, such as 3d or 48h");
                }

                var escalateTo = Reference(map, "escalate-to", $"{what}: escalate-to");
                var fastLane = map.Bool("fast-lane") ?? true;
                if (id is not null && responsible is not null && !map.Failed)
                {
                    rules.Add(new DecisionRule(id, scenarios, scope, responsible, approvers, consulted, informed, deadline, escalateTo, fastLane,
                        (int)node.Start.Line));
                }
            }

            return rules;
        }

        private static List<DecisionScenario> Scenarios(YamlMap map, string what)
        {
            var scenarios = new List<DecisionScenario>();
            var listed = map.TextList("scenarios");
            if (listed.Count == 0)
            {
                map.Fail(map.Node, $"{what}: 'scenarios' is required: expected {DecisionScenarios.Expected}");
            }

            foreach (var (text, node) in listed)
            {
                if (DecisionScenarios.TryParse(text, out var found))
                {
                    scenarios.AddRange(found.Where(f => !scenarios.Contains(f)));
                }
                else
                {
                    map.Fail(node, $"{what}: '{text}' is not a scenario: expected {DecisionScenarios.Expected}");
                }
            }

            return scenarios;
        }

        private DecisionScope Scope(YamlMappingNode node, string what)
        {
            var map = new YamlMap(problems, node, $"{what}: scope", ["sites", "zones", "purdue-levels", "asset-kinds", "min-criticality", "safety-relevant"]);
            var levels = new List<PurdueLevel>();
            foreach (var (text, at) in map.TextList("purdue-levels"))
            {
                if (PurdueLevels.TryParse(text, out var level))
                {
                    levels.Add(level.Value);
                }
                else
                {
                    map.Fail(at, $"{what}: scope: '{text}' is not a Purdue level: expected 0, 1, 2, 3, 3.5, 4 or 5");
                }
            }

            var kinds = new List<AssetKind>();
            foreach (var (text, at) in map.TextList("asset-kinds"))
            {
                if (AssetKinds.TryParse(text, out var kind))
                {
                    kinds.Add(kind.Value);
                }
                else
                {
                    map.Fail(at, $"{what}: scope: '{text}' is not {AssetKinds.Expected}");
                }
            }

            return new DecisionScope
            {
                Sites = map.Texts("sites"),
                Zones = map.Texts("zones"),
                PurdueLevels = levels,
                AssetKinds = kinds,
                MinCriticality = map.Int("min-criticality", 1, 5),
                SafetyRelevant = map.Bool("safety-relevant"),
            };
        }

        private ApproverGroup Approvers(YamlMap rule, string what)
        {
            if (rule.Mapping("approvers", "all-of or any-of with a list of teams") is not { } node)
            {
                return ApproverGroup.None;
            }

            var map = new YamlMap(problems, node, $"{what}: approvers", ["all-of", "any-of"]);
            if (map.Has("all-of") == map.Has("any-of"))
            {
                map.Fail(node, $"{what}: approvers: expected exactly one of all-of or any-of, with a list of teams");
                return ApproverGroup.None;
            }

            var key = map.Has("all-of") ? "all-of" : "any-of";
            var teams = References(map, key, $"{what}: approvers");
            if (teams.Count == 0)
            {
                map.Fail(map.At(key), $"{what}: approvers: '{key}' lists no team; leave 'approvers' out for a rule nobody needs to approve");
            }

            return new ApproverGroup(key == "all-of" ? ApprovalMode.AllOf : ApprovalMode.AnyOf, teams);
        }

        private string? Reference(YamlMap map, string key, string what, bool required = false)
        {
            var id = map.Text(key, required);
            if (id is not null)
            {
                references.Add((id, map.At(key), what));
            }

            return id;
        }

        private List<string> References(YamlMap map, string key, string what)
        {
            var ids = new List<string>();
            foreach (var (id, node) in map.TextList(key))
            {
                references.Add((id, node, what));
                ids.Add(id);
            }

            return ids;
        }

        private static string Some(IEnumerable<string> ids)
        {
            var list = ids.Order(StringComparer.Ordinal).ToList();
            return list.Count == 0 ? "(none defined)" : string.Join(", ", list.Take(8)) + (list.Count > 8 ? ", …" : string.Empty);
        }
    }
}
