using Seam.Exposure;
using Seam.Exposure.Graph;
using Seam.Exposure.Planning;

namespace Seam.Core.Tests.Exposure.Planning;

public sealed class CutSolverTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_chain_is_cut_at_its_cheapest_link()
    {
        var g = new TestGraph();
        var entry = g.Source();
        var a = g.Node("a", 5);
        var b = g.Node("b", 3);
        var target = g.Node();
        g.Edges(entry, a, b, target);

        var cut = CutSolver.MinimumCut(g.Build(), [target], g.CostOf, Limit);

        Assert.True(cut.Feasible);
        Assert.True(cut.Optimal);
        Assert.Equal(["b"], g.Names(cut.Elements));
        Assert.Equal(3, cut.Cost);
    }

    [Fact]
    public void Two_disjoint_paths_need_two_cuts()
    {
        var g = new TestGraph();
        var entry = g.Source();
        var a = g.Node("a", 1);
        var b = g.Node("b", 1);
        var target = g.Node();
        g.Edges(entry, a, target);
        g.Edges(entry, b, target);

        var cut = CutSolver.MinimumCut(g.Build(), [target], g.CostOf, Limit);

        Assert.Equal(["a", "b"], g.Names(cut.Elements));
        Assert.Equal(2, cut.Cost);
    }

    [Fact]
    public void An_element_owning_nodes_on_both_paths_is_paid_for_once()
    {
        // Conduit service "svc" has a node on each path (forward and reverse); blocking it once cuts both for 4,
        // cheaper than the two separate links (3 + 3).
        var g = new TestGraph();
        var entry = g.Source();
        var service = g.Element("svc", 4);
        var forward = g.NodeOf(service);
        var reverse = g.NodeOf(service);
        var left = g.Node("left", 3);
        var right = g.Node("right", 3);
        var target = g.Node();
        g.Edges(entry, forward, left, target);
        g.Edges(entry, reverse, right, target);

        var cut = CutSolver.MinimumCut(g.Build(), [target], g.CostOf, Limit);

        Assert.Equal(["svc"], g.Names(cut.Elements));
        Assert.Equal(4, cut.Cost);
    }

    [Fact]
    public void An_element_that_may_not_be_removed_forces_a_costlier_cut()
    {
        var g = new TestGraph();
        var entry = g.Source();
        var jewelPatch = g.Node("jewel-patch", cost: null);
        var conduit = g.Node("conduit", 10);
        var target = g.Node();
        g.Edges(entry, conduit, jewelPatch, target);

        var cut = CutSolver.MinimumCut(g.Build(), [target], g.CostOf, Limit);

        Assert.Equal(["conduit"], g.Names(cut.Elements));
        Assert.Equal(10, cut.Cost);
    }

    [Fact]
    public void A_removable_entry_point_can_itself_be_the_cut()
    {
        var g = new TestGraph();
        var vendor = g.Source("vendor-vpn", 2);
        var a = g.Node("a", 5);
        var target = g.Node();
        g.Edges(vendor, a, target);

        var cut = CutSolver.MinimumCut(g.Build(), [target], g.CostOf, Limit);

        Assert.Equal(["vendor-vpn"], g.Names(cut.Elements));
    }

    [Fact]
    public void A_target_wired_straight_to_a_fixed_entry_point_cannot_be_cut()
    {
        var g = new TestGraph();
        var internet = g.Source();
        var a = g.Node("a", 1);
        var target = g.Node();
        g.Edges(internet, a, target);
        g.Edges(internet, target);

        var cut = CutSolver.MinimumCut(g.Build(), [target], g.CostOf, Limit);

        Assert.False(cut.Feasible);
        Assert.Empty(cut.Elements);
        Assert.Equal("Infeasible", cut.SolverStatus);
    }

    [Fact]
    public void A_target_nothing_reaches_needs_no_cut()
    {
        var g = new TestGraph();
        var entry = g.Source();
        var a = g.Node("a", 1);
        var island = g.Node();
        g.Edges(entry, a);

        var cut = CutSolver.MinimumCut(g.Build(), [island], g.CostOf, Limit);

        Assert.True(cut.Feasible);
        Assert.True(cut.Optimal);
        Assert.Empty(cut.Elements);
    }

    [Fact]
    public void Within_a_budget_the_heaviest_target_is_cut_first()
    {
        var g = new TestGraph();
        var entry = g.Source();
        var a = g.Node("a", 5);
        var b = g.Node("b", 2);
        var c = g.Node("c", 2);
        var heavy = g.Node();
        var light1 = g.Node();
        var light2 = g.Node();
        g.Edges(entry, a, heavy);
        g.Edges(entry, b, light1);
        g.Edges(entry, c, light2);
        var graph = g.Build();
        (int, long)[] targets = [(heavy, 10), (light1, 3), (light2, 4)];

        var five = CutSolver.BestWithinBudget(graph, targets, g.CostOf, 5, Limit);
        var four = CutSolver.BestWithinBudget(graph, targets, g.CostOf, 4, Limit);
        var plenty = CutSolver.BestWithinBudget(graph, targets, g.CostOf, 1_000, Limit);

        Assert.Equal(["a"], g.Names(five.Elements));
        Assert.Equal(7, five.RemainingWeight);
        Assert.Equal(["b", "c"], g.Names(four.Elements));
        Assert.Equal(10, four.RemainingWeight);
        Assert.Equal(9, plenty.Cost);
        Assert.Equal(0, plenty.RemainingWeight);
        Assert.True(five.Optimal && four.Optimal && plenty.Optimal);
    }

    [Fact]
    public void Within_a_budget_no_money_is_spent_that_buys_nothing()
    {
        var g = new TestGraph();
        var entry = g.Source();
        var cheap = g.Node("cheap", 1);
        var dear = g.Node("dear", 7);
        var target = g.Node();
        g.Edges(entry, dear, cheap, target);

        var cut = CutSolver.BestWithinBudget(g.Build(), [(target, 5)], g.CostOf, 100, Limit);

        Assert.Equal(["cheap"], g.Names(cut.Elements));
        Assert.Equal(1, cut.Cost);
    }

    [Fact]
    public void Minimum_cuts_match_a_brute_force_search_on_random_small_graphs()
    {
        var random = new Random(20261122);
        var checkedFeasible = 0;
        for (var round = 0; round < 60; round++)
        {
            var sample = RandomGraph.Create(random);

            var cut = CutSolver.MinimumCut(sample.Graph, sample.Targets, sample.CostOf, Limit);
            var best = BruteForce.MinimumCut(sample);

            Assert.True(best.HasValue == cut.Feasible, $"round {round}: brute force says feasible={best.HasValue}, solver {cut.SolverStatus}");
            if (best is { } cost)
            {
                checkedFeasible++;
                Assert.True(cut.Optimal, $"round {round}: {cut.SolverStatus}");
                Assert.Equal(cost, cut.Cost);
                Assert.Equal(cost, cut.Elements.Sum(e => sample.CostOf(e)!.Value));
                Assert.Equal(0, BruteForce.ReachedWeight(sample, [.. cut.Elements], sample.Targets.Select(t => (t, 1L)).ToList()));
            }
        }

        // The generator must produce both kinds of case for the comparison to mean anything.
        Assert.InRange(checkedFeasible, 20, 59);
    }

    [Fact]
    public void Budgeted_cuts_match_a_brute_force_search_on_random_small_graphs()
    {
        var random = new Random(4_2026);
        for (var round = 0; round < 60; round++)
        {
            var sample = RandomGraph.Create(random);
            var targets = sample.Targets.Select(t => (t, (long)random.Next(1, 20))).ToList();
            var budget = random.Next(0, 15);

            var cut = CutSolver.BestWithinBudget(sample.Graph, targets, sample.CostOf, budget, Limit);
            var (bestWeight, bestCost) = BruteForce.BestWithinBudget(sample, targets, budget);

            Assert.True(cut.Optimal, $"round {round}: {cut.SolverStatus}");
            Assert.True(cut.Cost <= budget, $"round {round}: spent {cut.Cost} of {budget}");
            Assert.Equal(bestWeight, cut.RemainingWeight);
            Assert.Equal(bestWeight, BruteForce.ReachedWeight(sample, [.. cut.Elements], targets));
            Assert.Equal(bestCost, cut.Cost);
        }
    }

    /// <summary>Builds attack graphs by hand: every named node is its own element unless made with <see cref="NodeOf"/>.</summary>
    private sealed class TestGraph
    {
        private readonly AttackGraphBuilder builder = new();
        private readonly List<string> names = [];
        private readonly List<long?> costs = [];

        public int Element(string name, long? cost)
        {
            var index = builder.Element(new CutElement(ElementKind.ConduitService, name, name));
            names.Add(name);
            costs.Add(cost);
            return index;
        }

        public int NodeOf(int element) => builder.AddNode(NodeKind.ConduitService, 0, element);

        public int Node(string name, long? cost) => NodeOf(Element(name, cost));

        public int Node() => builder.AddNode(NodeKind.Control, 0);

        public int Source(string? name = null, long? cost = null)
        {
            var node = name is null ? builder.AddNode(NodeKind.Entry, 0) : builder.AddNode(NodeKind.Entry, 0, Element(name, cost));
            builder.AddSource(node, 1);
            return node;
        }

        public void Edges(params int[] chain)
        {
            for (var i = 0; i + 1 < chain.Length; i++)
            {
                builder.AddEdge(chain[i], chain[i + 1], 1, StepKind.Pass);
            }
        }

        public long? CostOf(int element) => costs[element];

        public AttackGraph Build() => builder.Build();

        public string[] Names(IEnumerable<int> elements) => [.. elements.Select(e => names[e]).Order(StringComparer.Ordinal)];
    }

    internal sealed record Sample(AttackGraph Graph, int[] Targets, long?[] Costs)
    {
        public long? CostOf(int element) => Costs[element];
    }

    /// <summary>Random graphs of 6–11 nodes with cycles, shared elements, unremovable elements and removable entries.</summary>
    private static class RandomGraph
    {
        public static Sample Create(Random random)
        {
            var builder = new AttackGraphBuilder();
            var elementCount = random.Next(2, 8);
            var costs = new long?[elementCount];
            for (var e = 0; e < elementCount; e++)
            {
                builder.Element(new CutElement(ElementKind.Asset, "e" + e, "e" + e));
                costs[e] = random.Next(5) == 0 ? null : random.Next(0, 10);
            }

            var nodes = random.Next(6, 12);
            for (var v = 0; v < nodes; v++)
            {
                builder.AddNode(NodeKind.NetworkReach, v, random.Next(4) == 0 ? -1 : random.Next(elementCount));
            }

            var sources = random.Next(1, 3);
            for (var s = 0; s < sources; s++)
            {
                builder.AddSource(s, 1);
            }

            var edges = random.Next(nodes, nodes * 3);
            for (var i = 0; i < edges; i++)
            {
                builder.AddEdge(random.Next(nodes), random.Next(sources, nodes), 1, StepKind.Pass);
            }

            var targets = Enumerable.Range(0, random.Next(1, 3)).Select(_ => random.Next(sources, nodes)).Distinct().ToArray();
            return new Sample(builder.Build(), targets, costs);
        }
    }

    /// <summary>The reference: try every subset of removable elements, with a reach check written independently of the solver.</summary>
    private static class BruteForce
    {
        public static long? MinimumCut(Sample sample)
        {
            long? best = null;
            var targets = sample.Targets.Select(t => (t, 1L)).ToList();
            foreach (var subset in Subsets(sample))
            {
                if (ReachedWeight(sample, subset, targets) == 0)
                {
                    var cost = subset.Sum(e => sample.Costs[e]!.Value);
                    best = best is { } b ? Math.Min(b, cost) : cost;
                }
            }

            return best;
        }

        public static (long Weight, long Cost) BestWithinBudget(Sample sample, IReadOnlyList<(int Node, long Weight)> targets, long budget)
        {
            var best = (Weight: long.MaxValue, Cost: long.MaxValue);
            foreach (var subset in Subsets(sample))
            {
                var cost = subset.Sum(e => sample.Costs[e]!.Value);
                if (cost > budget)
                {
                    continue;
                }

                var weight = ReachedWeight(sample, subset, targets);
                if (weight < best.Weight || (weight == best.Weight && cost < best.Cost))
                {
                    best = (weight, cost);
                }
            }

            return best;
        }

        public static long ReachedWeight(Sample sample, int[] removed, IReadOnlyList<(int Node, long Weight)> targets)
        {
            var graph = sample.Graph;
            bool Blocked(int v) => graph.ElementOf(v) >= 0 && removed.Contains(graph.ElementOf(v));
            var reached = new HashSet<int>();
            var stack = new Stack<int>(graph.SourceNodes.Where(s => !Blocked(s)));
            while (stack.TryPop(out var v))
            {
                if (!reached.Add(v))
                {
                    continue;
                }

                for (var e = graph.OutEdges(v).Start; e < graph.OutEdges(v).End; e++)
                {
                    var w = graph.Target(e);
                    if (!Blocked(w) && !reached.Contains(w))
                    {
                        stack.Push(w);
                    }
                }
            }

            return targets.Where(t => reached.Contains(t.Node)).Sum(t => t.Weight);
        }

        private static IEnumerable<int[]> Subsets(Sample sample)
        {
            var removable = Enumerable.Range(0, sample.Costs.Length).Where(e => sample.Costs[e] is not null).ToArray();
            for (var mask = 0; mask < 1 << removable.Length; mask++)
            {
                yield return [.. removable.Where((_, i) => (mask & (1 << i)) != 0)];
            }
        }
    }
}
