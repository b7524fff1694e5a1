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
    public static LikelihoodTree MostLikely(AttackGraph graph, ReadOnlySpan<bool> removed = default)
    {
        var n = graph.NodeCount;
        var cost = new double[n];
        Array.Fill(cost, double.PositiveInfinity);
        var parentEdge = new int[n];
        var parentNode = new int[n];
        var origin = new int[n];
        Array.Fill(parentEdge, -1);
        Array.Fill(parentNode, -1);
        Array.Fill(origin, -1);
        var done = new bool[n];
        var queue = new PriorityQueue<int, double>();
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
                queue.Enqueue(node, c);
            }
        }

        while (queue.TryDequeue(out var u, out var cu))
        {
            if (done[u] || cu > cost[u])
            {
                continue;
            }

            done[u] = true;
            var (start, end) = graph.OutEdges(u);
            for (var e = start; e < end; e++)
            {
                var v = graph.Target(e);
                if (done[v] || IsRemoved(removed, v))
                {
                    continue;
                }

                var cv = cu - Math.Log(graph.Likelihood(e));
                if (cv < cost[v] - 1e-12)
                {
                    cost[v] = cv;
                    parentEdge[v] = e;
                    parentNode[v] = u;
                    origin[v] = origin[u];
                    queue.Enqueue(v, cv);
                }
            }
        }

        var likelihood = new double[n];
        for (var i = 0; i < n; i++)
        {
            likelihood[i] = double.IsPositiveInfinity(cost[i]) ? 0 : Math.Exp(-cost[i]);
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
        // Buckets by hop count (Dial's algorithm for 0/1 weights): zero-weight edges stay in the current bucket.
        var current = new Stack<int>();
        var next = new Stack<int>();
        for (var s = 0; s < graph.SourceNodes.Count; s++)
        {
            var node = graph.SourceNodes[s];
            if (IsRemoved(removed, node) || hops[node] == 0)
            {
                continue;
            }

            hops[node] = 0;
            origin[node] = s;
            current.Push(node);
        }

        var level = 0;
        while (current.Count > 0)
        {
            while (current.TryPop(out var u))
            {
                if (hops[u] != level)
                {
                    continue;
                }

                var (start, end) = graph.OutEdges(u);
                for (var e = start; e < end; e++)
                {
                    var v = graph.Target(e);
                    if (IsRemoved(removed, v))
                    {
                        continue;
                    }

                    var w = IsExplained(graph.Step(e)) ? 1 : 0;
                    var hv = level + w;
                    if (hv < hops[v])
                    {
                        hops[v] = hv;
                        parentEdge[v] = e;
                        parentNode[v] = u;
                        origin[v] = origin[u];
                        (w == 0 ? current : next).Push(v);
                    }
                }
            }

            (current, next) = (next, current);
            level++;
        }

        return new HopTree(hops, parentEdge, parentNode, origin);
    }

    /// <summary>True for edges that show as a hop of an attack path.</summary>
    public static bool IsExplained(StepKind step) => step is not (StepKind.Pass or StepKind.EntryLands);

    /// <summary>Which entry points reach each node: masks propagated to a fixpoint with a work list.</summary>
    public static EntryReach EntryPoints(AttackGraph graph, ReadOnlySpan<bool> removed = default)
    {
        var n = graph.NodeCount;
        var entries = graph.SourceNodes.Count;
        var words = Math.Max(1, (entries + 63) / 64);
        var bits = new ulong[(long)n * words];
        var inQueue = new bool[n];
        var work = new Queue<int>();
        for (var s = 0; s < entries; s++)
        {
            var node = graph.SourceNodes[s];
            if (IsRemoved(removed, node))
            {
                continue;
            }

            bits[node * words + (s >> 6)] |= 1UL << (s & 63);
            if (!inQueue[node])
            {
                inQueue[node] = true;
                work.Enqueue(node);
            }
        }

        while (work.TryDequeue(out var u))
        {
            inQueue[u] = false;
            var from = u * words;
            var (start, end) = graph.OutEdges(u);
            for (var e = start; e < end; e++)
            {
                var v = graph.Target(e);
                if (IsRemoved(removed, v))
                {
                    continue;
                }

                var to = v * words;
                var changed = false;
                for (var w = 0; w < words; w++)
                {
                    var merged = bits[to + w] | bits[from + w];
                    if (merged != bits[to + w])
                    {
                        bits[to + w] = merged;
                        changed = true;
                    }
                }

                if (changed && !inQueue[v])
                {
                    inQueue[v] = true;
                    work.Enqueue(v);
                }
            }
        }

        return new EntryReach(bits, words, entries);
    }

    private static bool IsRemoved(ReadOnlySpan<bool> removed, int node) => !removed.IsEmpty && removed[node];
}
