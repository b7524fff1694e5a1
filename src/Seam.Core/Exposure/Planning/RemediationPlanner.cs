using System.Globalization;
using Seam.Exposure.Graph;
using Seam.Exposure.WhatIf;
using Seam.Inventory;

namespace Seam.Exposure.Planning;

/// <summary>
/// Turns the attack graph's elements into costed candidate actions (<see cref="CandidateActions"/>), picks the best set
/// with <see cref="CutSolver"/> and orders it by when each action can happen. Pure: the analysis is read, never changed.
/// </summary>
public static class RemediationPlanner
{
    private static readonly TimeSpan ChokePointTimeLimit = TimeSpan.FromSeconds(10);

    /// <summary>The cheapest (or, within a budget, the most effective) set of actions, in the order they can be done.</summary>
    /// <exception cref="ArgumentException">The goal is <see cref="PlanGoal.MostExposureWithinBudget"/> and no budget is given.</exception>
    public static RemediationPlan Plan(ExposureAnalysis baseline, PlanRequest request, IReadOnlyList<MaintenanceWindow> windows) =>
        Plan(baseline, request, windows, ScoreAfter);

    /// <summary>
    /// The overall score a what-if of the plan would report: the scenario applied to a copy of the input and analysed
    /// again. Only the score is needed, so the what-if's comparison (paths, SSVC changes) is not computed.
    /// </summary>
    private static double ScoreAfter(ExposureAnalysis baseline, Scenario scenario) =>
        ExposureEngine.Analyze(ScenarioApplier.Apply(baseline.Input, scenario), withChokePoints: false).Report.Overall.Score;

    /// <param name="scoreAfter">The overall score once a scenario is applied; tests on hand-built analyses give their own.</param>
    internal static RemediationPlan Plan(ExposureAnalysis baseline, PlanRequest request, IReadOnlyList<MaintenanceWindow> windows,
        Func<ExposureAnalysis, Scenario, double> scoreAfter)
    {
        if (request.Goal == PlanGoal.MostExposureWithinBudget && request.Budget is null)
        {
            throw new ArgumentException("A plan for the most exposure within a budget needs a budget.", nameof(request));
        }

        var exposure = baseline.Graph;
        var graph = exposure.Graph;
        var index = exposure.Index;
        var candidates = CandidateActions.For(exposure, request.Costs ?? new PlanCosts());
        long? CostOf(int e) => candidates[e] is { } c ? Units(c.Cost) : null;

        var jewels = Enumerable.Range(0, index.Assets.Count).Where(a => index.Assets[a].IsCrownJewel).ToList();
        var jewelTargets = exposure.CrownJewelTargets();
        var targets = request.Goal == PlanGoal.CutCrownJewels
            ? [.. jewelTargets.Select(t => (Node: t, Weight: 1L))]
            : ExposureTargets(baseline);

        var relevant = GraphReach.Between(graph, targets.Select(t => t.Node));
        var weightBefore = targets.Where(t => relevant[t.Node]).Sum(t => t.Weight);
        var candidateCount = Enumerable.Range(0, graph.NodeCount).Where(v => relevant[v]).Select(graph.ElementOf)
            .Where(e => e >= 0 && candidates[e] is not null).Distinct().Count();

        CutSolution solution;
        var fellBack = false;
        if (request.Goal == PlanGoal.CutCrownJewels)
        {
            solution = CutSolver.MinimumCut(graph, jewelTargets, CostOf, request.SolverTimeLimit);
            if (!solution.Feasible)
            {
                // No allowed set cuts every jewel: cut as many jewel connections as can be cut, at the least cost.
                fellBack = true;
                var everything = candidates.Sum(c => c is null ? 0 : Units(c.Cost));
                solution = CutSolver.BestWithinBudget(graph, targets, CostOf, everything, request.SolverTimeLimit);
            }
        }
        else
        {
            solution = CutSolver.BestWithinBudget(graph, targets, CostOf, Units(request.Budget!.Value, up: false), request.SolverTimeLimit);
        }

        var chosen = solution.Elements.ToHashSet();
        var after = GraphReach.Forward(graph, graph.SourceNodes, chosen.Contains);
        var stillReached = jewels.Where(a => NodesOf(exposure, [a]).Any(v => after[v])).ToList();
        var steps = Steps(exposure, baseline.Report.CrownJewels, solution.Elements, candidates, jewels, windows, request.Now);
        var scoreBefore = baseline.Report.Overall.Score;
        var score = steps.Count == 0 ? scoreBefore : scoreAfter(baseline, ToScenario(request.Goal, steps));

        return new RemediationPlan
        {
            Goal = request.Goal,
            Budget = request.Budget,
            Steps = steps,
            CutsEveryCrownJewel = stillReached.Count == 0,
            ProvenOptimal = solution.Optimal,
            ScoreBefore = scoreBefore,
            ScoreAfter = score,
            CandidateCount = candidateCount,
            Explanation = Explain(request, exposure, steps, solution, candidateCount, stillReached, fellBack, relevant, jewelTargets, weightBefore, scoreBefore, score),
        };
    }

