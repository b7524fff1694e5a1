using System.Diagnostics;
using Seam.Exposure.Graph;

namespace Seam.Exposure.Planning;

/// <summary>The fewest removable elements that cut every source off every target, and how sure we are it is the fewest.</summary>
/// <param name="Cuttable">False when some source reaches a target through nodes that no removable element removes.</param>
/// <param name="ProvenMinimal">True when no smaller set of elements cuts every source off every target.</param>
/// <param name="Elements">Indexes into <see cref="AttackGraph.Elements"/>, ascending.</param>
/// <param name="DisjointPaths">
/// Source → target paths that have no removable element in common: each needs an element of its own, so at least this
/// many elements are needed whatever is chosen.
/// </param>
/// <param name="Parts">Independent parts of the graph (no path and no removable element spans two), each solved alone.</param>
/// <param name="PartsSolvedByCpSat">Parts where the disjoint paths fell short of the cut and CP-SAT decided.</param>
internal sealed record ChokePointCut(bool Cuttable, bool ProvenMinimal, IReadOnlyList<int> Elements, int DisjointPaths, int Parts, int PartsSolvedByCpSat)
{
    public static ChokePointCut NothingReachable { get; } = new(true, true, [], 0, 0, 0);

    public static ChokePointCut Uncuttable { get; } = new(false, false, [], 0, 0, 0);
}

/// <summary>
/// Exact minimum cuts where every removable element costs the same (choke points), without CP-SAT in the common case.
/// An element may own several nodes (an asset's reach, control and manipulation; a conduit service's two directions and
/// its trusted routes), so this is not a plain vertex cut. Per independent part of the graph: a maximum flow with
/// capacity 1 on every node of a removable element gives a cut (its cut nodes' elements, an upper bound), and the flow's
/// paths that share no removable element give a lower bound (each needs its own element). When the two meet, the cut is
/// proven minimal; otherwise CP-SAT solves that part alone, starting from the flow's cut and told the lower bound.
/// </summary>
internal static class ChokePointSolver
{
    public static ChokePointCut Solve(AttackGraph graph, IReadOnlyList<int> targetNodes, Func<int, bool> removable, TimeSpan cpSatTimeLimit)
    {
        var clock = Stopwatch.StartNew();
        var steps = GraphReach.StepsToTargets(graph, targetNodes.Where(t => t >= 0));
        var relevant = GraphReach.Forward(graph, graph.SourceNodes);
        for (var v = 0; v < relevant.Length; v++)
        {
            relevant[v] &= steps[v] >= 0;
        }

        var isTarget = new bool[graph.NodeCount];
        var anyTarget = false;
        foreach (var t in targetNodes)
        {
            if (t >= 0 && relevant[t])
            {
                isTarget[t] = anyTarget = true;
            }
        }

        if (!anyTarget)
        {
            return ChokePointCut.NothingReachable;
        }

        var isRemovable = new bool[graph.NodeCount];
        for (var v = 0; v < graph.NodeCount; v++)
        {
            isRemovable[v] = relevant[v] && graph.ElementOf(v) is var e and >= 0 && removable(e);
        }

        var isSource = new bool[graph.NodeCount];
        foreach (var s in graph.SourceNodes)
        {
            isSource[s] = relevant[s];
        }

        var network = new Network(graph, relevant, steps, isRemovable, isSource, isTarget);
        var elements = new List<int>();
        var (disjoint, parts, byCpSat, proven) = (0, 0, 0, true);
        foreach (var part in Parts(graph, relevant, isRemovable))
        {
            // With every removable element removed at once, whatever is still reached cannot be cut at all: the flow is unbounded.
            if (network.Solve(part, cpSatTimeLimit - clock.Elapsed) is not { } solved)
            {
                return ChokePointCut.Uncuttable;
            }

            elements.AddRange(solved.Elements);
            disjoint += solved.DisjointPaths;
            parts++;
            byCpSat += solved.PartsSolvedByCpSat;
            proven &= solved.ProvenMinimal;
        }

        elements.Sort();
        return new ChokePointCut(true, proven, elements, disjoint, parts, byCpSat);
    }

    /// <summary>
    /// The relevant nodes split so that no edge and no removable element joins two parts: a cut of the whole is then
    /// the union of the parts' cuts, and its size their sum. Sites are mostly independent, so parts stay small.
    /// </summary>
    private static List<int[]> Parts(AttackGraph graph, bool[] relevant, bool[] isRemovable)
    {
        var parent = new int[graph.NodeCount];
        for (var v = 0; v < parent.Length; v++)
        {
            parent[v] = v;
        }

        int Root(int v)
        {
            while (parent[v] != v)
            {
                parent[v] = parent[parent[v]];
                v = parent[v];
            }

            return v;
        }

        void Join(int a, int b)
        {
            var (ra, rb) = (Root(a), Root(b));
            if (ra != rb)
            {
                parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
            }
        }

        var firstNodeOf = new Dictionary<int, int>();
        for (var v = 0; v < graph.NodeCount; v++)
        {
            if (!relevant[v])
            {
                continue;
            }

            foreach (var w in graph.Successors(v))
            {
                if (relevant[w])
                {
                    Join(v, w);
                }
            }

            if (isRemovable[v] && !firstNodeOf.TryAdd(graph.ElementOf(v), v))
            {
                Join(v, firstNodeOf[graph.ElementOf(v)]);
            }
        }

        var partOfRoot = new Dictionary<int, List<int>>();
        for (var v = 0; v < graph.NodeCount; v++)
        {
            if (relevant[v])
            {
                var root = Root(v);
                if (!partOfRoot.TryGetValue(root, out var nodes))
                {
                    partOfRoot[root] = nodes = [];
                }

                nodes.Add(v);
            }
        }

        return [.. partOfRoot.Values.Select(nodes => nodes.ToArray())];
    }

