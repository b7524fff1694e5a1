using System.Buffers.Binary;
using System.Text;
using Seam.Exposure.Graph;

namespace Seam.Bench.Exposure;

/// <param name="Edges">Edges written: one per (from, to) pair with a likelihood above 0.</param>
/// <param name="ParallelEdgesMerged">Edges dropped because the pair already had one; the most likely (lightest) is kept, as a shortest path would use.</param>
/// <param name="ZeroLikelihoodEdges">Edges dropped because their likelihood is 0 (the searches skip them too).</param>
public sealed record ExportSummary(int Nodes, int Sources, long Edges, long ParallelEdgesMerged, long ZeroLikelihoodEdges, long Bytes);

/// <summary>
/// Writes an attack graph for bench/networkx/baseline.py. NetworkX's <c>DiGraph</c> holds one edge per ordered pair, so
/// parallel edges are merged here into the most likely one; distances and reachability do not change by it. Layout,
/// little-endian: the 8 bytes <c>SEAMAG01</c>; int32 nodes, int32 sources, int64 edges; int32[sources] source nodes,
/// float64[sources] their weights −ln(p); int32[edges] from, int32[edges] to, float64[edges] weights −ln(likelihood).
/// </summary>
public static class AttackGraphExport
{
    public static readonly byte[] Magic = Encoding.ASCII.GetBytes("SEAMAG01");

    public static ExportSummary Write(AttackGraph graph, string path)
    {
        var n = graph.NodeCount;
        var sources = new Dictionary<int, double>();
        for (var s = 0; s < graph.SourceNodes.Count; s++)
        {
            var p = graph.SourceLikelihood[s];
            if (p > 0)
            {
                var w = -Math.Log(p);
                var node = graph.SourceNodes[s];
                sources[node] = sources.TryGetValue(node, out var old) ? Math.Min(old, w) : w;
            }
        }

        var from = new List<int>(graph.EdgeCount);
        var to = new List<int>(graph.EdgeCount);
        var weight = new List<double>(graph.EdgeCount);
        var slotOf = new int[n];
        var stamp = new int[n];
        Array.Fill(stamp, -1);
        long merged = 0, zero = 0;
        for (var u = 0; u < n; u++)
        {
            var (start, end) = graph.OutEdges(u);
            for (var e = start; e < end; e++)
            {
                var p = graph.Likelihood(e);
                if (!(p > 0))
                {
                    zero++;
                    continue;
                }

                var v = graph.Target(e);
                var w = -Math.Log(p);
                if (stamp[v] == u)
                {
                    merged++;
                    weight[slotOf[v]] = Math.Min(weight[slotOf[v]], w);
                    continue;
                }

                stamp[v] = u;
                slotOf[v] = weight.Count;
                from.Add(u);
                to.Add(v);
                weight.Add(w);
            }
        }

        using (var file = new BufferedStream(File.Create(path), 1 << 20))
        {
            file.Write(Magic);
            Span<byte> header = stackalloc byte[16];
            BinaryPrimitives.WriteInt32LittleEndian(header, n);
            BinaryPrimitives.WriteInt32LittleEndian(header[4..], sources.Count);
            BinaryPrimitives.WriteInt64LittleEndian(header[8..], from.Count);
            file.Write(header);
            var ordered = sources.OrderBy(s => s.Key).ToList();
            WriteInts(file, ordered.Select(s => s.Key));
            WriteDoubles(file, ordered.Select(s => s.Value));
            WriteInts(file, from);
            WriteInts(file, to);
            WriteDoubles(file, weight);
        }

        return new ExportSummary(n, sources.Count, from.Count, merged, zero, new FileInfo(path).Length);
    }

    private static void WriteInts(Stream stream, IEnumerable<int> values)
    {
        Span<byte> buffer = stackalloc byte[4];
        foreach (var v in values)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer, v);
            stream.Write(buffer);
        }
    }

    private static void WriteDoubles(Stream stream, IEnumerable<double> values)
    {
        Span<byte> buffer = stackalloc byte[8];
        foreach (var v in values)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(buffer, v);
            stream.Write(buffer);
        }
    }
}
