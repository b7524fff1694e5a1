using Seam.Exposure.Graph;
using Seam.Exposure.Ssvc;
using Seam.Inventory;

namespace Seam.Exposure.Analysis;

/// <summary>
/// What a finding row works out when it is first read: its reason, best path, entry points and SSVC decision. One per
/// report, shared by its rows, so a row costs one object until someone reads it.
/// </summary>
internal sealed class FindingExplanations(ExposureGraph exposure, Propagated searches, bool[] internet, SystemExposure[] systemExposure)
{
    private readonly PathExplainer explainer = new(exposure);

    public ExposureGraph Exposure { get; } = exposure;

    public Propagated Searches { get; } = searches;

    /// <summary>The SSVC System Exposure of the finding's asset; small when the asset is not in the inventory.</summary>
    public SystemExposure SystemExposureOfFinding(int f) => AssetOf(f) is var a and >= 0 ? systemExposure[a] : SystemExposure.Small;

    public string StepWhy(int f) => Exposure.Steps[f].Why;

    public string Reason(int f, FindingVerdict verdict) => ReportBuilder.Reason(Exposure, Searches, f, verdict, AssetOf(f));

    public AttackPath? BestPath(int f)
    {
        var node = Exposure.ExploitNode[f];
        var likely = Searches.Likely;
        return node >= 0 && likely.Reached(node)
            ? explainer.PathTo(node, AssetOf(f), likely.ParentEdge, likely.ParentNode, likely.Origin, AttackerState.ControlsAsset)
            : null;
    }

    public IReadOnlyList<string> EntryPointIds(int f)
    {
        var node = Exposure.ExploitNode[f];
        return node >= 0 ? [.. Searches.Reach.EntriesOf(node).Select(e => Exposure.Index.Entries[e].Id)] : [];
    }

    public SsvcAssessment Ssvc(int f, SystemExposure value)
    {
        var finding = Exposure.Index.Findings[f];
        var a = AssetOf(f);
        var asset = a >= 0 ? Exposure.Index.Assets[a] : new Asset { Id = finding.AssetId, SiteId = string.Empty, Name = finding.AssetId };
        var why = a >= 0 ? ReportBuilder.SystemExposureOf(Exposure, Searches, internet, a).Why : "The asset is not in the inventory.";
        return SsvcAssessor.Assess(new SsvcInputs(finding, asset, value, why));
    }

    private int AssetOf(int f) => Exposure.Index.AssetIndex.TryGetValue(Exposure.Index.Findings[f].AssetId, out var a) ? a : -1;
}