    /// <summary>
    /// The fewest network changes (conduit services, removable entry points, allow rules, observed flows, isolation of
    /// assets that are not crown jewels) that cut every entry point off <paramref name="jewelTargets"/>. Patches are not
    /// choke points: they close one vulnerability, not a path.
    /// </summary>
    public static ChokePoints ChokePoints(ExposureGraph graph, IReadOnlyList<int> jewelTargets)
    {
        var g = graph.Graph;
        var networkCut = NetworkCuts(graph);
        var cut = ChokePointSolver.Solve(g, jewelTargets, e => networkCut[e], ChokePointTimeLimit);
        if (cut == ChokePointCut.NothingReachable)
        {
            return Exposure.ChokePoints.NothingToCut;
        }

        if (!cut.Cuttable)
        {
            var uncut = UncuttablePairs(graph, [.. jewelTargets.Where(t => t >= 0)], e => networkCut[e]);
            return new ChokePoints
            {
                Cuttable = false,
                ProvenMinimal = false,
                Elements = [],
                Explanation = "No set of network changes cuts every entry point off every crown jewel: even with every conduit service "
                    + "blocked, every removable entry point, allow rule and observed flow removed and every other asset isolated, "
                    + $"{JoinSome(uncut, 6)} still connect. Only patching or redesigning the zone itself helps there.",
            };
        }

        var count = cut.Elements.Count;
        const int Shown = 12;
        // Only the first few are put in words: describing a conduit service looks through every observed flow.
        var words = cut.Elements.Take(Shown).Select(e => Describe(g.Elements[e], graph.Index)).ToList();
        var list = count <= Shown ? Join(words, "; ") : string.Join("; ", words) + $" and {count - Shown} more";
        return new ChokePoints
        {
            Cuttable = true,
            ProvenMinimal = cut.ProvenMinimal,
            Elements = [.. cut.Elements.Select(e => g.Elements[e])],
            Explanation = $"{count} change{(count == 1 ? string.Empty : "s")} cut every entry point off every crown jewel: "
                + $"{list}. {WhyMinimal(cut)}",
        };
    }

