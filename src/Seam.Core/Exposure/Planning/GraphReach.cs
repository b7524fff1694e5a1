using Seam.Exposure.Graph;

namespace Seam.Exposure.Planning;

/// <summary>Breadth-first reach over an <see cref="AttackGraph"/>, optionally with some elements removed.</summary>
internal static class GraphReach
{
    /// <summary>Nodes reachable from <paramref name="starts"/> along out-edges; nodes of removed elements are never entered.</summary>
    public static bool[] Forward(AttackGraph graph, IEnumerable<int> starts, Func<int, bool>? removed = null)
    {
        var seen = new bool[graph.NodeCount];
        var queue = new Queue<int>();
        foreach (var s in starts)
        {
            if (!seen[s] && !IsRemoved(graph, s, removed))
            {
                seen[s] = true;
                queue.Enqueue(s);
            }
        }

        while (queue.TryDequeue(out var node))
        {
            foreach (var next in graph.Successors(node))
            {
                if (!seen[next] && !IsRemoved(graph, next, removed))
                {
                    seen[next] = true;
                    queue.Enqueue(next);
                }
            }
        }

        return seen;
    }

    /// <summary>Nodes from which some node of <paramref name="targets"/> is reachable (the targets included).</summary>
    public static bool[] Backward(AttackGraph graph, IEnumerable<int> targets)
    {
        var seen = new bool[graph.NodeCount];
        var queue = new Queue<int>();
        foreach (var t in targets)
        {
            if (!seen[t])
            {
                seen[t] = true;
                queue.Enqueue(t);
            }
        }

        while (queue.TryDequeue(out var node))
        {
            foreach (var edge in graph.InEdges(node))
            {
                var previous = graph.Source(edge);
                if (!seen[previous])
                {
                    seen[previous] = true;
                    queue.Enqueue(previous);
                }
            }
        }

        return seen;
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
