using Seam.Exposure.Graph;

namespace Seam.Core.Tests.Exposure.Graph;

/// <summary>
/// Everything a built graph says, folded into one number: nodes in order (kind, subject, element), each node's edges in
/// order (target, likelihood, step, via), the elements (kind, id, name, service, key), the sources, the route of every
/// node, every finding's step (reach, likelihood and its words) and the entries' words. Two builds that agree on all of
/// it are the same graph to everything that reads one.
/// </summary>
internal static class GraphFingerprint
{
    public static ulong Of(ExposureGraph exposure)
    {
        var hash = new Fnv();
        var g = exposure.Graph;
        for (var n = 0; n < g.NodeCount; n++)
        {
            hash.Add((int)g.KindOf(n)).Add(g.SubjectOf(n)).Add(g.ElementOf(n));
            var (start, end) = g.OutEdges(n);
            for (var e = start; e < end; e++)
            {
                hash.Add(g.Target(e)).Add(BitConverter.DoubleToInt64Bits(g.Likelihood(e))).Add((int)g.Step(e)).Add(g.Via(e));
            }
        }

        foreach (var element in g.Elements)
        {
            hash.Add((int)element.Kind).Add(element.Id).Add(element.Name).Add(element.Service?.ToString()).Add(element.Key);
        }

        for (var s = 0; s < g.SourceNodes.Count; s++)
        {
            hash.Add(g.SourceNodes[s]).Add(BitConverter.DoubleToInt64Bits(g.SourceLikelihood[s]));
        }

        hash.Add(exposure.Routes.Count);
        for (var n = 0; n < g.NodeCount; n++)
        {
            if (exposure.Routes.TryGetValue(n, out var route))
            {
                hash.Add(n).Add((int)route.Kind).Add(route.Via).Add(route.Service?.ToString()).Add((int)route.Trust);
            }
        }

        foreach (var step in exposure.Steps)
        {
            hash.Add((int)step.Reach).Add(BitConverter.DoubleToInt64Bits(step.Likelihood)).Add(step.Why).Add(step.Evidence).Add(step.Exploitability);
        }

        foreach (var why in exposure.EntryLikelihoodWhy)
        {
            hash.Add(why);
        }

        foreach (var nodes in new[] { exposure.ControlNode, exposure.ManipulateNode, exposure.NetworkReachNode, exposure.ExploitNode })
        {
            foreach (var node in nodes)
            {
                hash.Add(node);
            }
        }

        return hash.Value;
    }

    /// <summary>64-bit FNV-1a: the same on every run and machine, unlike <see cref="string.GetHashCode()"/>.</summary>
    private sealed class Fnv
    {
        public ulong Value { get; private set; } = 14695981039346656037UL;

        public Fnv Add(long value)
        {
            for (var i = 0; i < 8; i++)
            {
                Value = (Value ^ (byte)(value >> (8 * i))) * 1099511628211UL;
            }

            return this;
        }

        public Fnv Add(string? text)
        {
            if (text is null)
            {
                return Add(-1L);
            }

            Add(text.Length);
            foreach (var c in text)
            {
                Add(c);
            }

            return this;
        }
    }
}
