using Seam.Exposure.Graph;

namespace Seam.Exposure.Planning;

/// <summary>Breadth-first reach over an <see cref="AttackGraph"/>, optionally with some elements removed.</summary>
internal static class GraphReach
{
    /// <summary>Nodes reachable from <paramref name="starts"/> along out-edges; nodes of removed elements are never entered.</summary>
    public static bool[] Forward(AttackGraph graph, IEnumerable<int> starts, Func<int, bool>? removed = null)
    {
        var seen = new bool[graph.NodeCount];
        Forward(graph, starts, seen, removed);
        return seen;
    }

    /// <summary>The same into <paramref name="seen"/> (at least one item per node), for callers that reuse a buffer.</summary>
    public static void Forward(AttackGraph graph, IEnumerable<int> starts, Span<bool> seen, Func<int, bool>? removed = null)
    {
        seen[..graph.NodeCount].Clear();
        using var queueWork = WorkArray<int>.Rent(graph.NodeCount);
        var queue = queueWork.Array;
        var (read, write) = (0, 0);
        foreach (var s in starts)
        {
            if (!seen[s] && !IsRemoved(graph, s, removed))
            {
                seen[s] = true;
                queue[write++] = s;
            }
        }

        while (read < write)
        {
            foreach (var next in graph.Successors(queue[read++]))
            {
                if (!seen[next] && !IsRemoved(graph, next, removed))
                {
                    seen[next] = true;
                    queue[write++] = next;
                }
            }
        }
    }

    /// <summary>Nodes from which some node of <paramref name="targets"/> is reachable (the targets included).</summary>
    public static bool[] Backward(AttackGraph graph, IEnumerable<int> targets) => [.. StepsToTargets(graph, targets).Select(d => d >= 0)];

    /// <summary>Per node: the fewest edges from it to a node of <paramref name="targets"/>, or -1 when none is reachable.</summary>
    public static int[] StepsToTargets(AttackGraph graph, IEnumerable<int> targets)
    {
        var steps = new int[graph.NodeCount];
        StepsToTargets(graph, targets, steps);
        return steps;
    }

    /// <summary>The same into <paramref name="steps"/> (at least one item per node), for callers that reuse a buffer. Negative targets are skipped.</summary>
    public static void StepsToTargets(AttackGraph graph, IEnumerable<int> targets, Span<int> steps)
    {
        // Predecessors as one array grouped by node: the graph keeps in-edges as edge ids, and finding an edge's source
        // costs a binary search each.
        var n = graph.NodeCount;
        using var startWork = WorkArray<int>.Filled(n + 1, 0);
        var start = startWork.Array;
        for (var u = 0; u < n; u++)
        {
            foreach (var v in graph.Successors(u))
            {
                start[v + 1]++;
            }
        }

        for (var v = 0; v < n; v++)
        {
            start[v + 1] += start[v];
        }

        using var fillWork = WorkArray<int>.Rent(n);
        var fill = fillWork.Array;
        start.AsSpan(0, n).CopyTo(fill);
        using var predecessorsWork = WorkArray<int>.Rent(start[n]);
        var predecessors = predecessorsWork.Array;
        for (var u = 0; u < n; u++)
        {
            foreach (var v in graph.Successors(u))
            {
                predecessors[fill[v]++] = u;
            }
        }

        steps[..n].Fill(-1);
        using var queueWork = WorkArray<int>.Rent(n);
        var queue = queueWork.Array;
        var (read, write) = (0, 0);
        foreach (var t in targets)
        {
            if (t >= 0 && steps[t] < 0)
            {
                steps[t] = 0;
                queue[write++] = t;
            }
        }

        while (read < write)
        {
            var node = queue[read++];
            for (var i = start[node]; i < start[node + 1]; i++)
            {
                var previous = predecessors[i];
                if (steps[previous] < 0)
                {
                    steps[previous] = steps[node] + 1;
                    queue[write++] = previous;
                }
            }
        }
    }

    /// <summary>Nodes that lie on some path from a source to one of <paramref name="targets"/>.</summary>
    public static bool[] Between(AttackGraph graph, IEnumerable<int> targets)
    {
        var forward = Forward(graph, graph.SourceNodes);
        var backward = Backward(graph, targets);
        for (var i = 0; i < forward.Length; i++)
        {
            forward[i] &= backward[i];
        }

        return forward;
    }

    private static bool IsRemoved(AttackGraph graph, int node, Func<int, bool>? removed) =>
        removed is not null && graph.ElementOf(node) is var e and >= 0 && removed(e);
}
