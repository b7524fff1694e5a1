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
        // Every per-node array here is borrowed (WorkArray): choke points are computed on every recompute.
        var clock = Stopwatch.StartNew();
        var n = graph.NodeCount;
        using var stepsWork = WorkArray<int>.Rent(n);
        using var relevantWork = WorkArray<bool>.Rent(n);
        var (steps, relevant) = (stepsWork.Array, relevantWork.Array);
        GraphReach.StepsToTargets(graph, targetNodes, stepsWork.Span);
        GraphReach.Forward(graph, graph.SourceNodes, relevantWork.Span);
        for (var v = 0; v < n; v++)
        {
            relevant[v] &= steps[v] >= 0;
        }

        using var isTargetWork = WorkArray<bool>.Filled(n, false);
        var isTarget = isTargetWork.Array;
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

        using var isRemovableWork = WorkArray<bool>.Rent(n);
        var isRemovable = isRemovableWork.Array;
        for (var v = 0; v < n; v++)
        {
            isRemovable[v] = relevant[v] && graph.ElementOf(v) is var e and >= 0 && removable(e);
        }

        using var isSourceWork = WorkArray<bool>.Filled(n, false);
        var isSource = isSourceWork.Array;
        foreach (var s in graph.SourceNodes)
        {
            isSource[s] = relevant[s];
        }

        using var network = new Network(graph, relevant, steps, isRemovable, isSource, isTarget);
        using var parts = new Parts(graph, relevant, isRemovable);
        var elements = new List<int>();
        var (disjoint, byCpSat, proven) = (0, 0, true);
        for (var p = 0; p < parts.Count; p++)
        {
            // With every removable element removed at once, whatever is still reached cannot be cut at all: the flow is unbounded.
            if (network.Solve(parts[p], cpSatTimeLimit - clock.Elapsed) is not { } solved)
            {
                return ChokePointCut.Uncuttable;
            }

            elements.AddRange(solved.Elements);
            disjoint += solved.DisjointPaths;
            byCpSat += solved.PartsSolvedByCpSat;
            proven &= solved.ProvenMinimal;
        }

        elements.Sort();
        return new ChokePointCut(true, proven, elements, disjoint, parts.Count, byCpSat);
    }

    /// <summary>
    /// The relevant nodes split so that no edge and no removable element joins two parts: a cut of the whole is then
    /// the union of the parts' cuts, and its size their sum. Sites are mostly independent, so parts stay small. Parts
    /// are numbered by their first node and list their nodes in ascending order, as slices of one borrowed array.
    /// </summary>
    private sealed class Parts : IDisposable
    {
        private readonly WorkArray<int> nodesWork;
        private readonly List<int> starts = [0];

        public Parts(AttackGraph graph, bool[] relevant, bool[] isRemovable)
        {
            var n = graph.NodeCount;
            using var parentWork = WorkArray<int>.Rent(n);
            var parent = parentWork.Array;
            for (var v = 0; v < n; v++)
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

            // Per element, the first removable node seen of it: later ones join its part.
            using (var firstNodeOfWork = WorkArray<int>.Filled(graph.Elements.Count, -1))
            {
                var firstNodeOf = firstNodeOfWork.Array;
                for (var v = 0; v < n; v++)
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

                    if (isRemovable[v])
                    {
                        ref var first = ref firstNodeOf[graph.ElementOf(v)];
                        if (first < 0)
                        {
                            first = v;
                        }
                        else
                        {
                            Join(v, first);
                        }
                    }
                }
            }

            // A part's root is its smallest node, so numbering roots in node order numbers parts by their first node;
            // then the nodes are counted per part and laid out part after part (a counting sort).
            using var partOfRootWork = WorkArray<int>.Rent(n);
            var partOfRoot = partOfRootWork.Array;
            var sizes = new List<int>();
            for (var v = 0; v < n; v++)
            {
                if (!relevant[v])
                {
                    continue;
                }

                var root = Root(v);
                if (root == v)
                {
                    partOfRoot[v] = sizes.Count;
                    sizes.Add(0);
                }

                sizes[partOfRoot[root]]++;
            }

            foreach (var size in sizes)
            {
                starts.Add(starts[^1] + size);
            }

            nodesWork = WorkArray<int>.Rent(starts[^1]);
            var nodes = nodesWork.Array;
            var fill = starts.ToArray();
            for (var v = 0; v < n; v++)
            {
                if (relevant[v])
                {
                    nodes[fill[partOfRoot[Root(v)]]++] = v;
                }
            }
        }

        public int Count => starts.Count - 1;

        public ArraySegment<int> this[int part] => new(nodesWork.Array, starts[part], starts[part + 1] - starts[part]);

        public void Dispose() => nodesWork.Dispose();
    }

    /// <summary>The relevant graph, one part at a time, as a flow network with every node split into an in and an out end.</summary>
    private sealed class Network(AttackGraph graph, bool[] relevant, int[] steps, bool[] isRemovable, bool[] isSource, bool[] isTarget) : IDisposable
    {
        /// <summary>Per node: its position in the part being solved.</summary>
        private readonly WorkArray<int> local = WorkArray<int>.Rent(graph.NodeCount);

        /// <summary>
        /// Per element: the first of the part's removable nodes (by position) that belongs to it, and per position the
        /// next one of the same element; -1 ends a list. Only built when the flow's paths share an element.
        /// </summary>
        private readonly WorkArray<int> firstOfElement = WorkArray<int>.Filled(graph.Elements.Count, -1);

        /// <summary>One network for every part in turn, so that its buffers are allocated once.</summary>
        private readonly MaxFlow reusedFlow = new(0);

        public void Dispose()
        {
            local.Dispose();
            firstOfElement.Dispose();
            reusedFlow.Dispose();
        }

        /// <summary>The part's minimum cut, or null when a source reaches a target through nodes no removable element removes.</summary>
        public ChokePointCut? Solve(ArraySegment<int> nodes, TimeSpan timeLeft)
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                local.Array[nodes[i]] = i;
            }

            using var nodeArcs = WorkArray<int>.Rent(nodes.Count);
            var flow = Flow(nodes, nodeArcs.Array);
            if (flow.Run(Source(nodes), Sink(nodes)) == long.MaxValue)
            {
                return null;
            }

            var cut = new SortedSet<int>();
            using (var side = WorkArray<bool>.Rent(flow.NodeCount))
            {
                flow.SourceSide(Source(nodes), side.Span);
                for (var i = 0; i < nodes.Count; i++)
                {
                    if (side.Array[2 * i] && !side.Array[2 * i + 1])
                    {
                        cut.Add(graph.ElementOf(nodes[i]));
                    }
                }
            }

            var disjoint = DisjointPaths(nodes, flow, nodeArcs.Array, cut.Count);
            if (disjoint == cut.Count)
            {
                return new ChokePointCut(true, true, [.. cut], disjoint, 1, 0);
            }

            return WithCpSat(nodes, cut, disjoint, timeLeft);
        }

        private static int Source(ArraySegment<int> nodes) => 2 * nodes.Count;

        private static int Sink(ArraySegment<int> nodes) => 2 * nodes.Count + 1;

        /// <summary>
        /// The flow network of the part: node i enters at 2i and leaves at 2i + 1, and passing it costs 1 when its
        /// element may be removed. Returns the network (the same instance for every part) and writes, per node, its in → out
        /// arc into <paramref name="nodeArcs"/>.
        /// </summary>
        private MaxFlow Flow(ArraySegment<int> nodes, int[] nodeArcs)
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
            flow.Clear(2 * nodes.Count + 2, arcCount);
            var next = new int[widest];
            var nearness = new int[widest];
            var local = this.local.Array;
            for (var i = 0; i < nodes.Count; i++)
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

            return flow;
        }

        /// <summary>
        /// As many source → target paths with no removable element in common as can be found (up to <paramref name="enough"/>).
        /// The flow's paths share no node of a removable element, but two may pass different nodes of one element (an
        /// asset's reach on one, its control on another). Where they do, the element keeps only the node the first
        /// path uses, its other nodes are blocked, and the flow is run again, until the paths share no element or the
        /// flow falls short; a greedy pick among the paths of every round counts the best found.
        /// </summary>
        private int DisjointPaths(ArraySegment<int> nodes, MaxFlow flow, int[] nodeArcs, int enough)
        {
            const int MaxRounds = 30;
            using var blockedWork = WorkArray<bool>.Filled(nodes.Count, false);
            var blocked = blockedWork.Array;
            using var sameElementWork = WorkArray<int>.Rent(nodes.Count);
            var listed = false;
            var best = 0;
            try
            {
                for (var round = 0; round < MaxRounds; round++)
                {
                    var paths = RemovableSteps(flow.Paths(Source(nodes), Sink(nodes)), nodes);
                    best = Math.Max(best, GreedyPick(paths, nodes));
                    if (best >= enough || paths.Count <= best)
                    {
                        break;
                    }

                    if (!listed)
                    {
                        ListNodesOfElements(nodes, sameElementWork.Array);
                        listed = true;
                    }

                    var kept = new Dictionary<int, (int Path, int Node)>();
                    for (var p = 0; p < paths.Count; p++)
                    {
                        foreach (var i in paths[p])
                        {
                            var e = graph.ElementOf(nodes[i]);
                            if (!kept.TryAdd(e, (p, i)) && kept[e].Path != p)
                            {
                                for (var other = firstOfElement.Array[e]; other >= 0; other = sameElementWork.Array[other])
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
            }
            finally
            {
                if (listed)
                {
                    // The element lists are the part's own: empty them for the next part.
                    foreach (var v in nodes)
                    {
                        if (isRemovable[v])
                        {
                            firstOfElement.Array[graph.ElementOf(v)] = -1;
                        }
                    }
                }
            }

            return best;
        }

        /// <summary>Each flow path as the positions of the removable nodes it passes (in-ends of split nodes only).</summary>
        private List<int[]> RemovableSteps(List<int[]> paths, ArraySegment<int> nodes)
        {
            var steps = new List<int[]>(paths.Count);
            var kept = new List<int>();
            foreach (var path in paths)
            {
                kept.Clear();
                foreach (var f in path)
                {
                    if (f < 2 * nodes.Count && f % 2 == 0 && isRemovable[nodes[f / 2]])
                    {
                        kept.Add(f / 2);
                    }
                }

                steps.Add([.. kept]);
            }

            return steps;
        }

        /// <summary>Per element, the part's removable nodes of it as a list through <paramref name="sameElement"/>, headed in <see cref="firstOfElement"/>.</summary>
        private void ListNodesOfElements(ArraySegment<int> nodes, int[] sameElement)
        {
            var first = firstOfElement.Array;
            for (var i = nodes.Count - 1; i >= 0; i--)
            {
                if (isRemovable[nodes[i]])
                {
                    var e = graph.ElementOf(nodes[i]);
                    sameElement[i] = first[e];
                    first[e] = i;
                }
            }
        }

        /// <summary>How many paths can be kept with no removable element shared: greedily, those with the fewest elements first (they block the fewest others).</summary>
        private int GreedyPick(List<int[]> paths, ArraySegment<int> nodes)
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
        private ChokePointCut WithCpSat(ArraySegment<int> nodes, SortedSet<int> flowCut, int atLeast, TimeSpan timeLeft)
        {
            if (timeLeft <= TimeSpan.Zero)
            {
                return new ChokePointCut(true, false, [.. flowCut], atLeast, 1, 0);
            }

            using var builder = new AttackGraphBuilder();
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
            var local = this.local.Array;
            for (var i = 0; i < nodes.Count; i++)
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
