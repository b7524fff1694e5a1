using System.Buffers;

namespace Seam.Exposure.Planning;

/// <summary>
/// Maximum flow by augmenting paths found depth first (Ford–Fulkerson), for the small flows of minimum cuts: a cut of
/// a dozen elements needs a dozen searches, and the last one, which fails, only explores the source side of the cut.
/// Add the arcs, run, then read the cut (<see cref="SourceSide"/>) and the flow as paths (<see cref="Paths"/>); change
/// capacities with <see cref="SetCapacity"/> and run again, or <see cref="Clear"/> it for the next network. Its arrays
/// are borrowed from <see cref="ArrayPool{T}.Shared"/> (a recompute solves one network per site, every time): dispose
/// it to hand them back. Not thread-safe.
/// </summary>
internal sealed class MaxFlow : IDisposable
{
    /// <summary>
    /// Capacity of an arc that can never be cut. The other capacities must add up to less than half of it: a path that
    /// carries more than that means no finite cut exists.
    /// </summary>
    public const int Unbounded = 1 << 30;

    private int nodeCount;
    private int[] head;
    private int[] capacity;
    private int arcCount;
    private int[] residual = [];
    private int[] arcStart = [];
    private int[] arcs = [];
    private int[] visited = [];
    private int[] current = [];
    private int[] pathArcs = [];
    private int[] fill = [];
    private int[] queue = [];
    private int search;

    // Flow not yet assigned to a path, next arc to look at, and place on the current path (-1 when off it: kept so
    // between runs of Paths), for Paths.
    private int[] left = [];
    private int[] next = [];
    private int[] position = [];
    private bool frozen;

    /// <param name="expectedArcs">How many arcs will be added, if known: saves growing the arc lists.</param>
    public MaxFlow(int nodeCount, int expectedArcs = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        this.nodeCount = nodeCount;
        head = Pool.Rent(Math.Max(2, 2 * expectedArcs));
        capacity = Pool.Rent(head.Length);
    }

    private static ArrayPool<int> Pool => ArrayPool<int>.Shared;

    public int NodeCount => nodeCount;

    /// <summary>
    /// Empties the network for <paramref name="newNodeCount"/> nodes and keeps its buffers: solving many networks one
    /// after the other then allocates for the largest only.
    /// </summary>
    public void Clear(int newNodeCount, int expectedArcs = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(newNodeCount);
        nodeCount = newNodeCount;
        arcCount = 0;
        frozen = false;
        Ensure(ref head, 2 * expectedArcs);
        Ensure(ref capacity, 2 * expectedArcs);
    }

    public void Dispose()
    {
        foreach (var buffer in (int[][])[head, capacity, residual, arcStart, arcs, visited, current, pathArcs, fill, queue, left, next, position])
        {
            Return(buffer);
        }

        head = capacity = residual = arcStart = arcs = visited = current = pathArcs = fill = queue = left = next = position = [];
    }

