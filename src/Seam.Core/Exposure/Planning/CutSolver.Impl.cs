using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;
using Seam.Exposure.Graph;

namespace Seam.Exposure.Planning;

public static partial class CutSolver
{
    /// <summary>CP-SAT may use at most this many threads: the machine is shared with the web server and other jobs.</summary>
    private const int MaxWorkers = 2;

    public static partial CutSolution MinimumCut(AttackGraph graph, IReadOnlyList<int> targetNodes, Func<int, long?> costOf, TimeSpan timeLimit) =>
        MinimumCut(graph, targetNodes, costOf, timeLimit, [], 0);

    internal static partial CutSolution MinimumCut(AttackGraph graph, IReadOnlyList<int> targetNodes, Func<int, long?> costOf, TimeSpan timeLimit,
        IReadOnlyCollection<int> hint, long lowerBound)
    {
        var cut = CutModel.Build(graph, targetNodes, costOf);
        if (cut.RelevantTargets.Count == 0)
        {
            return new CutSolution(true, true, [], 0, 0, "NothingReachable");
        }

        cut.Start(hint.ToHashSet(), lowerBound);

        foreach (var t in cut.RelevantTargets)
        {
            cut.Model.AddBoolOr([cut.Reached[t].Not()]);
        }

        // Among the cheapest cuts, the one with the fewest actions: fewer changes to make and to explain.
        // With one cost for every element the cheapest sets are the smallest already: no second search is needed.
        return cut.SolveLexicographic(cut.CostExpression(), cut.HasOneCost ? null : cut.CountExpression(), timeLimit, remainingWeight: _ => 0);
    }

    public static partial CutSolution BestWithinBudget(AttackGraph graph, IReadOnlyList<(int Node, long Weight)> targets, Func<int, long?> costOf,
        long budget, TimeSpan timeLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        foreach (var (_, weight) in targets)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(weight, nameof(targets));
        }

        var cut = CutModel.Build(graph, [.. targets.Select(t => t.Node)], costOf);
        var weightOf = new Dictionary<int, long>();
        foreach (var (node, weight) in targets)
        {
            weightOf[node] = weightOf.GetValueOrDefault(node) + weight;
        }

        var relevantWeights = cut.RelevantTargets.Where(t => weightOf[t] > 0).ToList();
        if (relevantWeights.Count == 0)
        {
            return new CutSolution(true, true, [], 0, 0, "NothingReachable");
        }

        cut.Model.Add(cut.CostExpression() <= budget);
        var remaining = LinearExpr.WeightedSum(relevantWeights.Select(t => (ILiteral)cut.Reached[t]), relevantWeights.Select(t => weightOf[t]));

