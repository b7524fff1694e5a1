namespace Seam.Exposure.Planning;

/// <summary>
/// Maximum flow by Dinic's algorithm on integer capacities, for the unit-capacity networks of minimum cuts: add the
/// arcs, run once, then read the cut (<see cref="SourceSide"/>) and the flow as paths (<see cref="Paths"/>).
/// Not thread-safe; one instance per network.
/// </summary>
internal sealed class MaxFlow
{
    /// <summary>Capacity of an arc that can never be cut; a flow this large means no finite cut exists.</summary>
    public const int Unbounded = 1 << 30;

    private readonly int nodeCount;
    private readonly List<int> heads = [];
    private readonly List<int> capacities = [];
    private int[] head = [];
    private int[] residual = [];
    private int[] arcStart = [];
    private int[] arcs = [];
    private bool frozen;

    public MaxFlow(int nodeCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        this.nodeCount = nodeCount;
    }

    public int NodeCount => nodeCount;

    /// <summary>Adds an arc and its reverse (capacity 0); returns the arc's id.</summary>
    public int AddArc(int from, int to, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, Unbounded);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)from, (uint)nodeCount, nameof(from));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)to, (uint)nodeCount, nameof(to));
        if (frozen)
        {
            throw new InvalidOperationException("Arcs cannot be added once the flow has run.");
        }

        // Arc 2k runs from → to, arc 2k+1 back; the tail of an arc is the head of its partner.
        heads.Add(to);
        capacities.Add(capacity);
        heads.Add(from);
        capacities.Add(0);
        return heads.Count - 2;
    }

    /// <summary>The maximum flow from <paramref name="source"/> to <paramref name="sink"/>, or <see cref="long.MaxValue"/> when a path of unbounded arcs joins them.</summary>
    public long Run(int source, int sink)
    {
        Freeze();
        var level = new int[nodeCount];
        var current = new int[nodeCount];
        var queue = new int[nodeCount];
        var pathArcs = new int[nodeCount];
        long total = 0;
        while (Levels(source, sink, level, queue))
        {
            Array.Copy(arcStart, current, nodeCount);
            var depth = 0;
            var u = source;
            while (true)
            {
                if (u == sink)
                {
                    var bottleneck = Unbounded;
                    for (var i = 0; i < depth; i++)
                    {
                        bottleneck = Math.Min(bottleneck, residual[pathArcs[i]]);
                    }

                    if (bottleneck >= Unbounded)
                    {
                        return long.MaxValue;
                    }

                    for (var i = 0; i < depth; i++)
                    {
                        residual[pathArcs[i]] -= bottleneck;
                        residual[pathArcs[i] ^ 1] += bottleneck;
                    }

                    total += bottleneck;

                    // Go back to just before the first arc the push saturated and look for the next path from there.
                    var saturated = 0;
                    while (residual[pathArcs[saturated]] > 0)
                    {
                        saturated++;
                    }

                    depth = saturated;
                    u = depth == 0 ? source : head[pathArcs[depth - 1]];
                    continue;
                }

                var advanced = false;
                for (; current[u] < arcStart[u + 1]; current[u]++)
                {
                    var arc = arcs[current[u]];
                    var v = head[arc];
                    if (residual[arc] > 0 && level[v] == level[u] + 1)
                    {
                        pathArcs[depth++] = arc;
                        u = v;
                        advanced = true;
                        break;
                    }
                }

                if (advanced)
                {
                    continue;
                }

                if (u == source)
                {
                    break;
                }

                // A dead end: nothing more passes u in this phase.
                level[u] = -1;
                depth--;
                u = head[pathArcs[depth] ^ 1];
                current[u]++;
            }
        }

        return total;
    }

    /// <summary>After <see cref="Run"/>: the nodes still reachable from <paramref name="source"/> in the residual network (the source side of a minimum cut).</summary>
    public bool[] SourceSide(int source)
    {
        Freeze();
        var seen = new bool[nodeCount];
        var queue = new int[nodeCount];
        var (read, write) = (0, 0);
        seen[source] = true;
        queue[write++] = source;
        while (read < write)
        {
            var u = queue[read++];
            for (var i = arcStart[u]; i < arcStart[u + 1]; i++)
            {
                var arc = arcs[i];
                if (residual[arc] > 0 && !seen[head[arc]])
                {
                    seen[head[arc]] = true;
                    queue[write++] = head[arc];
                }
            }
        }

        return seen;
    }

    /// <summary>Units of flow on an arc (as returned by <see cref="AddArc"/>).</summary>
    public int FlowOn(int arc) => capacities[arc] - Residual(arc);

    /// <summary>
    /// After <see cref="Run"/>: the flow split into one node sequence per unit, each from <paramref name="source"/> to
    /// <paramref name="sink"/>. Flow going round in circles (possible through unbounded arcs) is dropped.
    /// </summary>
    public List<int[]> Paths(int source, int sink)
    {
        Freeze();
        var left = new int[heads.Count];
        for (var arc = 0; arc < left.Length; arc += 2)
        {
            left[arc] = FlowOn(arc);
        }

        var next = (int[])arcStart.Clone();
        var position = new int[nodeCount];
        Array.Fill(position, -1);
        var nodes = new List<int>();
        var used = new List<int>();
        var paths = new List<int[]>();
        while (true)
        {
            nodes.Clear();
            used.Clear();
            nodes.Add(source);
            position[source] = 0;
            var u = source;
            while (u != sink)
            {
                var arc = NextWithFlow(u, next, left);
                if (arc < 0)
                {
                    break;
                }

                var v = head[arc];
                if (position[v] >= 0)
                {
                    // A circle back to v: cancel one unit around it and carry on from v.
                    left[arc]--;
                    for (var i = position[v]; i < used.Count; i++)
                    {
                        left[used[i]]--;
                    }

                    for (var i = position[v] + 1; i < nodes.Count; i++)
                    {
                        position[nodes[i]] = -1;
                    }

                    nodes.RemoveRange(position[v] + 1, nodes.Count - position[v] - 1);
                    used.RemoveRange(position[v], used.Count - position[v]);
                    u = v;
                    continue;
                }

                position[v] = nodes.Count;
                nodes.Add(v);
                used.Add(arc);
                u = v;
            }

            foreach (var v in nodes)
            {
                position[v] = -1;
            }

            if (u != sink)
            {
                // Flow is conserved, so the walk only gets stuck at the source once all of it is accounted for.
                return u == source ? paths : throw new InvalidOperationException("The flow is not conserved.");
            }

            foreach (var arc in used)
            {
                left[arc]--;
            }

            paths.Add([.. nodes]);
        }
    }

    private int NextWithFlow(int u, int[] next, int[] left)
    {
        for (; next[u] < arcStart[u + 1]; next[u]++)
        {
            var arc = arcs[next[u]];
            if ((arc & 1) == 0 && left[arc] > 0)
            {
                return arc;
            }
        }

        return -1;
    }

    private int Residual(int arc) => frozen ? residual[arc] : capacities[arc];

    /// <summary>Breadth-first levels in the residual network; false when the sink is out of reach.</summary>
    private bool Levels(int source, int sink, int[] level, int[] queue)
    {
        Array.Fill(level, -1);
        var (read, write) = (0, 0);
        level[source] = 0;
        queue[write++] = source;
        while (read < write)
        {
            var u = queue[read++];
            for (var i = arcStart[u]; i < arcStart[u + 1]; i++)
            {
                var arc = arcs[i];
                var v = head[arc];
                if (residual[arc] > 0 && level[v] < 0)
                {
                    level[v] = level[u] + 1;
                    queue[write++] = v;
                }
            }
        }

        return level[sink] >= 0;
    }

    /// <summary>Arcs grouped by tail in one array, so a node's arcs are read in one sweep.</summary>
    private void Freeze()
    {
        if (frozen)
        {
            return;
        }

        frozen = true;
        head = [.. heads];
        residual = [.. capacities];
        arcStart = new int[nodeCount + 1];
        for (var arc = 0; arc < head.Length; arc++)
        {
            arcStart[head[arc ^ 1] + 1]++;
        }

        for (var v = 0; v < nodeCount; v++)
        {
            arcStart[v + 1] += arcStart[v];
        }

        var fill = (int[])arcStart.Clone();
        arcs = new int[head.Length];
        for (var arc = 0; arc < head.Length; arc++)
        {
            arcs[fill[head[arc ^ 1]]++] = arc;
        }
    }
}