    /// <summary>
    /// Adds an arc and its reverse (capacity 0); returns the arc's id. A node's arcs are tried in the order they were
    /// added, so add the most direct ones (into the sink) first.
    /// </summary>
    public int AddArc(int from, int to, int capacity)
    {
        CheckCapacity(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)from, (uint)nodeCount, nameof(from));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)to, (uint)nodeCount, nameof(to));
        if (frozen)
        {
            throw new InvalidOperationException("Arcs cannot be added once the flow has run.");
        }

        // Arc 2k runs from → to, arc 2k+1 back; the tail of an arc is the head of its partner.
        if (arcCount + 2 > head.Length)
        {
            Grow(ref head, 2 * head.Length, arcCount);
            Grow(ref this.capacity, head.Length, arcCount);
        }

        head[arcCount] = to;
        this.capacity[arcCount] = capacity;
        head[arcCount + 1] = from;
        this.capacity[arcCount + 1] = 0;
        arcCount += 2;
        return arcCount - 2;
    }

    /// <summary>Changes an arc's capacity for the next <see cref="Run"/>, which starts again from no flow.</summary>
    public void SetCapacity(int arc, int newCapacity)
    {
        CheckCapacity(newCapacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)arc, (uint)arcCount, nameof(arc));
        if ((arc & 1) == 1)
        {
            throw new ArgumentException("Reverse arcs have no capacity of their own.", nameof(arc));
        }

        capacity[arc] = newCapacity;
    }

    /// <summary>The maximum flow from <paramref name="source"/> to <paramref name="sink"/>, or <see cref="long.MaxValue"/> when a path of unbounded arcs joins them.</summary>
    public long Run(int source, int sink)
    {
        Freeze();
        Array.Copy(capacity, residual, arcCount);
        long total = 0;
        while (Augment(source, sink) is var pushed and > 0)
        {
            // Unbounded arcs that already carry some flow have a little less than Unbounded left; cut capacities are
            // small counts, so anything near Unbounded can only have come through unbounded arcs.
            if (pushed >= Unbounded / 2)
            {
                return long.MaxValue;
            }

            total += pushed;
        }

        return total;
    }

    /// <summary>Finds one path with room left, depth first, and pushes as much as it carries; 0 when there is none.</summary>
    private int Augment(int source, int sink)
    {
        search++;
        visited[source] = search;
        current[source] = arcStart[source];
        var depth = 0;
        var u = source;
        while (u != sink)
        {
            var advanced = false;
            for (; current[u] < arcStart[u + 1]; current[u]++)
            {
                var arc = arcs[current[u]];
                var v = head[arc];
                if (residual[arc] > 0 && visited[v] != search)
                {
                    visited[v] = search;
                    current[v] = arcStart[v];
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

            if (depth == 0)
            {
                return 0;
            }

            u = head[pathArcs[--depth] ^ 1];
            current[u]++;
        }

        var bottleneck = Unbounded;
        for (var i = 0; i < depth; i++)
        {
            bottleneck = Math.Min(bottleneck, residual[pathArcs[i]]);
        }

        if (bottleneck < Unbounded / 2)
        {
            for (var i = 0; i < depth; i++)
            {
                residual[pathArcs[i]] -= bottleneck;
                residual[pathArcs[i] ^ 1] += bottleneck;
            }
        }

        return bottleneck;
    }

    private static void CheckCapacity(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, Unbounded);
    }

    /// <summary>After <see cref="Run"/>: the nodes still reachable from <paramref name="source"/> in the residual network (the source side of a minimum cut).</summary>
    public bool[] SourceSide(int source)
    {
        var seen = new bool[nodeCount];
        SourceSide(source, seen);
        return seen;
    }

    /// <summary>The same into <paramref name="seen"/> (at least <see cref="NodeCount"/> long), for callers that reuse a buffer.</summary>
    public void SourceSide(int source, Span<bool> seen)
    {
        Freeze();
        ArgumentOutOfRangeException.ThrowIfLessThan(seen.Length, nodeCount, nameof(seen));
        seen[..nodeCount].Clear();
        Ensure(ref queue, nodeCount);
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
    }

    /// <summary>Units of flow on an arc (as returned by <see cref="AddArc"/>).</summary>
    public int FlowOn(int arc) => capacity[arc] - Residual(arc);

    /// <summary>
    /// After <see cref="Run"/>: the flow split into one node sequence per unit, each from <paramref name="source"/> to
    /// <paramref name="sink"/>. Flow going round in circles (possible through unbounded arcs) is dropped.
    /// </summary>
    public List<int[]> Paths(int source, int sink)
    {
        Freeze();
        Ensure(ref left, arcCount);
        Ensure(ref next, nodeCount + 1);
        if (position.Length < nodeCount)
        {
            Return(position);
            position = Pool.Rent(nodeCount);
            Array.Fill(position, -1);
        }

        for (var arc = 0; arc < arcCount; arc += 2)
        {
            left[arc] = capacity[arc] - residual[arc];
        }

        Array.Copy(arcStart, next, nodeCount + 1);
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
                var arc = NextWithFlow(u);
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

    private int NextWithFlow(int u)
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

    private int Residual(int arc) => frozen ? residual[arc] : capacity[arc];

    /// <summary>Makes <paramref name="buffer"/> hold at least <paramref name="length"/> items; what it held is kept only when it is big enough.</summary>
    private static void Ensure(ref int[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            Return(buffer);
            buffer = Pool.Rent(length);
        }
    }

    /// <summary>Makes <paramref name="buffer"/> hold at least <paramref name="length"/> items, keeping its first <paramref name="used"/>.</summary>
    private static void Grow(ref int[] buffer, int length, int used)
    {
        var grown = Pool.Rent(length);
        buffer.AsSpan(0, used).CopyTo(grown);
        Return(buffer);
        buffer = grown;
    }

    /// <summary>Hands a buffer back; the empty ones the fields start with were never borrowed.</summary>
    private static void Return(int[] buffer)
    {
        if (buffer.Length > 0)
        {
            Pool.Return(buffer);
        }
    }

    /// <summary>Arcs grouped by tail in one array, so a node's arcs are read in one sweep.</summary>
    private void Freeze()
    {
        if (frozen)
        {
            return;
        }

        frozen = true;
        Ensure(ref residual, arcCount);
        Ensure(ref arcs, arcCount);
        Ensure(ref current, nodeCount);
        Ensure(ref pathArcs, nodeCount);
        Ensure(ref fill, nodeCount + 1);

        // Stamps of earlier searches are all below the next one, so visited marks left from another network do no harm;
        // a newly borrowed array holds someone else's numbers, so it starts from zero.
        if (visited.Length < nodeCount)
        {
            Return(visited);
            visited = Pool.Rent(nodeCount);
            Array.Clear(visited);
        }

        Ensure(ref arcStart, nodeCount + 1);
        Array.Clear(arcStart, 0, nodeCount + 1);
        for (var arc = 0; arc < arcCount; arc++)
        {
            arcStart[head[arc ^ 1] + 1]++;
        }

        for (var v = 0; v < nodeCount; v++)
        {
            arcStart[v + 1] += arcStart[v];
        }

        Array.Copy(arcStart, fill, nodeCount + 1);
        for (var arc = 0; arc < arcCount; arc++)
        {
            arcs[fill[head[arc ^ 1]]++] = arc;
        }
    }
}