    /// <summary>The relevant graph, one part at a time, as a flow network with every node split into an in and an out end.</summary>
    private sealed class Network(AttackGraph graph, bool[] relevant, int[] steps, bool[] isRemovable, bool[] isSource, bool[] isTarget)
    {
        /// <summary>Per node: its position in the part being solved.</summary>
        private readonly int[] local = new int[graph.NodeCount];

        /// <summary>One network for every part in turn, so that its buffers are allocated once.</summary>
        private readonly MaxFlow reusedFlow = new(0);

        /// <summary>The part's minimum cut, or null when a source reaches a target through nodes no removable element removes.</summary>
        public ChokePointCut? Solve(int[] nodes, TimeSpan timeLeft)
        {
            for (var i = 0; i < nodes.Length; i++)
            {
                local[nodes[i]] = i;
            }

            var (flow, nodeArcs) = Flow(nodes);
            if (flow.Run(Source(nodes), Sink(nodes)) == long.MaxValue)
            {
                return null;
            }

            var side = flow.SourceSide(Source(nodes));
            var cut = new SortedSet<int>();
            for (var i = 0; i < nodes.Length; i++)
            {
                if (side[2 * i] && !side[2 * i + 1])
                {
                    cut.Add(graph.ElementOf(nodes[i]));
                }
            }

            var disjoint = DisjointPaths(nodes, flow, nodeArcs, cut.Count);
            if (disjoint == cut.Count)
            {
                return new ChokePointCut(true, true, [.. cut], disjoint, 1, 0);
            }

            return WithCpSat(nodes, cut, disjoint, timeLeft);
        }

        private static int Source(int[] nodes) => 2 * nodes.Length;

        private static int Sink(int[] nodes) => 2 * nodes.Length + 1;

        /// <summary>
        /// The flow network of the part: node i enters at 2i and leaves at 2i + 1, and passing it costs 1 when its
        /// element may be removed. Returns the network (the same instance for every part) and, per node, its in → out arc.
        /// </summary>
        private (MaxFlow Flow, int[] NodeArcs) Flow(int[] nodes)
        {
            var (source, sink) = (Source(nodes), Sink(nodes));
            var arcCount = 0;
            var widest = 0;
            foreach (var v in nodes)
            {
                var successors = 0;
                foreach (var w in graph.Successors(v))
                {
                    successors += relevant[w] ? 1 : 0;
                }

                arcCount += 1 + successors + (isTarget[v] ? 1 : 0) + (isSource[v] ? 1 : 0);
                widest = Math.Max(widest, successors);
            }

            var flow = reusedFlow;
            flow.Clear(2 * nodes.Length + 2, arcCount);
            var nodeArcs = new int[nodes.Length];
            var next = new int[widest];
            var nearness = new int[widest];
            for (var i = 0; i < nodes.Length; i++)
            {
                var v = nodes[i];
                nodeArcs[i] = flow.AddArc(2 * i, 2 * i + 1, isRemovable[v] ? 1 : MaxFlow.Unbounded);

                // Into the sink first: the search tries arcs in this order, and a target should end the path, not lead on.
                if (isTarget[v])
                {
                    flow.AddArc(2 * i + 1, sink, MaxFlow.Unbounded);
                }

                // Nearest the targets first, so that the depth-first search walks towards them rather than around them.
                var count = 0;
                foreach (var w in graph.Successors(v))
                {
                    if (relevant[w])
                    {
                        nearness[count] = steps[w];
                        next[count++] = w;
                    }
                }

                nearness.AsSpan(0, count).Sort(next.AsSpan(0, count));
                foreach (var w in next.AsSpan(0, count))
                {
                    flow.AddArc(2 * i + 1, 2 * local[w], MaxFlow.Unbounded);
                }

                if (isSource[v])
                {
                    flow.AddArc(source, 2 * i, MaxFlow.Unbounded);
                }
            }

            return (flow, nodeArcs);
        }