    /// <summary>The proof in words: the disjoint attack paths (each needs a change of its own), and CP-SAT where they fall short.</summary>
    private static string WhyMinimal(ChokePointCut cut)
    {
        var paths = cut.DisjointPaths == 1
            ? "there is an attack path from an entry point to a crown jewel, so at least one change is needed"
            : $"{cut.DisjointPaths} attack paths from entry points to crown jewels have no changeable step in common (no shared conduit "
                + $"service, rule, flow, removable entry point or isolable asset), so each needs a change of its own and no fewer than {cut.DisjointPaths} changes can cut them all";
        if (cut.ProvenMinimal && cut.PartsSolvedByCpSat == 0)
        {
            return $"Proved minimal: {paths}.";
        }

        var parts = cut.PartsSolvedByCpSat == 1 ? "one part of the network" : $"{cut.PartsSolvedByCpSat} parts of the network";
        return cut.ProvenMinimal
            ? $"Proved minimal: {paths}; where paths share a changeable step ({parts}), CP-SAT proved that no smaller set does."
            : $"Not proved minimal: {paths}, but CP-SAT did not finish within {ChokePointTimeLimit.TotalSeconds:0} s on {parts} where paths share changeable steps.";
    }

    /// <summary>
    /// Per element, whether a network change removes it (<see cref="IsNetworkCut"/>), read from the kind of node each
    /// element removes so that the graph's finding and asset elements are not made just to be classified.
    /// </summary>
    internal static bool[] NetworkCuts(ExposureGraph exposure)
    {
        var graph = exposure.Graph;
        var cuts = new bool[graph.Elements.Count];
        for (var v = 0; v < graph.NodeCount; v++)
        {
            if (graph.ElementOf(v) is not (var e and >= 0))
            {
                continue;
            }

            cuts[e] = graph.KindOf(v) switch
            {
                NodeKind.ConduitService or NodeKind.AllowRule or NodeKind.ObservedFlow or NodeKind.TrustedRoute => true,
                NodeKind.Entry => exposure.Index.Entries[graph.SubjectOf(v)].IsRemovable,
                NodeKind.Control or NodeKind.Manipulate or NodeKind.NetworkReach or NodeKind.IcsReach => !exposure.Index.Assets[graph.SubjectOf(v)].IsCrownJewel,
                _ => false,
            };
        }

        return cuts;
    }

    internal static bool IsNetworkCut(CutElement element, ModelIndex index) => element.Kind switch
    {
        ElementKind.ConduitService or ElementKind.AllowRule or ElementKind.ObservedFlow => true,
        ElementKind.EntryPoint => index.EntryIndex.TryGetValue(element.Id, out var e) && index.Entries[e].IsRemovable,
        ElementKind.Asset => index.AssetIndex.TryGetValue(element.Id, out var a) && !index.Assets[a].IsCrownJewel,
        _ => false,
    };

    /// <summary>"entry → asset" pairs still connected when every element <paramref name="removable"/> allows is removed.</summary>
    private static List<string> UncuttablePairs(ExposureGraph graph, IReadOnlyList<int> targets, Func<int, bool> removable)
    {
        var g = graph.Graph;
        var pairs = new List<string>();
        foreach (var s in g.SourceNodes)
        {
            var reach = GraphReach.Forward(g, [s], removable);
            foreach (var asset in targets.Where(t => reach[t]).Select(g.SubjectOf).Distinct())
            {
                pairs.Add($"{graph.Index.Entries[g.SubjectOf(s)].Name} → {graph.Index.Assets[asset].Name}");
            }
        }

        return [.. pairs.Distinct()];
    }

    private static string Describe(CutElement element, ModelIndex index) =>
        CandidateActions.For(element, index, new PlanCosts())?.Title is { } title ? char.ToLowerInvariant(title[0]) + title[1..] : element.Name;

    /// <summary>Every asset's control and manipulation, weighted round(100 × the asset's impact weight).</summary>
    private static List<(int Node, long Weight)> ExposureTargets(ExposureAnalysis baseline)
    {
        var exposure = baseline.Graph;
        var targets = new List<(int, long)>();
        foreach (var row in baseline.Report.Assets)
        {
            var weight = (long)Math.Round(100 * row.Weight, MidpointRounding.AwayFromZero);
            if (weight > 0 && exposure.Index.AssetIndex.TryGetValue(row.AssetId, out var a))
            {
                targets.AddRange(NodesOf(exposure, [a]).Select(v => (v, weight)));
            }
        }

        return targets;
    }