        // Among the sets that leave the least weight reachable, the cheapest: money not needed is not spent.
        // The weight left is measured on the graph rather than read from r: a merely feasible answer may leave r at 1 where
        // nothing reaches any more.
        return cut.SolveLexicographic(remaining, cut.CostExpression(), timeLimit, remainingWeight: chosen =>
        {
            var cutOff = chosen.ToHashSet();
            var reach = GraphReach.Forward(graph, graph.SourceNodes, cutOff.Contains);
            return relevantWeights.Where(t => reach[t]).Sum(t => weightOf[t]);
        });
    }

    /// <summary>
    /// The CP-SAT model of "reachable unless cut" over the nodes between the sources and the targets: r_v is forced to 1
    /// whenever v is reachable with the chosen elements removed, so constraining or minimising the targets' r is exact.
    /// </summary>
    private sealed class CutModel
    {
        private readonly List<int> elementIds = [];
        private readonly List<BoolVar> removed = [];
        private readonly List<long> costs = [];

        private CutModel(CpModel model) => Model = model;

        public CpModel Model { get; }

        /// <summary>Per relevant node: true when the attacker may still get there.</summary>
        public Dictionary<int, BoolVar> Reached { get; } = [];

        public List<int> RelevantTargets { get; } = [];

        public static CutModel Build(AttackGraph graph, IReadOnlyList<int> targetNodes, Func<int, long?> costOf)
        {
            var cut = new CutModel(new CpModel());
            var targets = targetNodes.Where(t => t >= 0).Distinct().ToList();
            var relevant = GraphReach.Between(graph, targets);
            foreach (var t in targets)
            {
                if (relevant[t])
                {
                    cut.RelevantTargets.Add(t);
                }
            }

            if (cut.RelevantTargets.Count == 0)
            {
                return cut;
            }

            var removedOf = new Dictionary<int, BoolVar?>();
            BoolVar? RemovedVar(int node)
            {
                var e = graph.ElementOf(node);
                if (e < 0)
                {
                    return null;
                }

                if (!removedOf.TryGetValue(e, out var x))
                {
                    var cost = costOf(e);
                    if (cost is { } c)
                    {
                        ArgumentOutOfRangeException.ThrowIfNegative(c, nameof(costOf));
                        x = cut.Model.NewBoolVar("x" + e.ToString(CultureInfo.InvariantCulture));
                        cut.elementIds.Add(e);
                        cut.removed.Add(x);
                        cut.costs.Add(c);
                    }

                    removedOf[e] = x;
                }

                return x;
            }

            for (var v = 0; v < graph.NodeCount; v++)
            {
                if (relevant[v])
                {
                    cut.Reached[v] = cut.Model.NewBoolVar("r" + v.ToString(CultureInfo.InvariantCulture));
                    RemovedVar(v);
                }
            }

            foreach (var s in graph.SourceNodes)
            {
                if (!relevant[s])
                {
                    continue;
                }

                // r_s ≥ 1 − x_elem(s), as the clause r_s ∨ x_elem(s) (just r_s when the entry cannot be removed).
                cut.Model.AddBoolOr(RemovedVar(s) is { } x ? [cut.Reached[s], x] : [cut.Reached[s]]);
            }

            foreach (var (u, ru) in cut.Reached)
            {
                var (start, end) = graph.OutEdges(u);
                for (var edge = start; edge < end; edge++)
                {
                    var v = graph.Target(edge);
                    if (!relevant[v])
                    {
                        continue;
                    }

                    // r_v ≥ r_u − x_elem(v), as the clause ¬r_u ∨ r_v ∨ x_elem(v).
                    var rv = cut.Reached[v];
                    cut.Model.AddBoolOr(RemovedVar(v) is { } x ? [ru.Not(), rv, x] : [ru.Not(), rv]);
                }
            }

            return cut;
        }

        /// <summary>Hints the solver at <paramref name="hint"/> and bounds the cost from below.</summary>
        public void Start(HashSet<int> hint, long lowerBound)
        {
            if (hint.Count > 0)
            {
                for (var i = 0; i < removed.Count; i++)
                {
                    Model.AddHint(removed[i], hint.Contains(elementIds[i]));
                }
            }

            if (lowerBound > 0)
            {
                Model.Add(CostExpression() >= lowerBound);
            }
        }

        public LinearExpr CostExpression() => LinearExpr.WeightedSum(removed, costs);

        public bool HasOneCost => costs.All(c => c > 0 && c == costs[0]);

        public LinearExpr CountExpression() => LinearExpr.Sum(removed);

        /// <summary>Minimises <paramref name="primary"/>, then, with it held at its optimum, <paramref name="secondary"/> (when given).</summary>
        public CutSolution SolveLexicographic(LinearExpr primary, LinearExpr? secondary, TimeSpan timeLimit, Func<IReadOnlyList<int>, long> remainingWeight)
        {
            var clock = Stopwatch.StartNew();
            Model.Minimize(primary);
            var solver = NewSolver(timeLimit);
            var status = solver.Solve(Model);
            if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
            {
                if (status == CpSolverStatus.ModelInvalid)
                {
                    throw new InvalidOperationException($"CP-SAT rejected the cut model: {Model.Validate()}");
                }

                return new CutSolution(false, false, [], 0, 0, status.ToString());
            }

            var primaryOptimal = status == CpSolverStatus.Optimal;
            if (primaryOptimal && secondary is not null && clock.Elapsed < timeLimit)
            {
                var best = solver.Value(primary);
                foreach (var x in removed)
                {
                    Model.AddHint(x, solver.BooleanValue(x));
                }

                Model.Add(primary <= best);
                Model.Minimize(secondary);
                var second = NewSolver(timeLimit - clock.Elapsed);
                var secondStatus = second.Solve(Model);
                if (secondStatus is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
                {
                    solver = second;
                }
            }

            var chosen = new List<int>();
            long cost = 0;
            for (var i = 0; i < removed.Count; i++)
            {
                if (solver.BooleanValue(removed[i]))
                {
                    chosen.Add(elementIds[i]);
                    cost += costs[i];
                }
            }

            chosen.Sort();
            return new CutSolution(true, primaryOptimal, chosen, cost, remainingWeight(chosen), status.ToString());
        }

        private static CpSolver NewSolver(TimeSpan limit) => new()
        {
            StringParameters = string.Create(CultureInfo.InvariantCulture,
                $"num_workers:{MaxWorkers},max_time_in_seconds:{Math.Max(0.05, limit.TotalSeconds):0.###}"),
        };
    }
}