        /// <summary>
        /// As many source → target paths with no removable element in common as can be found (up to <paramref name="enough"/>).
        /// The flow's paths share no node of a removable element, but two may pass different nodes of one element (an
        /// asset's reach on one, its control on another). Where they do, the element keeps only the node the first
        /// path uses, its other nodes are blocked, and the flow is run again, until the paths share no element or the
        /// flow falls short; a greedy pick among the paths of every round counts the best found.
        /// </summary>
        private int DisjointPaths(int[] nodes, MaxFlow flow, int[] nodeArcs, int enough)
        {
            const int MaxRounds = 30;
            var blocked = new bool[nodes.Length];
            Dictionary<int, List<int>>? nodesOf = null;
            var best = 0;
            for (var round = 0; round < MaxRounds; round++)
            {
                var paths = flow.Paths(Source(nodes), Sink(nodes))
                    .Select(path => path.Where(f => f < 2 * nodes.Length && f % 2 == 0 && isRemovable[nodes[f / 2]]).Select(f => f / 2).ToArray())
                    .ToList();
                best = Math.Max(best, GreedyPick(paths, nodes));
                if (best >= enough || paths.Count <= best)
                {
                    break;
                }

                nodesOf ??= NodesOfElements(nodes);
                var kept = new Dictionary<int, (int Path, int Node)>();
                for (var p = 0; p < paths.Count; p++)
                {
                    foreach (var i in paths[p])
                    {
                        var e = graph.ElementOf(nodes[i]);
                        if (!kept.TryAdd(e, (p, i)) && kept[e].Path != p)
                        {
                            foreach (var other in nodesOf[e])
                            {
                                if (other != kept[e].Node && !blocked[other])
                                {
                                    blocked[other] = true;
                                    flow.SetCapacity(nodeArcs[other], 0);
                                }
                            }
                        }
                    }
                }

                // Blocking nodes only removes paths, so a bounded flow stays bounded.
                flow.Run(Source(nodes), Sink(nodes));
            }

            return best;
        }

        private Dictionary<int, List<int>> NodesOfElements(int[] nodes)
        {
            var nodesOf = new Dictionary<int, List<int>>();
            for (var i = 0; i < nodes.Length; i++)
            {
                if (isRemovable[nodes[i]])
                {
                    var e = graph.ElementOf(nodes[i]);
                    if (!nodesOf.TryGetValue(e, out var list))
                    {
                        nodesOf[e] = list = [];
                    }

                    list.Add(i);
                }
            }

            return nodesOf;
        }

        /// <summary>How many paths can be kept with no removable element shared: greedily, those with the fewest elements first (they block the fewest others).</summary>
        private int GreedyPick(List<int[]> paths, int[] nodes)
        {
            var taken = new HashSet<int>();
            var count = 0;
            foreach (var elements in paths.Select(path => path.Select(i => graph.ElementOf(nodes[i])).Distinct().ToArray()).OrderBy(elements => elements.Length))
            {
                if (!elements.Any(taken.Contains))
                {
                    taken.UnionWith(elements);
                    count++;
                }
            }

            return count;
        }

        /// <summary>CP-SAT on this part alone, from the flow's cut, told that fewer than <paramref name="atLeast"/> elements cannot do.</summary>
        private ChokePointCut WithCpSat(int[] nodes, SortedSet<int> flowCut, int atLeast, TimeSpan timeLeft)
        {
            if (timeLeft <= TimeSpan.Zero)
            {
                return new ChokePointCut(true, false, [.. flowCut], atLeast, 1, 0);
            }

            var builder = new AttackGraphBuilder();
            var localElement = new Dictionary<int, int>();
            var elementOf = new List<int>();
            foreach (var v in nodes)
            {
                var e = graph.ElementOf(v);
                if (e >= 0 && !localElement.ContainsKey(e))
                {
                    localElement[e] = builder.NewElement(graph.Elements[e]);
                    elementOf.Add(e);
                }

                builder.AddNode(graph.KindOf(v), graph.SubjectOf(v), e >= 0 ? localElement[e] : -1);
            }

            var targets = new List<int>();
            for (var i = 0; i < nodes.Length; i++)
            {
                foreach (var w in graph.Successors(nodes[i]))
                {
                    if (relevant[w])
                    {
                        builder.AddEdge(i, local[w], 1, StepKind.Pass);
                    }
                }

                if (isSource[nodes[i]])
                {
                    builder.AddSource(i, 1);
                }

                if (isTarget[nodes[i]])
                {
                    targets.Add(i);
                }
            }

            var removableHere = new bool[elementOf.Count];
            foreach (var v in nodes)
            {
                if (isRemovable[v])
                {
                    removableHere[localElement[graph.ElementOf(v)]] = true;
                }
            }

            var solution = CutSolver.MinimumCut(builder.Build(), targets, e => removableHere[e] ? 1 : null, timeLeft,
                [.. flowCut.Select(e => localElement[e])], atLeast);
            if (!solution.Feasible || solution.Elements.Count > flowCut.Count)
            {
                return new ChokePointCut(true, false, [.. flowCut], atLeast, 1, 1);
            }

            return new ChokePointCut(true, solution.Optimal, [.. solution.Elements.Select(e => elementOf[e])], atLeast, 1, 1);
        }
    }
}