    private static IEnumerable<int> NodesOf(ExposureGraph exposure, IEnumerable<int> assets) =>
        assets.SelectMany(a => new[] { exposure.ControlNode[a], exposure.ManipulateNode[a] }).Where(v => v >= 0);

    /// <summary>Money in whole currency units for the solver: costs round up (never cheaper than stated), budgets down.</summary>
    private static long Units(decimal amount, bool up = true) => (long)(up ? decimal.Ceiling(amount) : decimal.Floor(amount));

    private static List<PlannedStep> Steps(ExposureGraph exposure, IReadOnlyList<CrownJewelStatus> jewelRows, IReadOnlyList<int> chosen, CandidateAction?[] candidates, IReadOnlyList<int> jewels,
        IReadOnlyList<MaintenanceWindow> windows, DateTimeOffset now)
    {
        var slots = chosen.Select(e => (Element: e, Action: candidates[e]!, Slot: Slot(candidates[e]!, windows, now)))
            .OrderBy(s => s.Slot.Rank).ThenBy(s => s.Slot.When ?? DateTimeOffset.MaxValue).ThenBy(s => s.Action.Cost)
            .ThenBy(s => s.Action.Title, StringComparer.Ordinal).ToList();
        var stepOf = slots.Select((s, i) => (s.Element, Order: i + 1)).ToDictionary(x => x.Element, x => x.Order);
        var paths = new PathsCut(exposure, jewels);
        var through = chosen.ToDictionary(e => e, e => paths.Through(e).ToHashSet());
        return
        [
            .. slots.Select((s, i) => new PlannedStep
            {
                Order = i + 1,
                Action = s.Action,
                When = s.Slot.When,
                WindowId = s.Slot.Window?.Id,
                WindowName = s.Slot.Window?.Name,
                Why = WhatItCuts(paths, s.Element, through, stepOf, jewels) + MostLikelyPaths(s.Action.Element, jewelRows) + " " + s.Slot.Why,
            }),
        ];
    }

    private sealed record TimeSlot(int Rank, DateTimeOffset? When, MaintenanceWindow? Window, string Why);

