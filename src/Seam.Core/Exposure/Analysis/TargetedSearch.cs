using System.Buffers;
using System.Runtime.CompilerServices;
using Seam.Exposure.Graph;

namespace Seam.Exposure.Analysis;

/// <summary>
/// The most likely paths from one entry point to a few assets: Dijkstra from that entry alone, stopped as soon as every
/// asset's outcome is settled. It relaxes edges in the same order as <see cref="Propagation.MostLikely"/> with every
/// other entry point removed, so up to where it stops it builds the same tree.
/// </summary>
public static class TargetedSearch
{
    /// <summary>
    /// Per asset index in <paramref name="assets"/>: the most likely path from entry <paramref name="entry"/> to control
    /// of it or manipulation of the process through it, whichever is likelier (manipulation on a tie); null when the
    /// entry point reaches neither.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static AttackPath?[] PathsFrom(ExposureGraph exposure, int entry, IReadOnlyList<int> assets)
    {
        var graph = exposure.Graph;
        var n = graph.NodeCount;
        var cost = ArrayPool<double>.Shared.Rent(n);
        var parentEdge = ArrayPool<int>.Shared.Rent(n);
        var parentNode = ArrayPool<int>.Shared.Rent(n);
        var origin = ArrayPool<int>.Shared.Rent(n);
        var state = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            Array.Clear(state, 0, n);
            var targets = new Targets(exposure, assets);
            var source = graph.SourceNodes[entry];
            var queue = new PriorityQueue<int, double>();
            var c0 = -Math.Log(graph.SourceLikelihood[entry]);
            if (c0 < double.PositiveInfinity)
            {
                Reach(source, c0, -1, -1);
                origin[source] = entry;
                queue.Enqueue(source, c0);
            }

            while (targets.Open > 0 && queue.TryDequeue(out var u, out var cu))
            {
                if (state[u] == Done || cu > cost[u])
                {
                    continue;
                }

                targets.Settling(u, cu);
                state[u] = Done;
                var (start, end) = graph.OutEdges(u);
                for (var e = start; e < end; e++)
                {
                    var v = graph.Target(e);
                    if (state[v] == Done || (graph.KindOf(v) == NodeKind.Entry && v != source))
                    {
                        continue;
                    }

                    var cv = cu + graph.Cost(e);
                    var known = state[v] == Unseen ? double.PositiveInfinity : cost[v];
                    if (cv < known - 1e-12)
                    {
                        Reach(v, cv, e, u);
                        origin[v] = entry;
                        queue.Enqueue(v, cv);
                    }
                }
            }

            var explainer = new PathExplainer(exposure);
            var paths = new AttackPath?[assets.Count];
            for (var i = 0; i < assets.Count; i++)
            {
                var a = assets[i];
                var chosen = targets.Choice(i);
                if (chosen == Outcome.None)
                {
                    continue;
                }

                var node = chosen == Outcome.Manipulate ? exposure.ManipulateNode[a] : exposure.ControlNode[a];
                paths[i] = explainer.PathTo(node, a, parentEdge, parentNode, origin,
                    chosen == Outcome.Manipulate ? AttackerState.CanManipulateProcess : AttackerState.ControlsAsset);
            }

            return paths;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(cost);
            ArrayPool<int>.Shared.Return(parentEdge);
            ArrayPool<int>.Shared.Return(parentNode);
            ArrayPool<int>.Shared.Return(origin);
            ArrayPool<byte>.Shared.Return(state);
        }

        void Reach(int node, double c, int edge, int from)
        {
            cost[node] = c;
            parentEdge[node] = edge;
            parentNode[node] = from;
            state[node] = Seen;
        }
    }

    private const byte Unseen = 0;
    private const byte Seen = 1;
    private const byte Done = 2;

    private enum Outcome : byte
    {
        Open,
        None,
        Control,
        Manipulate,
    }

    /// <summary>
    /// Decides, per asset, between control and manipulation the way a full search would (manipulation when at least as
    /// likely), as soon as what is still to settle cannot change the answer.
    /// </summary>
    private sealed class Targets
    {
        private readonly Outcome[] choice;
        private readonly double[] controlLikelihood;
        private readonly Dictionary<int, List<(int Slot, bool Manipulate)>> byNode = [];
        private readonly List<int> waiting = [];

        public Targets(ExposureGraph exposure, IReadOnlyList<int> assets)
        {
            choice = new Outcome[assets.Count];
            controlLikelihood = new double[assets.Count];
            for (var i = 0; i < assets.Count; i++)
            {
                Add(exposure.ControlNode[assets[i]], i, false);
                Add(exposure.ManipulateNode[assets[i]], i, true);
            }

            Open = assets.Count;
        }

        public int Open { get; private set; }

        public Outcome Choice(int slot) => choice[slot] == Outcome.Open ? Waiting(slot) ? Outcome.Control : Outcome.None : choice[slot];

        /// <summary>Called before <paramref name="node"/> is settled at <paramref name="cost"/>; nothing later settles cheaper.</summary>
        public void Settling(int node, double cost)
        {
            var likelihood = Math.Exp(-cost);
            for (var i = waiting.Count - 1; i >= 0; i--)
            {
                // Manipulation can no longer come out at least as likely as the control already settled.
                if (likelihood < controlLikelihood[waiting[i]])
                {
                    Decide(waiting[i], Outcome.Control);
                }
            }

            if (!byNode.TryGetValue(node, out var slots))
            {
                return;
            }

            foreach (var (slot, manipulate) in slots)
            {
                if (choice[slot] != Outcome.Open)
                {
                    continue;
                }

                if (manipulate)
                {
                    Decide(slot, Outcome.Manipulate);
                }
                else
                {
                    controlLikelihood[slot] = likelihood;
                    waiting.Add(slot);
                }
            }
        }

        private bool Waiting(int slot) => waiting.Contains(slot);

        private void Decide(int slot, Outcome outcome)
        {
            choice[slot] = outcome;
            waiting.Remove(slot);
            Open--;
        }

        private void Add(int node, int slot, bool manipulate)
        {
            if (!byNode.TryGetValue(node, out var slots))
            {
                byNode[node] = slots = [];
            }

            slots.Add((slot, manipulate));
        }
    }
}
