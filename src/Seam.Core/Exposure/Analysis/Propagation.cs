using System.Numerics;
using Seam.Exposure.Graph;

namespace Seam.Exposure.Analysis;

/// <summary>The most likely way to every node: likelihood, and the edge it was reached by.</summary>
public sealed class LikelihoodTree(double[] likelihood, int[] parentEdge, int[] parentNode, int[] origin)
{
    /// <summary>Probability of the most likely path from any entry point; 0 when unreachable.</summary>
    public double[] Likelihood { get; } = likelihood;

    /// <summary>Edge the most likely path arrives by; -1 at an entry node or when unreachable.</summary>
    public int[] ParentEdge { get; } = parentEdge;

    public int[] ParentNode { get; } = parentNode;

    /// <summary>Entry index the most likely path starts from; -1 when unreachable.</summary>
    public int[] Origin { get; } = origin;

    public bool Reached(int node) => Origin[node] >= 0;
}

/// <summary>Fewest explained hops to every node.</summary>
public sealed class HopTree(int[] hops, int[] parentEdge, int[] parentNode, int[] origin)
{
    public int[] Hops { get; } = hops;

    public int[] ParentEdge { get; } = parentEdge;

    public int[] ParentNode { get; } = parentNode;

    public int[] Origin { get; } = origin;
}

/// <summary>For every node, the set of entry points that reach it, as bit masks (64 entries per word).</summary>
public sealed class EntryReach(ulong[] bits, int words, int entries)
{
    public int Words { get; } = words;

    public int Entries { get; } = entries;

    public ReadOnlySpan<ulong> Of(int node) => bits.AsSpan(node * Words, Words);

    public bool Reaches(int node, int entry) => (bits[node * Words + (entry >> 6)] & (1UL << (entry & 63))) != 0;

    public int Count(int node)
    {
        var n = 0;
        foreach (var w in Of(node))
        {
            n += BitOperations.PopCount(w);
        }

        return n;
    }

    public IEnumerable<int> EntriesOf(int node)
    {
        for (var e = 0; e < Entries; e++)
        {
            if (Reaches(node, e))
            {
                yield return e;
            }
        }
    }
}

/// <summary>Graph searches over the attack graph, array-based and allocation-light: they run on every recompute.</summary>
public static class Propagation
{
    /// <summary>
    /// Maximum-product paths from all entry points at once: Dijkstra on −ln(likelihood), each entry node starting at
    /// −ln(its own likelihood). <paramref name="removed"/> marks nodes a what-if takes out.
    /// </summary>
    /// <remarks>
    /// Two kinds of node skip the heap (<see cref="IndexedMinHeap"/>, which holds each node once and lowers its key in
    /// place). A node with one way in (<see cref="AttackGraph.HasOneWayIn"/>: every exploit node) is as near as it will
    /// ever be once its only predecessor is settled, so it is settled then and there; without this the heap would hold
    /// every finding of every reached asset at once. And most edges are certain (likelihood 1, length 0): a node they
    /// reach from the nearest settled node is as near as that node, no farther than anything queued, so it is settled
    /// next from a plain stack.
    /// </remarks>
    public static LikelihoodTree MostLikely(AttackGraph graph, ReadOnlySpan<bool> removed = default)
    {
        var n = graph.NodeCount;
        using var costWork = WorkArray<double>.Filled(n, double.PositiveInfinity);
        var cost = costWork.Array;
        var likelihood = new double[n];
        var parentEdge = new int[n];
        var parentNode = new int[n];
        var origin = new int[n];
        Array.Fill(parentEdge, -1);
        Array.Fill(parentNode, -1);
        Array.Fill(origin, -1);
        using var doneWork = WorkArray<bool>.Filled(n, false);
        var done = doneWork.Array;
        using var heap = new IndexedMinHeap(n);
        for (var s = 0; s < graph.SourceNodes.Count; s++)
        {
            var node = graph.SourceNodes[s];
            if (IsRemoved(removed, node))
            {
                continue;
            }

            var c = -Math.Log(graph.SourceLikelihood[s]);
            if (c < cost[node])
            {
                cost[node] = c;
                origin[node] = s;
                heap.InsertOrDecrease(node, c);
            }
        }

        var starts = graph.EdgeStarts;
        var targets = graph.Targets;
        var lengths = graph.Costs;
        // Nodes whose distance is final but whose edges are not yet followed: reached over a certain edge from the
        // nearest settled node, or through their only way in. Each node is pushed at most once.
        using var settledWork = WorkArray<int>.Rent(n);
        var settled = settledWork.Array;
        var settledCount = 0;
        var nearest = 0.0;
        while (true)
        {
            int u;
            if (settledCount > 0)
            {
                u = settled[--settledCount];
            }
            else if (heap.TryPop(out u, out nearest))
            {
                if (done[u])
                {
                    continue;
                }
            }
            else
            {
                break;
            }

            done[u] = true;
            var cu = cost[u];
            likelihood[u] = Math.Exp(-cu);
            var ou = origin[u];
            for (var e = starts[u]; e < starts[u + 1]; e++)
            {
                var v = targets[e];
                // A settled v is never nearer through u: its distance is at most u's, and lengths are not negative.
                if (IsRemoved(removed, v))
                {
                    continue;
                }

                var length = lengths[e];
                var cv = cu + length;
                if (cv < cost[v] - 1e-12)
                {
                    cost[v] = cv;
                    parentEdge[v] = e;
                    parentNode[v] = u;
                    origin[v] = ou;
                    if ((length == 0 && cu == nearest) || graph.HasOneWayIn(v))
                    {
                        settled[settledCount++] = v;
                    }
                    else
                    {
                        heap.InsertOrDecrease(v, cv);
                    }
                }
            }
        }

        return new LikelihoodTree(likelihood, parentEdge, parentNode, origin);
    }

