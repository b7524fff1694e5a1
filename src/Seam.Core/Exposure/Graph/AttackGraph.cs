namespace Seam.Exposure.Graph;

/// <summary>What a node of the attack graph stands for.</summary>
public enum NodeKind : byte
{
    /// <summary>The attacker holds an entry point. Subject: entry index.</summary>
    Entry,

    /// <summary>The attacker has a foothold in a zone's network and can send to anything in it. Subject: zone index.</summary>
    Position,

    /// <summary>Packets pass one service of one conduit, in one direction. Subject: conduit index.</summary>
    ConduitService,

    /// <summary>Packets pass an asset-level allow rule. Subject: rule index.</summary>
    AllowRule,

    /// <summary>Packets follow an observed flow. Subject: flow index.</summary>
    ObservedFlow,

    /// <summary>A controlled trust-holding host uses its own sessions over one route (same zone, conduit service, rule, flow). Subject: asset index of the trusted host.</summary>
    TrustedRoute,

    /// <summary>The attacker can send packets to at least one service of an asset. Subject: asset index.</summary>
    NetworkReach,

    /// <summary>The attacker can send packets to an unauthenticated ICS service of an asset. Subject: asset index.</summary>
    IcsReach,

    /// <summary>A finding is exploitable from where the attacker is. Subject: finding index.</summary>
    Exploit,

    /// <summary>The attacker controls the asset. Subject: asset index.</summary>
    Control,

    /// <summary>The attacker can manipulate the process through the asset. Subject: asset index.</summary>
    Manipulate,
}

/// <summary>Why an edge exists; paths are explained from these.</summary>
public enum StepKind : byte
{
    EntryLands,
    EntryTargets,
    SameZone,
    ConduitForward,
    ConduitReverse,
    AllowRule,
    ObservedFlow,
    Exploit,
    UnauthenticatedIcs,
    ControllerCommand,
    TrustedSession,
    Pivot,

    /// <summary>Structural edge with nothing to explain (e.g. into a route node).</summary>
    Pass,
}

/// <summary>
/// The attack graph in compressed-sparse-row form: nodes are attacker states and gates, edges carry a likelihood.
/// Every action a plan or a what-if can take removes nodes of exactly one <see cref="CutElement"/>; a node belongs to at
/// most one element. Build it with <see cref="AttackGraphBuilder"/>.
/// </summary>
public sealed class AttackGraph
{
    private readonly NodeKind[] kinds;
    private readonly int[] subjects;
    private readonly int[] elements;
    private readonly int[] outStart;
    private readonly int[] outTarget;
    private readonly double[] outLikelihood;
    private readonly double[] outCost;
    private readonly StepKind[] outStep;
    private readonly int[] outVia;
    private readonly bool[] soleInEdge;
    private int[]? inStart;
    private int[]? inEdge;

    internal AttackGraph(NodeKind[] kinds, int[] subjects, int[] elements, int[] outStart, int[] outTarget, double[] outLikelihood,
        double[] outCost, StepKind[] outStep, int[] outVia, bool[] soleInEdge, IReadOnlyList<CutElement> elementList, int[] sourceNodes,
        double[] sourceLikelihood)
    {
        this.kinds = kinds;
        this.subjects = subjects;
        this.elements = elements;
        this.outStart = outStart;
        this.outTarget = outTarget;
        this.outLikelihood = outLikelihood;
        this.outCost = outCost;
        this.outStep = outStep;
        this.outVia = outVia;
        this.soleInEdge = soleInEdge;
        Elements = elementList;
        SourceNodes = sourceNodes;
        SourceLikelihood = sourceLikelihood;
    }

    public int NodeCount => kinds.Length;

    public int EdgeCount => outTarget.Length;

    /// <summary>Things an action can remove; <see cref="ElementOf"/> indexes into it.</summary>
    public IReadOnlyList<CutElement> Elements { get; }

    /// <summary>Entry nodes, one per entry point (and active access grant), in entry index order.</summary>
    public IReadOnlyList<int> SourceNodes { get; }

