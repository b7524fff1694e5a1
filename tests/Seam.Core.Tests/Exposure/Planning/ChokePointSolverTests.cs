using Seam.Exposure;
using Seam.Exposure.Graph;
using Seam.Exposure.Planning;

namespace Seam.Core.Tests.Exposure.Planning;

public sealed class ChokePointSolverTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Fact]
    public void Two_flow_paths_through_two_nodes_of_one_element_need_only_that_element()
    {
        // A conduit service's forward node lies on one path and its reverse node on the other: the flow sees two
        // nodes, but blocking the service once cuts both.
        var g = new ElementGraph();
        var entry = g.Source();
        var service = g.Element("svc", removable: true);
        var (forward, reverse) = (g.NodeOf(service), g.NodeOf(service));
        var target = g.Node();
        g.Edges(entry, forward, target);
        g.Edges(entry, reverse, target);

        var cut = ChokePointSolver.Solve(g.Build(), [target], g.IsRemovable, Limit);

        Assert.True(cut.Cuttable);
        Assert.True(cut.ProvenMinimal);
        Assert.Equal(["svc"], g.Names(cut.Elements));
        Assert.Equal(1, cut.DisjointPaths);
        Assert.Equal(0, cut.PartsSolvedByCpSat);
    }

    [Fact]
    public void When_the_flow_cut_is_not_the_smallest_CP_SAT_finds_the_shared_element()
    {
        // Entry → {a, b} → {x1, x2, x3} → target, x1..x3 the three nodes of one element X. The node cut {a, b} (2)
        // is smaller than {x1, x2, x3} (3), but X alone is one change. Every pair of paths shares X, so the paths
        // prove only 1 < 2: CP-SAT decides.
        var g = new ElementGraph();
        var entry = g.Source();
        var (a, b) = (g.Node("a"), g.Node("b"));
        var x = g.Element("x", removable: true);
        int[] xs = [g.NodeOf(x), g.NodeOf(x), g.NodeOf(x)];
        var target = g.Node();
        foreach (var xi in xs)
        {
            g.Edges(entry, a, xi, target);
            g.Edges(entry, b, xi);
        }

        var cut = ChokePointSolver.Solve(g.Build(), [target], g.IsRemovable, Limit);

        Assert.True(cut.ProvenMinimal);
        Assert.Equal(["x"], g.Names(cut.Elements));
        Assert.Equal(1, cut.PartsSolvedByCpSat);
        Assert.Equal(1, cut.DisjointPaths);
    }

    [Fact]
    public void Paths_that_share_no_element_prove_the_cut_without_CP_SAT()
    {
        var g = new ElementGraph();
        var (internet, vendor) = (g.Source(), g.Source("vendor", removable: true));
        var (c1, c2) = (g.Node("c1"), g.Node("c2"));
        var (jewel1, jewel2) = (g.Node(), g.Node());
        g.Edges(internet, c1, jewel1);
        g.Edges(internet, c2, jewel2);
        g.Edges(vendor, jewel2);

        var cut = ChokePointSolver.Solve(g.Build(), [jewel1, jewel2], g.IsRemovable, Limit);

        Assert.True(cut.ProvenMinimal);
        Assert.Equal(["c1", "c2", "vendor"], g.Names(cut.Elements));
        Assert.Equal(3, cut.DisjointPaths);
        Assert.Equal(0, cut.PartsSolvedByCpSat);
    }

    [Fact]
    public void Separate_sites_are_solved_as_separate_parts_and_an_element_spanning_both_joins_them()
    {
        var g = new ElementGraph();
        var (e1, e2, e3) = (g.Source(), g.Source(), g.Source());
        var shared = g.Element("shared", removable: true);
        var (t1, t2, t3) = (g.Node(), g.Node(), g.Node());
        g.Edges(e1, g.NodeOf(shared), t1);
        g.Edges(e2, g.NodeOf(shared), t2);
        g.Edges(e3, g.Node("own"), t3);

        var cut = ChokePointSolver.Solve(g.Build(), [t1, t2, t3], g.IsRemovable, Limit);

        Assert.Equal(2, cut.Parts);
        Assert.Equal(["own", "shared"], g.Names(cut.Elements));
        Assert.True(cut.ProvenMinimal);
    }

    [Fact]
    public void A_target_reached_only_through_fixed_nodes_cannot_be_cut()
    {
        var g = new ElementGraph();
        var entry = g.Source();
        var fixedHop = g.Node("patch-only", removable: false);
        var target = g.Node();
        g.Edges(entry, g.Node("c"), target);
        g.Edges(entry, fixedHop, target);

        var cut = ChokePointSolver.Solve(g.Build(), [target], g.IsRemovable, Limit);

        Assert.False(cut.Cuttable);
        Assert.False(cut.ProvenMinimal);
        Assert.Empty(cut.Elements);
    }

    [Fact]
    public void A_target_nothing_reaches_needs_no_cut()
    {
        var g = new ElementGraph();
        var entry = g.Source();
        var island = g.Node();
        g.Edges(entry, g.Node("c"));

        var cut = ChokePointSolver.Solve(g.Build(), [island], g.IsRemovable, Limit);

        Assert.Same(ChokePointCut.NothingReachable, cut);
    }

    [Fact]
    public void Choke_points_match_the_CP_SAT_minimum_on_random_graphs_with_multi_node_elements()
    {
        var random = new Random(20261124);
        var (compared, uncuttable, byCpSat) = (0, 0, 0);
        for (var round = 0; round < 300; round++)
        {
            var (graph, targets, removable) = RandomGraph(random);

            var cut = ChokePointSolver.Solve(graph, targets, e => removable[e], Limit);
            var oracle = CutSolver.MinimumCut(graph, targets, e => removable[e] ? 1 : null, Limit);

            Assert.True(oracle.Feasible == cut.Cuttable, $"round {round}: CP-SAT feasible={oracle.Feasible}, flow cuttable={cut.Cuttable}");
            if (!cut.Cuttable)
            {
                uncuttable++;
                continue;
            }

            Assert.True(cut.ProvenMinimal, $"round {round}");
            Assert.Equal(oracle.Elements.Count, cut.Elements.Count);
            Assert.True(cut.DisjointPaths <= cut.Elements.Count, $"round {round}: {cut.DisjointPaths} disjoint paths but a cut of {cut.Elements.Count}");
            var left = GraphReachAfter(graph, [.. cut.Elements]);
            Assert.DoesNotContain(targets, t => left[t]);
            compared++;
            byCpSat += cut.PartsSolvedByCpSat > 0 ? 1 : 0;
        }

        // The generator must produce every kind of case for the comparison to mean anything: cuts the paths prove,
        // cuts only CP-SAT settles (the paths fall short), and plants no cut exists for.
        Assert.InRange(byCpSat, 5, compared - 50);
        Assert.InRange(uncuttable, 5, 250);
    }

    /// <summary>Random attack graphs of 6–14 nodes where elements own up to four nodes and a fifth of them may not be removed.</summary>
    private static (AttackGraph Graph, int[] Targets, bool[] Removable) RandomGraph(Random random)
    {
        var builder = new AttackGraphBuilder();
        var elementCount = random.Next(2, 7);
        var removable = new bool[elementCount];
        for (var e = 0; e < elementCount; e++)
        {
            builder.Element(new CutElement(ElementKind.ConduitService, "e" + e, "e" + e));
            removable[e] = random.Next(5) != 0;
        }

        var nodes = random.Next(6, 15);
        for (var v = 0; v < nodes; v++)
        {
            builder.AddNode(NodeKind.ConduitService, v, random.Next(5) == 0 ? -1 : random.Next(elementCount));
        }

        var sources = random.Next(1, 3);
        for (var s = 0; s < sources; s++)
        {
            builder.AddSource(s, 1);
        }

        for (var i = random.Next(nodes, nodes * 3); i > 0; i--)
        {
            builder.AddEdge(random.Next(nodes), random.Next(sources, nodes), 1, StepKind.Pass);
        }

        var targets = Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(sources, nodes)).Distinct().ToArray();
        return (builder.Build(), targets, removable);
    }

    /// <summary>Reach from the sources with the given elements removed, written apart from the code under test.</summary>
    private static bool[] GraphReachAfter(AttackGraph graph, HashSet<int> removed)
    {
        var reached = new bool[graph.NodeCount];
        var stack = new Stack<int>(graph.SourceNodes.Where(s => !removed.Contains(graph.ElementOf(s))));
        while (stack.TryPop(out var v))
        {
            if (reached[v])
            {
                continue;
            }

            reached[v] = true;
            foreach (var w in graph.Successors(v).ToArray())
            {
                if (!reached[w] && !removed.Contains(graph.ElementOf(w)))
                {
                    stack.Push(w);
                }
            }
        }

        return reached;
    }

    /// <summary>Attack graphs drawn by hand: every named node is its own element unless made with <see cref="NodeOf"/>.</summary>
    private sealed class ElementGraph
    {
        private readonly AttackGraphBuilder builder = new();
        private readonly List<string> names = [];
        private readonly List<bool> removable = [];

        public int Element(string name, bool removable)
        {
            var index = builder.Element(new CutElement(ElementKind.ConduitService, name, name));
            names.Add(name);
            this.removable.Add(removable);
            return index;
        }

        public int NodeOf(int element) => builder.AddNode(NodeKind.ConduitService, 0, element);

        public int Node(string name, bool removable = true) => NodeOf(Element(name, removable));

        /// <summary>A node no action removes.</summary>
        public int Node() => builder.AddNode(NodeKind.Control, 0);

        public int Source(string? name = null, bool removable = false)
        {
            var node = name is null ? builder.AddNode(NodeKind.Entry, 0) : builder.AddNode(NodeKind.Entry, 0, Element(name, removable));
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

        public bool IsRemovable(int element) => removable[element];

        public AttackGraph Build() => builder.Build();

        public string[] Names(IEnumerable<int> elements) => [.. elements.Select(e => names[e]).Order(StringComparer.Ordinal)];
    }
}