    /// <summary>Fewest explained hops (0-1 BFS: structural edges cost nothing).</summary>
    public static HopTree FewestHops(AttackGraph graph, ReadOnlySpan<bool> removed = default)
    {
        var n = graph.NodeCount;
        var hops = new int[n];
        Array.Fill(hops, int.MaxValue);
        var parentEdge = new int[n];
        var parentNode = new int[n];
        var origin = new int[n];
        Array.Fill(parentEdge, -1);
        Array.Fill(parentNode, -1);
        Array.Fill(origin, -1);
        // Buckets by hop count (Dial's algorithm for 0/1 weights): zero-weight edges stay in the current bucket. Each
        // bucket is a stack that holds a node at most once (a node is pushed only when its count drops to the bucket's).
        using var currentWork = WorkArray<int>.Rent(n);
        using var nextWork = WorkArray<int>.Rent(n);
        var current = currentWork.Array;
        var currentCount = 0;
        var next = nextWork.Array;
        var nextCount = 0;
        for (var s = 0; s < graph.SourceNodes.Count; s++)
        {
            var node = graph.SourceNodes[s];
            if (IsRemoved(removed, node) || hops[node] == 0)
            {
                continue;
            }

            hops[node] = 0;
            origin[node] = s;
            current[currentCount++] = node;
        }

        var starts = graph.EdgeStarts;
        var targets = graph.Targets;
        var steps = graph.Steps;
        var level = 0;
        while (currentCount > 0)
        {
            while (currentCount > 0)
            {
                var u = current[--currentCount];
                if (hops[u] != level)
                {
                    continue;
                }

                for (var e = starts[u]; e < starts[u + 1]; e++)
                {
                    var v = targets[e];
                    if (IsRemoved(removed, v))
                    {
                        continue;
                    }

                    var w = IsExplained(steps[e]) ? 1 : 0;
                    var hv = level + w;
                    if (hv < hops[v])
                    {
                        hops[v] = hv;
                        parentEdge[v] = e;
                        parentNode[v] = u;
                        origin[v] = origin[u];
                        if (w == 0)
                        {
                            current[currentCount++] = v;
                        }
                        else
                        {
                            next[nextCount++] = v;
                        }
                    }
                }
            }

            (current, next) = (next, current);
            currentCount = nextCount;
            nextCount = 0;
            level++;
        }

        return new HopTree(hops, parentEdge, parentNode, origin);
    }

    /// <summary>True for edges that show as a hop of an attack path.</summary>
    public static bool IsExplained(StepKind step) => step is not (StepKind.Pass or StepKind.EntryLands);

    /// <summary>Which entry points reach each node.</summary>
    /// <remarks>
    /// Every node of a strongly connected component is reached by the same entry points (a controlled asset pivots back
    /// into its zone, so whole zones are such components). The components of the part the entries reach are found
    /// once (Tarjan's algorithm, without recursion, sinks first); then each component's mask flows to the components
    /// after it in one pass, every edge read once, instead of masks going round the cycles until nothing changes.
    /// </remarks>
    public static EntryReach EntryPoints(AttackGraph graph, ReadOnlySpan<bool> removed = default)
    {
        var n = graph.NodeCount;
        var entries = graph.SourceNodes.Count;
        var words = Math.Max(1, (entries + 63) / 64);
        var bits = new ulong[(long)n * words];
        using var components = new ReachedComponents(graph, removed);
        using var componentBitsWork = WorkArray<ulong>.Filled(components.Count * words, 0);
        var componentBits = componentBitsWork.Array;
        for (var s = 0; s < entries; s++)
        {
            var node = graph.SourceNodes[s];
            if (!IsRemoved(removed, node))
            {
                componentBits[components.Of[node] * words + (s >> 6)] |= 1UL << (s & 63);
            }
        }

        var starts = graph.EdgeStarts;
        var targets = graph.Targets;
        // Sinks first: every edge between components goes from a higher number to a lower one.
        for (var c = components.Count - 1; c >= 0; c--)
        {
            var from = c * words;
            foreach (var u in components.Members(c))
            {
                for (var e = starts[u]; e < starts[u + 1]; e++)
                {
                    var v = targets[e];
                    if (IsRemoved(removed, v) || components.Of[v] == c)
                    {
                        continue;
                    }

                    var to = components.Of[v] * words;
                    for (var w = 0; w < words; w++)
                    {
                        componentBits[to + w] |= componentBits[from + w];
                    }
                }
            }

            foreach (var u in components.Members(c))
            {
                componentBits.AsSpan(from, words).CopyTo(bits.AsSpan(u * words, words));
            }
        }

        return new EntryReach(bits, words, entries);
    }