    /// <summary>Now when no window is needed; else the earliest next start of a window covering the action's line (site-wide ones cover every line).</summary>
    private static TimeSlot Slot(CandidateAction action, IReadOnlyList<MaintenanceWindow> windows, DateTimeOffset now)
    {
        var vendor = action.NeedsVendorApproval ? " Get the vendor's approval before then." : string.Empty;
        if (!action.NeedsMaintenanceWindow)
        {
            return new TimeSlot(0, now, null, "It can be done now: it needs no maintenance window.");
        }

        var next = windows
            .Where(w => action.SiteId is not null && w.Covers(action.SiteId, action.ProcessLine) && w.WeekOfMonth is null or (>= 1 and <= 5))
            .Select(w => (Window: w, Start: w.NextStart(now)))
            .OrderBy(w => w.Start).ThenBy(w => w.Window.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        if (next.Window is null)
        {
            var where = action.ProcessLine is null ? $"site {action.SiteId}" : $"{action.ProcessLine} at site {action.SiteId}";
            return new TimeSlot(2, null, null, $"It needs a maintenance window, but none covers {where}: agree one with operations.{vendor}");
        }

        return new TimeSlot(1, next.Start, next.Window,
            $"It needs a maintenance window: {next.Window.Name}, starting {next.Start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.{vendor}");
    }

    /// <param name="through">Per chosen element: the entry → jewel connections it lies on.</param>
    private static string WhatItCuts(PathsCut paths, int element, Dictionary<int, HashSet<(int Source, int Jewel)>> through, Dictionary<int, int> stepOf,
        IReadOnlyList<int> jewels)
    {
        var alone = new List<string>();
        var together = new List<string>();
        foreach (var pair in through[element])
        {
            var words = $"{paths.EntryName(pair.Source)} → {paths.AssetName(pair.Jewel)}";
            if (paths.SeversAlone(element, pair))
            {
                alone.Add(words);
                continue;
            }

            var partners = through.Where(t => t.Key != element && t.Value.Contains(pair)).Select(t => stepOf[t.Key]).Order().ToList();
            together.Add(partners.Count == 0 ? words : $"{words} (with step{(partners.Count == 1 ? string.Empty : "s")} {string.Join(", ", partners)})");
        }

        var parts = new List<string>();
        if (alone.Count > 0)
        {
            parts.Add($"Cuts {JoinSome(alone, 6)}.");
        }

        if (together.Count > 0)
        {
            parts.Add($"Helps cut {JoinSome(together, 6)}.");
        }

        var others = paths.AssetsBehind(element).Where(a => !jewels.Contains(a)).Select(paths.AssetName).ToList();
        if (others.Count > 0)
        {
            parts.Add($"Also on the attack paths to {others.Count} asset{(others.Count == 1 ? string.Empty : "s")}{(others.Count == 1 ? " that is not a crown jewel" : " that are not crown jewels")} ({JoinSome(others, 5)}).");
        }

        return parts.Count == 0 ? "Lies on no remaining attack path to a crown jewel." : string.Join(" ", parts);
    }

    /// <summary>" It breaks the most likely path to SIS-1 (from vendor-vpn, likelihood 0.45)." for every jewel whose reported path uses the element.</summary>
    private static string MostLikelyPaths(CutElement element, IReadOnlyList<CrownJewelStatus> jewels)
    {
        var broken = jewels.Where(j => j.MostLikelyPath is { } path && Uses(path, element))
            .Select(j => string.Create(CultureInfo.InvariantCulture, $"{j.Name} (from {j.MostLikelyPath!.EntryPointName}, likelihood {j.Likelihood:0.##})"))
            .ToList();
        return broken.Count == 0 ? string.Empty
            : $" It breaks the most likely path{(broken.Count == 1 ? string.Empty : "s")} to {JoinSome(broken, 5)}.";
    }

    private static bool Uses(AttackPath path, CutElement element) => element.Kind switch
    {
        ElementKind.EntryPoint => path.EntryPointId == element.Id,
        ElementKind.Finding => path.Hops.Any(h => h.FindingId == element.Id),
        ElementKind.ConduitService => path.Hops.Any(h => h.ViaId == element.Id && h.Service == element.Service),
        ElementKind.AllowRule or ElementKind.ObservedFlow => path.Hops.Any(h => h.ViaId == element.Id && h.Kind is HopKind.Reach or HopKind.TrustedSession),
        ElementKind.Asset => path.Hops.Any(h => h.AssetId == element.Id),
        _ => false,
    };

    private static Scenario ToScenario(PlanGoal goal, IReadOnlyList<PlannedStep> steps) => new(
        $"Remediation plan ({(goal == PlanGoal.CutCrownJewels ? "cut the crown jewels" : "most exposure within budget")})",
        [.. steps.Select(s => ToAction(s.Action.Element))],
        "Every step of the plan applied at once.");

    private static ScenarioAction ToAction(CutElement element) => element.Kind switch
    {
        ElementKind.Finding => new PatchFinding(element.Id),
        ElementKind.ConduitService => new BlockConduitService(element.Id, element.Service),
        ElementKind.EntryPoint => new RemoveEntryPoint(element.Id),
        ElementKind.Asset => new IsolateAsset(element.Id),
        ElementKind.AllowRule => new RemoveAllowRule(element.Id),
        _ => new StopObservedFlow(element.Id),
    };

    private static string Explain(PlanRequest request, ExposureGraph exposure, IReadOnlyList<PlannedStep> steps, CutSolution solution, int candidateCount,
        IReadOnlyList<int> stillReached, bool fellBack, bool[] relevant, IReadOnlyList<int> jewelTargets, long weightBefore, double scoreBefore, double scoreAfter)
    {
        var names = exposure.Index.Assets;
        var goal = request.Goal == PlanGoal.CutCrownJewels
            ? "Goal: cut every entry point off every crown jewel at the least operational cost."
            : $"Goal: remove the most impact-weighted exposure a budget of {CandidateActions.Money(request.Budget!.Value)} buys.";
        if (!jewelTargets.Any(t => relevant[t]) && request.Goal == PlanGoal.CutCrownJewels)
        {
            return $"{goal} No entry point reaches any crown jewel, so there is nothing to do.";
        }

        if (steps.Count == 0 && solution.RemainingWeight == 0 && !fellBack)
        {
            return $"{goal} Nothing is reachable that the plan could cut; there is nothing to do.";
        }

        var proof = solution.Optimal
            ? request.Goal == PlanGoal.CutCrownJewels && !fellBack
                ? "CP-SAT proved that no cheaper set does it"
                : fellBack
                    ? "CP-SAT proved that no allowed set cuts more of the crown jewels' reach, nor as much for less"
                    : "CP-SAT proved that no set within the budget leaves less exposure"
            : $"CP-SAT found this within {request.SolverTimeLimit.TotalSeconds:0} s but did not prove it optimal ({solution.SolverStatus})";
        var total = CandidateActions.Money(steps.Sum(s => s.Action.Cost));
        var chosen = steps.Count == 0
            ? "the solver chose no action"
            : $"the solver chose {steps.Count} action{(steps.Count == 1 ? string.Empty : "s")} costing {total} in all ({JoinSome([.. steps.Select(s => s.Action.Title)], 5, "; ")})";
        var now = steps.Count(s => s.WindowId is null && s.When is not null);
        var unscheduled = steps.Count(s => s.When is null);
        var windowed = steps.Count - now - unscheduled;
        List<string> when =
        [
            .. now > 0 ? [$"{now} can be done now"] : Array.Empty<string>(),
            .. windowed > 0 ? [$"{windowed} wait{(windowed == 1 ? "s" : string.Empty)} for a maintenance window"] : Array.Empty<string>(),
            .. unscheduled > 0 ? [$"{unscheduled} need{(unscheduled == 1 ? "s" : string.Empty)} a window nobody has agreed yet"] : Array.Empty<string>(),
        ];
        var timing = when.Count == 0 ? string.Empty : Join(when) + ". ";
        var outcome = stillReached.Count == 0
            ? "Once done, no entry point reaches any crown jewel"
            : $"Once done, {JoinSome([.. stillReached.Select(a => names[a].Name)], 5)} can still be reached"
                + (fellBack ? " — no allowed action cuts them off (an entry point that cannot be removed reaches them through things that cannot be changed)" : string.Empty);
        var weight = request.Goal == PlanGoal.MostExposureWithinBudget && weightBefore > 0
            ? string.Create(CultureInfo.InvariantCulture,
                $"; impact-weighted exposure left: {solution.RemainingWeight} of {weightBefore} ({100.0 * (weightBefore - solution.RemainingWeight) / weightBefore:0}% removed; weight = 100 × asset weight, counted for control and for manipulation)")
            : string.Empty;
        return $"{goal} Of {candidateCount} candidate actions on the attack paths, {chosen}; {proof}. {timing}{outcome}{weight}. "
            + $"Exposure score {scoreBefore.ToString("0.#", CultureInfo.InvariantCulture)} → {scoreAfter.ToString("0.#", CultureInfo.InvariantCulture)}.";
    }

    /// <summary>At most <paramref name="max"/> items in words, then how many more: big plants have long lists.</summary>
    private static string JoinSome(IReadOnlyList<string> items, int max, string separator = ", ") =>
        items.Count <= max ? Join(items, separator) : string.Join(separator, items.Take(max)) + $" and {items.Count - max} more";

    private static string Join(IReadOnlyList<string> items, string separator = ", ") => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(separator, items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
