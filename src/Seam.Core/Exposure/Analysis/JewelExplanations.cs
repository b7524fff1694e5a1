using Seam.Exposure.Graph;

namespace Seam.Exposure.Analysis;

/// <summary>A crown jewel's most likely and shortest paths and its IT summary, worked out when first read.</summary>
internal sealed class JewelExplanations(ExposureGraph exposure, Propagated searches)
{
    private readonly PathExplainer explainer = new(exposure);

    public ExposureGraph Exposure { get; } = exposure;

    public Propagated Searches { get; } = searches;

    /// <summary>The most likely path to control or to manipulation, whichever is likelier; null when unreachable.</summary>
    public AttackPath? MostLikelyPath(int a)
    {
        var (c, m) = (Exposure.ControlNode[a], Exposure.ManipulateNode[a]);
        var likely = Searches.Likely;
        if (!likely.Reached(c) && !likely.Reached(m))
        {
            return null;
        }

        var best = likely.Likelihood[m] >= likely.Likelihood[c] ? m : c;
        return explainer.PathTo(best, a, likely.ParentEdge, likely.ParentNode, likely.Origin,
            best == m ? AttackerState.CanManipulateProcess : AttackerState.ControlsAsset);
    }

    /// <summary>The path with the fewest explained hops to control or manipulation; null when unreachable.</summary>
    public AttackPath? ShortestPath(int a)
    {
        var (c, m) = (Exposure.ControlNode[a], Exposure.ManipulateNode[a]);
        if (!Searches.Likely.Reached(c) && !Searches.Likely.Reached(m))
        {
            return null;
        }

        var fewest = Searches.Fewest;
        var near = fewest.Hops[m] <= fewest.Hops[c] ? m : c;
        return explainer.PathTo(near, a, fewest.ParentEdge, fewest.ParentNode, fewest.Origin,
            near == m ? AttackerState.CanManipulateProcess : AttackerState.ControlsAsset);
    }

    public string ForIt(CrownJewelStatus jewel)
    {
        if (!jewel.Reachable)
        {
            return $"No entry point reaches {jewel.Name}: every path is cut by the zones and conduits as they are.";
        }

        var index = Exposure.Index;
        string Name(string id) => index.AssetIndex.TryGetValue(id, out var i) ? index.Assets[i].Name : id;
        var mostLikely = jewel.MostLikelyPath!;
        return $"Reachable from {jewel.EntryPointIds.Count} entry point(s); most likely path ({Likelihoods.Percent(mostLikely.Likelihood)}): "
            + $"{PathExplainer.Summary(mostLikely, Name)}; shortest: {jewel.ShortestPath!.Hops.Count - 1} hop(s).";
    }
}