    /// <summary>
    /// The strongly connected components of the nodes the entry points reach, numbered sinks first (Tarjan), with their
    /// members listed together. Removed nodes and nodes no entry reaches belong to none (<c>-1</c>). Its arrays are
    /// borrowed: dispose it to hand them back.
    /// </summary>
    private sealed class ReachedComponents : IDisposable
    {
        private readonly WorkArray<int> ofWork;
        private readonly WorkArray<int> membersWork;
        private readonly WorkArray<int> memberStartWork;
        private readonly int[] memberStart;
        private readonly int[] members;

        public ReachedComponents(AttackGraph graph, ReadOnlySpan<bool> removed)
        {
            var n = graph.NodeCount;
            var starts = graph.EdgeStarts;
            var targets = graph.Targets;
            ofWork = WorkArray<int>.Filled(n, -1);
            Of = ofWork.Array;
            // Discovery number plus one (0: not yet seen), and the lowest discovery number reachable back from the node.
            using var foundWork = WorkArray<int>.Filled(n, 0);
            using var lowWork = WorkArray<int>.Rent(n);
            using var openWork = WorkArray<int>.Rent(n);
            using var pathNodeWork = WorkArray<int>.Rent(n);
            using var pathEdgeWork = WorkArray<int>.Rent(n);
            var (found, low, open, pathNode, pathEdge) = (foundWork.Array, lowWork.Array, openWork.Array, pathNodeWork.Array, pathEdgeWork.Array);
            var openCount = 0;
            membersWork = WorkArray<int>.Rent(n);
            members = membersWork.Array;

            // Where each component's members start; a component is at least one node, so there are at most n of them.
            memberStartWork = WorkArray<int>.Rent(n + 1);
            memberStart = memberStartWork.Array;
            var componentCount = 0;
            var memberCount = 0;
            var discovered = 0;
            foreach (var root in graph.SourceNodes)
            {
                if (found[root] != 0 || IsRemoved(removed, root))
                {
                    continue;
                }

                found[root] = low[root] = ++discovered;
                open[openCount++] = root;
                pathNode[0] = root;
                pathEdge[0] = starts[root];
                var depth = 1;
                while (depth > 0)
                {
                    var u = pathNode[depth - 1];
                    var e = pathEdge[depth - 1];
                    if (e < starts[u + 1])
                    {
                        pathEdge[depth - 1] = e + 1;
                        var v = targets[e];
                        if (IsRemoved(removed, v))
                        {
                            continue;
                        }

                        if (found[v] == 0)
                        {
                            found[v] = low[v] = ++discovered;
                            open[openCount++] = v;
                            pathNode[depth] = v;
                            pathEdge[depth] = starts[v];
                            depth++;
                        }
                        else if (Of[v] < 0)
                        {
                            low[u] = Math.Min(low[u], found[v]);
                        }

                        continue;
                    }

                    depth--;
                    if (low[u] == found[u])
                    {
                        // u is the first node of its component found: the component is everything opened since.
                        memberStart[componentCount++] = memberCount;
                        int w;
                        do
                        {
                            w = open[--openCount];
                            Of[w] = componentCount - 1;
                            members[memberCount++] = w;
                        }
                        while (w != u);
                    }

                    if (depth > 0)
                    {
                        var parent = pathNode[depth - 1];
                        low[parent] = Math.Min(low[parent], low[u]);
                    }
                }
            }

            memberStart[componentCount] = memberCount;
            Count = componentCount;
        }

        /// <summary>Per node: its component, or -1.</summary>
        public int[] Of { get; }

        public int Count { get; }

        public void Dispose()
        {
            ofWork.Dispose();
            membersWork.Dispose();
            memberStartWork.Dispose();
        }

        public ReadOnlySpan<int> Members(int component) => members.AsSpan(memberStart[component], memberStart[component + 1] - memberStart[component]);
    }

    private static bool IsRemoved(ReadOnlySpan<bool> removed, int node) => !removed.IsEmpty && removed[node];
}