    /// <summary>Probability an attacker holds each entry point.</summary>
    public IReadOnlyList<double> SourceLikelihood { get; }

    public NodeKind KindOf(int node) => kinds[node];

    /// <summary>Index of the entry, zone, conduit, rule, flow, asset or finding the node stands for (see <see cref="NodeKind"/>).</summary>
    public int SubjectOf(int node) => subjects[node];

    /// <summary>Index into <see cref="Elements"/>, or -1 when no action removes the node by itself.</summary>
    public int ElementOf(int node) => elements[node];

    /// <summary>Edge indexes leaving <paramref name="node"/> are <c>[start, end)</c>.</summary>
    public (int Start, int End) OutEdges(int node) => (outStart[node], outStart[node + 1]);

    public int Target(int edge) => outTarget[edge];

    public double Likelihood(int edge) => outLikelihood[edge];

    /// <summary>−ln <see cref="Likelihood"/>: the edge's length for most-likely-path searches, worked out once per graph.</summary>
    public double Cost(int edge) => outCost[edge];

    /// <summary>Every edge's <see cref="Cost"/>, indexed by edge, for searches that walk all of them.</summary>
    public ReadOnlySpan<double> Costs => outCost;

    /// <summary>Every edge's target node, indexed by edge.</summary>
    public ReadOnlySpan<int> Targets => outTarget;

    /// <summary>Where each node's edges start, indexed by node, with the edge count at <see cref="NodeCount"/>.</summary>
    public ReadOnlySpan<int> EdgeStarts => outStart;

    /// <summary>Every edge's step, indexed by edge.</summary>
    public ReadOnlySpan<StepKind> Steps => outStep;

    public StepKind Step(int edge) => outStep[edge];

    /// <summary>The conduit, rule, flow, entry or finding index the step goes through, or -1.</summary>
    public int Via(int edge) => outVia[edge];

    public ReadOnlySpan<int> Successors(int node) => outTarget.AsSpan(outStart[node], outStart[node + 1] - outStart[node]);

    /// <summary>True when exactly one edge enters the node (an exploit node, for one): its way in is settled with its source.</summary>
    public bool HasOneWayIn(int node) => soleInEdge[node];

    /// <summary>Edge indexes entering <paramref name="node"/> (built on first use).</summary>
    public ReadOnlySpan<int> InEdges(int node)
    {
        EnsureReverse();
        return inEdge.AsSpan(inStart![node], inStart[node + 1] - inStart[node]);
    }

    /// <summary>The node an edge leaves from.</summary>
    public int Source(int edge)
    {
        var lo = 0;
        var hi = kinds.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (outStart[mid] <= edge)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private void EnsureReverse()
    {
        if (inStart is not null)
        {
            return;
        }

        var start = new int[kinds.Length + 1];
        foreach (var t in outTarget)
        {
            start[t + 1]++;
        }

        for (var i = 0; i < kinds.Length; i++)
        {
            start[i + 1] += start[i];
        }

        var fill = (int[])start.Clone();
        var edges = new int[outTarget.Length];
        for (var e = 0; e < outTarget.Length; e++)
        {
            edges[fill[outTarget[e]]++] = e;
        }

        inEdge = edges;
        inStart = start;
    }
}

/// <summary>Collects nodes and edges, then freezes them into an <see cref="AttackGraph"/>.</summary>
/// <remarks>Nodes and edges go into growable arrays, one per field, borrowed (<see cref="WorkArray{T}"/>: a recompute
/// at 100,000 assets stages 50 MB of them) and handed back on <see cref="Dispose"/>. <see cref="Build"/> sorts the edges
/// by source node (stable: a node's edges keep the order they were added in) into the graph's compressed rows.</remarks>
public sealed class AttackGraphBuilder : IDisposable
{
    private WorkArray<NodeKind> kinds;
    private WorkArray<int> subjects;
    private WorkArray<int> elements;
    private int nodeCount;
    private WorkArray<int> edgeFrom;
    private WorkArray<int> edgeTo;
    private WorkArray<double> edgeLikelihood;
    private WorkArray<StepKind> edgeStep;
    private WorkArray<int> edgeVia;
    private int edgeCount;
    private CutElement?[] elementList;
    private int elementCount;

