using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using Seam.Exposure.Graph;

namespace Seam.Exposure.Analysis;

/// <summary>
/// What the incremental searches read off one baseline, worked out once per analysis and kept beside it: the exact
/// path costs of the most-likely tree, the tree's children, the node each edge leaves from, the nodes of every element,
/// and reusable work arrays. The first what-if on an analysis pays for it.
/// </summary>
internal sealed class SearchBaseline
{
    private static readonly ConditionalWeakTable<Propagated, SearchBaseline> Cache = new();

    private readonly int[] childStart;
    private readonly int[] children;
    private readonly int[] elementStart;
    private readonly int[] elementNodes;
    private readonly ConcurrentBag<SearchWorkspace> workspaces = [];

    private SearchBaseline(AttackGraph graph, Propagated searches)
    {
        Graph = graph;
        Searches = searches;
        var n = graph.NodeCount;
        if (n > 0)
        {
            // Built on first use and not guarded: build it here, once, before what-ifs read it side by side.
            graph.InEdges(0);
        }

        EdgeSource = new int[graph.EdgeCount];
        for (var u = 0; u < n; u++)
        {
            var (start, end) = graph.OutEdges(u);
            EdgeSource.AsSpan(start, end - start).Fill(u);
        }

        (childStart, children) = Group(n, n, v => searches.Likely.ParentNode[v]);
        (elementStart, elementNodes) = Group(n, graph.Elements.Count, graph.ElementOf);
        Cost = ExactCosts(graph, searches.Likely);

        // Found from the nodes' kinds: reading every element would make the half a million asset and finding elements
        // the graph makes only when read (seconds and hundreds of megabytes at 100,000 assets).
        RouteElements = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var v = 0; v < n; v++)
        {
            if (graph.ElementOf(v) is var e and >= 0
                && graph.KindOf(v) is NodeKind.Entry or NodeKind.ConduitService or NodeKind.AllowRule or NodeKind.ObservedFlow or NodeKind.TrustedRoute
                && graph.Elements[e].Kind is not (ElementKind.Asset or ElementKind.Finding))
            {
                RouteElements.TryAdd(graph.Elements[e].Key, e);
            }
        }
    }

    public AttackGraph Graph { get; }

    public Propagated Searches { get; }

    /// <summary>Per node, −ln of its baseline likelihood exactly as the full search summed it (+∞ when unreached).</summary>
    public double[] Cost { get; }

    /// <summary>Per edge, the node it leaves from.</summary>
    public int[] EdgeSource { get; }

    /// <summary>Entry-point, conduit-service, allow-rule and flow elements by <see cref="CutElement.Key"/>.</summary>
    public Dictionary<string, int> RouteElements { get; }

    public static SearchBaseline For(AttackGraph graph, Propagated searches) => Cache.GetValue(searches, s => new SearchBaseline(graph, s));

    /// <summary>Children of a node in the most-likely tree.</summary>
    public ReadOnlySpan<int> TreeChildren(int node) => children.AsSpan(childStart[node], childStart[node + 1] - childStart[node]);

    public ReadOnlySpan<int> NodesOf(int element) => elementNodes.AsSpan(elementStart[element], elementStart[element + 1] - elementStart[element]);

    public SearchWorkspace Rent() => workspaces.TryTake(out var w) ? w : new SearchWorkspace(Graph.NodeCount, Searches.Reach.Words);

    public void Return(SearchWorkspace workspace) => workspaces.Add(workspace);

    /// <summary>Items grouped by a key in [0, keys), as compressed rows; a negative key leaves the item out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int[] Start, int[] Items) Group(int items, int keys, Func<int, int> keyOf)
    {
        var start = new int[keys + 1];
        for (var i = 0; i < items; i++)
        {
            var k = keyOf(i);
            if (k >= 0)
            {
                start[k + 1]++;
            }
        }

        for (var k = 0; k < keys; k++)
        {
            start[k + 1] += start[k];
        }

        var fill = (int[])start.Clone();
        var grouped = new int[start[keys]];
        for (var i = 0; i < items; i++)
        {
            var k = keyOf(i);
            if (k >= 0)
            {
                grouped[fill[k]++] = i;
            }
        }

        return (start, grouped);
    }

    /// <summary>
    /// The tree's costs re-summed along its own edges, in the order the full search added them, so that a likelihood
    /// recomputed from them matches the full search bit for bit (−ln of a likelihood read back would not).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] ExactCosts(AttackGraph graph, LikelihoodTree tree)
    {
        var n = graph.NodeCount;
        var cost = new double[n];
        var known = new bool[n];
        var chain = new Stack<int>();
        for (var v = 0; v < n; v++)
        {
            for (var u = v; !known[u]; u = tree.ParentNode[u])
            {
                chain.Push(u);
                if (tree.ParentEdge[u] < 0)
                {
                    break;
                }
            }

            while (chain.TryPop(out var u))
            {
                var origin = tree.Origin[u];
                cost[u] = origin < 0 ? double.PositiveInfinity
                    : tree.ParentEdge[u] < 0 ? -Math.Log(graph.SourceLikelihood[origin])
                    : cost[tree.ParentNode[u]] + graph.Cost(tree.ParentEdge[u]);
                known[u] = true;
            }
        }

        return cost;
    }
}

