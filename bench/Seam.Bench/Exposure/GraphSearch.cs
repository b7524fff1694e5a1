using Seam.Exposure.Graph;

namespace Seam.Bench.Exposure;

/// <summary>Shortest distances from the attacker's entry points, with the predecessor of every node (so every path).</summary>
/// <param name="Distance">Per node: −ln of the most likely path's likelihood (entry likelihood included); +∞ when unreachable.</param>
/// <param name="Predecessor">Per node: the node before it on that path; −1 for an entry node reached directly and for unreachable nodes.</param>
public sealed record ShortestPaths(double[] Distance, int[] Predecessor)
{
    public int ReachedCount => Distance.Count(double.IsFinite);
}

/// <summary>
/// The two searches the NetworkX baseline also runs, written plainly over the attack graph's compressed-sparse-row arrays:
/// a multi-source breadth-first search and a multi-source Dijkstra with a binary heap. Weights are −ln(likelihood), so the
/// shortest path is the most likely one; entry points start at −ln(their own likelihood), which is what a super-source
/// with those edge weights gives. Edges and entries with likelihood 0 carry no attack and are skipped, on both sides
/// (the export leaves them out too).
/// </summary>
public static class GraphSearch
{
    public static bool[] Reachable(AttackGraph graph)
    {
        var seen = new bool[graph.NodeCount];
        var queue = new int[graph.NodeCount];
        int head = 0, tail = 0;
        for (var s = 0; s < graph.SourceNodes.Count; s++)
        {
            var node = graph.SourceNodes[s];
            if (graph.SourceLikelihood[s] > 0 && !seen[node])
            {
                seen[node] = true;
                queue[tail++] = node;
            }
        }

        while (head < tail)
        {
            var node = queue[head++];
            var (start, end) = graph.OutEdges(node);
            for (var e = start; e < end; e++)
            {
                var target = graph.Target(e);
                if (!seen[target] && graph.Likelihood(e) > 0)
                {
                    seen[target] = true;
                    queue[tail++] = target;
                }
            }
        }

        return seen;
    }

    public static ShortestPaths Dijkstra(AttackGraph graph)
    {
        var n = graph.NodeCount;
        var distance = new double[n];
        var predecessor = new int[n];
        var settled = new bool[n];
        Array.Fill(distance, double.PositiveInfinity);
        Array.Fill(predecessor, -1);
        var heap = new PriorityQueue<int, double>(Math.Min(n, 1 << 16));
        for (var s = 0; s < graph.SourceNodes.Count; s++)
        {
            var p = graph.SourceLikelihood[s];
            var node = graph.SourceNodes[s];
            if (p > 0 && -Math.Log(p) < distance[node])
            {
                distance[node] = -Math.Log(p);
                heap.Enqueue(node, distance[node]);
            }
        }

        while (heap.TryDequeue(out var node, out var d))
        {
            if (settled[node] || d > distance[node])
            {
                continue;
            }

            settled[node] = true;
            var (start, end) = graph.OutEdges(node);
            for (var e = start; e < end; e++)
            {
                var likelihood = graph.Likelihood(e);
                if (likelihood <= 0)
                {
                    continue;
                }

                var target = graph.Target(e);
                var candidate = d - Math.Log(likelihood);
                if (candidate < distance[target])
                {
                    distance[target] = candidate;
                    predecessor[target] = node;
                    heap.Enqueue(target, candidate);
                }
            }
        }

        return new ShortestPaths(distance, predecessor);
    }

    /// <summary>The path to <paramref name="node"/>, entry node first, read back from the predecessors; empty when unreachable.</summary>
    public static IReadOnlyList<int> PathTo(ShortestPaths paths, int node)
    {
        if (!double.IsFinite(paths.Distance[node]))
        {
            return [];
        }

        var path = new List<int>();
        for (var at = node; at >= 0; at = paths.Predecessor[at])
        {
            path.Add(at);
        }

        path.Reverse();
        return path;
    }
}
