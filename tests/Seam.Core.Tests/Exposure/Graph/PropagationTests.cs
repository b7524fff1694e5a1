using Seam.Exposure.Analysis;
using Seam.Exposure.Graph;

namespace Seam.Core.Tests.Exposure.Graph;

/// <summary>The searches against plain relax-until-nothing-changes references on random graphs, most of whose edges are certain.</summary>
public sealed class PropagationTests
{
    private static readonly double[] Likelihoods = [1.0, 1.0, 1.0, 0.9, 0.6, 0.5, 0.27, 0.95];

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void MostLikely_finds_the_maximum_product_to_every_node_and_a_parent_that_gives_it(int seed, bool withRemoved)
    {
        var (graph, removed) = RandomGraph(seed, withRemoved);

        var tree = Propagation.MostLikely(graph, removed);

        var expected = ReferenceLikelihoods(graph, removed);
        for (var v = 0; v < graph.NodeCount; v++)
        {
            Assert.Equal(expected[v], tree.Likelihood[v], 1e-9);
            Assert.Equal(expected[v] > 0, tree.Reached(v));
            var e = tree.ParentEdge[v];
            if (e < 0)
            {
                continue;
            }

            var u = tree.ParentNode[v];
            Assert.Equal((u, v), (graph.Source(e), graph.Target(e)));
            Assert.Equal(tree.Likelihood[u] * graph.Likelihood(e), tree.Likelihood[v], 1e-9);
            Assert.Equal(tree.Origin[u], tree.Origin[v]);
        }
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    public void FewestHops_counts_only_explained_steps_and_EntryPoints_finds_every_entry_that_reaches_a_node(int seed, bool withRemoved)
    {
        var (graph, removed) = RandomGraph(seed, withRemoved);

        var hops = Propagation.FewestHops(graph, removed);
        var reach = Propagation.EntryPoints(graph, removed);

        var expectedHops = ReferenceHops(graph, removed);
        for (var v = 0; v < graph.NodeCount; v++)
        {
            Assert.Equal(expectedHops[v], hops.Hops[v]);
            for (var s = 0; s < graph.SourceNodes.Count; s++)
            {
                Assert.Equal(Reaches(graph, removed, graph.SourceNodes[s], v), reach.Reaches(v, s));
            }
        }
    }

    private static (AttackGraph Graph, bool[] Removed) RandomGraph(int seed, bool withRemoved)
    {
        const int Nodes = 400;
        var random = new Random(seed);
        var builder = new AttackGraphBuilder();
        for (var n = 0; n < Nodes; n++)
        {
            builder.AddNode(NodeKind.Position, n);
        }

        // Cycles, parallel edges and self-loops included: the attack graph has all three.
        for (var e = 0; e < Nodes * 3; e++)
        {
            var step = random.Next(3) == 0 ? StepKind.Pass : StepKind.Exploit;
            builder.AddEdge(random.Next(Nodes), random.Next(Nodes), Likelihoods[random.Next(Likelihoods.Length)], step);
        }

        for (var s = 0; s < 70; s++)
        {
            builder.AddSource(random.Next(Nodes), Likelihoods[random.Next(Likelihoods.Length)]);
        }

        var removed = new bool[Nodes];
        for (var n = 0; withRemoved && n < Nodes; n++)
        {
            removed[n] = random.Next(10) == 0;
        }

        return (builder.Build(), removed);
    }

    private static double[] ReferenceLikelihoods(AttackGraph graph, bool[] removed)
    {
        var best = new double[graph.NodeCount];
        for (var s = 0; s < graph.SourceNodes.Count; s++)
        {
            var node = graph.SourceNodes[s];
            if (!removed[node])
            {
                best[node] = Math.Max(best[node], graph.SourceLikelihood[s]);
            }
        }

        return Relax(graph, removed, best, (value, e) => value * graph.Likelihood(e), (candidate, current) => candidate > current + 1e-15);
    }

    private static int[] ReferenceHops(AttackGraph graph, bool[] removed)
    {
        var hops = new int[graph.NodeCount];
        Array.Fill(hops, int.MaxValue);
        foreach (var node in graph.SourceNodes.Where(n => !removed[n]))
        {
            hops[node] = 0;
        }

        return Relax(graph, removed, hops, (value, e) => value == int.MaxValue ? int.MaxValue : value + (Propagation.IsExplained(graph.Step(e)) ? 1 : 0),
            (candidate, current) => candidate < current);
    }

    private static T[] Relax<T>(AttackGraph graph, bool[] removed, T[] values, Func<T, int, T> along, Func<T, T, bool> better)
    {
        for (var changed = true; changed;)
        {
            changed = false;
            for (var u = 0; u < graph.NodeCount; u++)
            {
                var (start, end) = graph.OutEdges(u);
                for (var e = start; e < end; e++)
                {
                    var v = graph.Target(e);
                    var candidate = along(values[u], e);
                    if (!removed[v] && better(candidate, values[v]))
                    {
                        values[v] = candidate;
                        changed = true;
                    }
                }
            }
        }

        return values;
    }

    private static bool Reaches(AttackGraph graph, bool[] removed, int from, int to)
    {
        if (removed[from])
        {
            return false;
        }

        var seen = new bool[graph.NodeCount];
        var stack = new Stack<int>([from]);
        seen[from] = true;
        while (stack.TryPop(out var u))
        {
            if (u == to)
            {
                return true;
            }

            foreach (var v in graph.Successors(u))
            {
                if (!removed[v] && !seen[v])
                {
                    seen[v] = true;
                    stack.Push(v);
                }
            }
        }

        return false;
    }
}