    // The element array is handed to the last graph built without a copy; a change after that copies it first.
    private bool elementsShared;
    private bool disposed;
    private readonly List<ElementBlock> madeWhenRead = [];
    private readonly Dictionary<string, int> elementByKey = new(StringComparer.Ordinal);
    private readonly List<int> sources = [];
    private readonly List<double> sourceLikelihood = [];

    public AttackGraphBuilder()
        : this(16, 16)
    {
    }

    /// <summary>A builder with room for about as many nodes, edges and elements as expected; it grows past them when needed.</summary>
    public AttackGraphBuilder(int nodeCapacity, int edgeCapacity, int elementCapacity = 16)
    {
        nodeCapacity = Math.Max(nodeCapacity, 16);
        edgeCapacity = Math.Max(edgeCapacity, 16);
        kinds = WorkArray<NodeKind>.Rent(nodeCapacity);
        subjects = WorkArray<int>.Rent(nodeCapacity);
        elements = WorkArray<int>.Rent(nodeCapacity);
        edgeFrom = WorkArray<int>.Rent(edgeCapacity);
        edgeTo = WorkArray<int>.Rent(edgeCapacity);
        edgeLikelihood = WorkArray<double>.Rent(edgeCapacity);
        edgeStep = WorkArray<StepKind>.Rent(edgeCapacity);
        edgeVia = WorkArray<int>.Rent(edgeCapacity);
        elementList = new CutElement?[Math.Max(elementCapacity, 16)];
    }

    public int NodeCount => nodeCount;

    public int AddNode(NodeKind kind, int subject, int element = -1)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (nodeCount == kinds.Array.Length)
        {
            var grown = kinds.Array.Length * 2;
            Grow(ref kinds, grown, nodeCount);
            Grow(ref subjects, grown, nodeCount);
            Grow(ref elements, grown, nodeCount);
        }

        kinds.Array[nodeCount] = kind;
        subjects.Array[nodeCount] = subject;
        elements.Array[nodeCount] = element;
        return nodeCount++;
    }

    /// <summary>Registers an element once by its key and returns its index.</summary>
    public int Element(CutElement element)
    {
        if (!elementByKey.TryGetValue(element.Key, out var index))
        {
            index = NewElement(element);
            elementByKey.Add(element.Key, index);
        }

        return index;
    }

    /// <summary>Registers an element known to be new (assets, findings) without the key look-up.</summary>
    public int NewElement(CutElement element)
    {
        ReserveElements(1);
        elementList[elementCount] = element;
        return elementCount++;
    }

    /// <summary>
    /// Registers <paramref name="count"/> elements known to be new, numbered from the index returned, each made by
    /// <paramref name="make"/> (given its number within the block) when first read: a graph has one per asset and per
    /// finding, and a recompute reads few of them.
    /// </summary>
    public int NewElements(int count, Func<int, CutElement> make)
    {
        ReserveElements(count);
        var first = elementCount;
        elementCount += count;
        madeWhenRead.Add(new ElementBlock(first, count, make));
        return first;
    }

    public void AddEdge(int from, int to, double likelihood, StepKind step, int via = -1)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (edgeCount == edgeFrom.Array.Length)
        {
            var grown = edgeFrom.Array.Length * 2;
            Grow(ref edgeFrom, grown, edgeCount);
            Grow(ref edgeTo, grown, edgeCount);
            Grow(ref edgeLikelihood, grown, edgeCount);
            Grow(ref edgeStep, grown, edgeCount);
            Grow(ref edgeVia, grown, edgeCount);
        }

