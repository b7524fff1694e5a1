using Seam.Exposure.Graph;

namespace Seam.Exposure.Planning;

/// <summary>
/// Which entry point → crown jewel connections an element lies on, and whether removing it alone severs them; the
/// words behind each plan step's "why".
/// </summary>
internal sealed class PathsCut
{
    private readonly ExposureGraph exposure;
    private readonly List<int>[] nodesOf;
    private readonly bool[][] fromSource;
    private readonly (int Asset, bool[] Reaching)[] jewels;

    public PathsCut(ExposureGraph exposure, IEnumerable<int> jewelAssets)
    {
        this.exposure = exposure;
        var graph = exposure.Graph;
        nodesOf = [.. graph.Elements.Select(_ => new List<int>())];
        for (var v = 0; v < graph.NodeCount; v++)
        {
            if (graph.ElementOf(v) is var e and >= 0)
            {
                nodesOf[e].Add(v);
            }
        }

        fromSource = [.. graph.SourceNodes.Select(s => GraphReach.Forward(graph, [s]))];
        jewels = [.. jewelAssets.Select(a => (a, GraphReach.Backward(graph, NodesOfAsset(a))))];
    }

    /// <summary>Live connections (source position, jewel asset) on which some node of <paramref name="element"/> lies.</summary>
    public IReadOnlyList<(int Source, int Jewel)> Through(int element)
    {
        var pairs = new List<(int, int)>();
        for (var s = 0; s < fromSource.Length; s++)
        {
            foreach (var (asset, reaching) in jewels)
            {
                if (nodesOf[element].Any(v => fromSource[s][v] && reaching[v]))
                {
                    pairs.Add((s, asset));
                }
            }
        }

        return pairs;
    }

    /// <summary>True when removing <paramref name="element"/> by itself leaves the jewel unreachable from the source.</summary>
    public bool SeversAlone(int element, (int Source, int Jewel) pair)
    {
        var graph = exposure.Graph;
        var reach = GraphReach.Forward(graph, [graph.SourceNodes[pair.Source]], e => e == element);
        return !NodesOfAsset(pair.Jewel).Any(v => reach[v]);
    }

    /// <summary>Assets whose control or manipulation lies downstream of the element while it stands (those the attacker reaches through it).</summary>
    public IReadOnlyList<int> AssetsBehind(int element)
    {
        var graph = exposure.Graph;
        var reachable = nodesOf[element].Where(v => fromSource.Any(f => f[v])).ToList();
        var behind = GraphReach.Forward(graph, reachable);
        var assets = new List<int>();
        for (var a = 0; a < exposure.ControlNode.Length; a++)
        {
            if (NodesOfAsset(a).Any(v => behind[v]))
            {
                assets.Add(a);
            }
        }

        return assets;
    }

    public string EntryName(int source) =>
        exposure.Index.Entries[exposure.Graph.SubjectOf(exposure.Graph.SourceNodes[source])].Name;

    public string AssetName(int asset) => exposure.Index.Assets[asset].Name;

    private IEnumerable<int> NodesOfAsset(int asset)
    {
        if (exposure.ControlNode[asset] >= 0)
        {
            yield return exposure.ControlNode[asset];
        }

        if (exposure.ManipulateNode[asset] >= 0)
        {
            yield return exposure.ManipulateNode[asset];
        }
    }
}