/// <summary>Work arrays for one incremental search, reused between what-ifs; stamps instead of clearing.</summary>
internal sealed class SearchWorkspace(int nodes, int words)
{
    private int generation;

    public int[] Removed { get; } = new int[nodes];

    public int[] Affected { get; } = new int[nodes];

    public int[] Settled { get; } = new int[nodes];

    public int[] Queued { get; } = new int[nodes];

    public double[] Cost { get; } = new double[nodes];

    /// <summary>Entry bits confirmed after the change (only bits that could be lost are searched); zero between uses.</summary>
    public ulong[] Confirmed { get; } = new ulong[(long)nodes * words];

    public List<int> Touched { get; } = [];

    public int Generation => generation;

    public void Begin()
    {
        if (++generation == int.MaxValue)
        {
            Array.Clear(Removed);
            Array.Clear(Affected);
            Array.Clear(Settled);
            Array.Clear(Queued);
            generation = 1;
        }
    }
}

/// <summary>
/// The baseline's searches after nodes are removed and entry likelihoods lowered, updated instead of recomputed. Only
/// the nodes whose most likely path ran through a removed node (or started at an entry point that became less likely)
/// are searched again, from their live in-neighbours; only entry bits present on a removed node can be lost, and they
/// are pushed again from their entry points over the live nodes that had them. Changes that add reach are not handled
/// here (the caller rebuilds for those). The fewest-hops tree is not updated: a what-if does not read it. Dispose to
/// hand the work arrays back.
/// </summary>
internal sealed class IncrementalSearch : IDisposable
{
    private readonly SearchBaseline baseline;
    private readonly SearchWorkspace work;
    private readonly int stamp;
    private readonly List<int> affected = [];
    private readonly ulong[] losable;

    public IncrementalSearch(SearchBaseline baseline, IReadOnlyCollection<int> removedNodes, IReadOnlyDictionary<int, double> lowerSourceLikelihood)
    {
        this.baseline = baseline;
        work = baseline.Rent();
        work.Begin();
        stamp = work.Generation;
        var reach = baseline.Searches.Reach;
        losable = new ulong[reach.Words];
        foreach (var node in removedNodes)
        {
            work.Removed[node] = stamp;
            var bits = reach.Of(node);
            for (var w = 0; w < losable.Length; w++)
            {
                losable[w] |= bits[w];
            }
        }

        CollectAffected(removedNodes, lowerSourceLikelihood);
        Resettle(lowerSourceLikelihood);
        ConfirmEntryBits();
    }

    /// <summary>Nodes whose likelihood may have changed (removed ones included); every other node keeps its baseline path.</summary>
    public IReadOnlyList<int> Affected => affected;

    /// <summary>True when some node may have lost an entry point.</summary>
    public bool EntriesMayChange => losable.Any(w => w != 0);

    public bool IsRemoved(int node) => work.Removed[node] == stamp;

    public bool IsAffected(int node) => work.Affected[node] == stamp;

    public bool Reached(int node) => IsAffected(node) ? !IsRemoved(node) && !double.IsPositiveInfinity(work.Cost[node]) : baseline.Searches.Likely.Reached(node);

    public double Likelihood(int node) => IsAffected(node)
        ? IsRemoved(node) || double.IsPositiveInfinity(work.Cost[node]) ? 0 : Math.Exp(-work.Cost[node])
        : baseline.Searches.Likely.Likelihood[node];

    /// <summary>Writes the entry points that reach <paramref name="node"/> after the change into <paramref name="mask"/>.</summary>
    public void EntriesOf(int node, Span<ulong> mask)
    {
        var before = baseline.Searches.Reach.Of(node);
        if (IsRemoved(node))
        {
            mask.Clear();
            return;
        }

        var words = losable.Length;
        var confirmed = work.Confirmed.AsSpan(node * words, words);
        for (var w = 0; w < words; w++)
        {
            mask[w] = before[w] & ~(losable[w] & ~confirmed[w]);
        }
    }

    /// <summary>True when <paramref name="node"/> had an entry bit that could be lost.</summary>
    public bool MayLoseEntries(int node) => MayLoseAny(baseline.Searches.Reach.Of(node));