        edgeFrom.Array[edgeCount] = from;
        edgeTo.Array[edgeCount] = to;
        edgeLikelihood.Array[edgeCount] = likelihood;
        edgeStep.Array[edgeCount] = step;
        edgeVia.Array[edgeCount] = via;
        edgeCount++;
    }

    public void AddSource(int node, double likelihood)
    {
        sources.Add(node);
        sourceLikelihood.Add(likelihood);
    }

    public AttackGraph Build()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var n = nodeCount;
        var m = edgeCount;
        var from = edgeFrom.Array;
        var to = edgeTo.Array;
        var start = new int[n + 1];
        var soleInEdge = new bool[n];
        using (var inDegreeWork = WorkArray<int>.Filled(n, 0))
        {
            var inDegree = inDegreeWork.Array;
            for (var e = 0; e < m; e++)
            {
                start[from[e] + 1]++;
                inDegree[to[e]]++;
            }

            for (var i = 0; i < n; i++)
            {
                soleInEdge[i] = inDegree[i] == 1;
            }
        }

        for (var i = 0; i < n; i++)
        {
            start[i + 1] += start[i];
        }

        var target = new int[m];
        var likelihood = new double[m];
        var cost = new double[m];
        var step = new StepKind[m];
        var via = new int[m];
        using (var fillWork = WorkArray<int>.Rent(n))
        {
            var fill = fillWork.Array;
            start.AsSpan(0, n).CopyTo(fill);
            var edgeP = edgeLikelihood.Array;
            var edgeS = edgeStep.Array;
            var edgeV = edgeVia.Array;
            for (var e = 0; e < m; e++)
            {
                var at = fill[from[e]]++;
                var p = edgeP[e];
                target[at] = to[e];
                likelihood[at] = p;
                // −ln 1 is 0: most edges are certain, and the logarithm is the dearest step of the copy.
                cost[at] = p == 1.0 ? 0.0 : -Math.Log(p);
                step[at] = edgeS[e];
                via[at] = edgeV[e];
            }
        }

        elementsShared = true;
        return new AttackGraph(kinds.Array[..n], subjects.Array[..n], elements.Array[..n], start, target, likelihood, cost, step, via,
            soleInEdge, new ElementList(elementList, elementCount, [.. madeWhenRead]), [.. sources], [.. sourceLikelihood]);
    }

    /// <summary>Hands the staging arrays back; graphs already built keep what they hold.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        kinds.Dispose();
        subjects.Dispose();
        elements.Dispose();
        edgeFrom.Dispose();
        edgeTo.Dispose();
        edgeLikelihood.Dispose();
        edgeStep.Dispose();
        edgeVia.Dispose();
    }

    private void ReserveElements(int more)
    {
        if (elementCount + more > elementList.Length)
        {
            Array.Resize(ref elementList, Math.Max(elementCount + more, elementList.Length * 2));
        }
        else if (elementsShared)
        {
            elementList = (CutElement?[])elementList.Clone();
        }

        elementsShared = false;
    }

    /// <summary>Borrows a longer array, copies the first <paramref name="used"/> items over and hands the old one back.</summary>
    private static void Grow<T>(ref WorkArray<T> work, int length, int used)
    {
        var grown = WorkArray<T>.Rent(length);
        work.Array.AsSpan(0, used).CopyTo(grown.Array);
        work.Dispose();
        work = grown;
    }
}

/// <summary>Elements numbered <c>First … First+Count−1</c>, made by <c>Make(index − First)</c> when first read.</summary>
internal readonly record struct ElementBlock(int First, int Count, Func<int, CutElement> Make);

/// <summary>A graph's elements, some made when first read (see <see cref="AttackGraphBuilder.NewElements"/>). Safe to read from several threads.</summary>
/// <remarks>The array may be longer than <see cref="Count"/> (the builder's own, handed over without a copy).</remarks>
internal sealed class ElementList(CutElement?[] elements, int count, ElementBlock[] blocks) : IReadOnlyList<CutElement>
{
    public int Count => count;

    public CutElement this[int index] => (uint)index < (uint)count ? elements[index] ?? Make(index) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<CutElement> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private CutElement Make(int index)
    {
        foreach (var block in blocks)
        {
            if (index >= block.First && index < block.First + block.Count)
            {
                var made = block.Make(index - block.First);
                // Two threads may make the same element at once; both then read the one stored first.
                return Interlocked.CompareExchange(ref elements[index], made, null) ?? made;
            }
        }

        throw new InvalidOperationException($"Element {index} was registered without a value.");
    }
}