    /// <summary>True when an entry mask holds a bit that could be lost.</summary>
    public bool MayLoseAny(ReadOnlySpan<ulong> entries)
    {
        for (var w = 0; w < losable.Length; w++)
        {
            if ((entries[w] & losable[w]) != 0)
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        var words = losable.Length;
        foreach (var node in work.Touched)
        {
            work.Confirmed.AsSpan(node * words, words).Clear();
        }

        work.Touched.Clear();
        baseline.Return(work);
    }

    /// <summary>The subtrees of the most-likely tree under removed nodes and under entry points that became less likely.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CollectAffected(IReadOnlyCollection<int> removedNodes, IReadOnlyDictionary<int, double> lowerSourceLikelihood)
    {
        var likely = baseline.Searches.Likely;
        var stack = new Stack<int>();
        void Root(int node)
        {
            if (likely.Reached(node) && work.Affected[node] != stamp)
            {
                work.Affected[node] = stamp;
                stack.Push(node);
            }
        }

        foreach (var node in removedNodes)
        {
            Root(node);
        }

        foreach (var source in lowerSourceLikelihood.Keys)
        {
            Root(baseline.Graph.SourceNodes[source]);
        }

        while (stack.TryPop(out var u))
        {
            affected.Add(u);
            foreach (var child in baseline.TreeChildren(u))
            {
                if (work.Affected[child] != stamp)
                {
                    work.Affected[child] = stamp;
                    stack.Push(child);
                }
            }
        }
    }

    /// <summary>Dijkstra on −ln p over the affected nodes only, seeded from their unaffected in-neighbours (whose costs cannot change).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Resettle(IReadOnlyDictionary<int, double> lowerSourceLikelihood)
    {
        var graph = baseline.Graph;
        var cost = work.Cost;
        var queue = new PriorityQueue<int, double>();
        foreach (var v in affected)
        {
            cost[v] = double.PositiveInfinity;
            if (IsRemoved(v))
            {
                continue;
            }

            var best = double.PositiveInfinity;
            if (graph.KindOf(v) == NodeKind.Entry && lowerSourceLikelihood.TryGetValue(graph.SubjectOf(v), out var p))
            {
                best = -Math.Log(p);
            }

            foreach (var e in graph.InEdges(v))
            {
                var u = baseline.EdgeSource[e];
                if (IsAffected(u) || double.IsPositiveInfinity(baseline.Cost[u]))
                {
                    continue;
                }

                var c = baseline.Cost[u] + graph.Cost(e);
                if (c < best)
                {
                    best = c;
                }
            }

            cost[v] = best;
            if (!double.IsPositiveInfinity(best))
            {
                queue.Enqueue(v, best);
            }
        }

        while (queue.TryDequeue(out var u, out var cu))
        {
            if (work.Settled[u] == stamp || cu > cost[u])
            {
                continue;
            }

            work.Settled[u] = stamp;
            var (start, end) = graph.OutEdges(u);
            for (var e = start; e < end; e++)
            {
                var v = graph.Target(e);
                if (!IsAffected(v) || IsRemoved(v) || work.Settled[v] == stamp)
                {
                    continue;
                }

                var cv = cu + graph.Cost(e);
                if (cv < cost[v] - 1e-12)
                {
                    cost[v] = cv;
                    queue.Enqueue(v, cv);
                }
            }
        }
    }

    /// <summary>
    /// The entry bits a removed node carried, pushed again from their entry points over the live nodes that had them;
    /// all bits travel together, so a node is visited again only when a bit reaches it late.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ConfirmEntryBits()
    {
        var graph = baseline.Graph;
        var reach = baseline.Searches.Reach;
        var words = losable.Length;
        var confirmed = work.Confirmed;
        var queue = new Queue<int>();
        for (var w = 0; w < words; w++)
        {
            for (var bits = losable[w]; bits != 0; bits &= bits - 1)
            {
                var entry = (w << 6) + BitOperations.TrailingZeroCount(bits);
                var source = graph.SourceNodes[entry];
                if (!IsRemoved(source))
                {
                    Gain(source, w, 1UL << (entry & 63), queue);
                }
            }
        }

        while (queue.TryDequeue(out var u))
        {
            work.Queued[u] = 0;
            var from = u * words;
            foreach (var v in graph.Successors(u))
            {
                if (IsRemoved(v))
                {
                    continue;
                }

                var had = reach.Of(v);
                var to = v * words;
                for (var w = 0; w < words; w++)
                {
                    var gained = confirmed[from + w] & had[w] & ~confirmed[to + w];
                    if (gained != 0)
                    {
                        Gain(v, w, gained, queue);
                    }
                }
            }
        }
    }

    private void Gain(int node, int word, ulong bits, Queue<int> queue)
    {
        var words = losable.Length;
        var mask = work.Confirmed.AsSpan(node * words, words);
        if (mask.IndexOfAnyExcept(0UL) < 0)
        {
            work.Touched.Add(node);
        }

        mask[word] |= bits;
        if (work.Queued[node] != stamp)
        {
            work.Queued[node] = stamp;
            queue.Enqueue(node);
        }
    }
}
