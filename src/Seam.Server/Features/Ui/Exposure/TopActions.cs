using Seam.Exposure;
using Seam.Exposure.Model;
using Seam.Exposure.Planning;
using Seam.Inventory;

namespace Seam.Server.Features.Ui.Exposure;

/// <summary>
/// One thing to do, described for both teams: what IT reads (CVE, CVSS, EPSS, KEV, SSVC) and what OT reads (line,
/// safety, downtime, window, cost). <see cref="Step"/> is set when the remediation plan chose it.
/// </summary>
public sealed record TopAction(
    string Title,
    PlannedStep? Step,
    FindingExposure? Finding,
    ExposureFinding? Evidence,
    Asset? Asset,
    IReadOnlyList<CrownJewelStatus> Protects)
{
    public string? ProcessLine => Step?.Action.ProcessLine ?? Asset?.ProcessLine;

    public bool SafetyRelevant => (Asset?.SafetyRelevant ?? false) || Protects.Any(j => j.SafetyRelevant);

    public string ForIt => Step?.Action.ForIt ?? Finding?.Ssvc.ForIt ?? "";

    public string ForOt => Step?.Action.ForOt ?? Finding?.Ssvc.ForOt ?? "";

    /// <summary>
    /// The plan's steps first (they cut the crown jewels off at least cost, in the order the windows allow), then the
    /// most urgent reachable findings the plan does not already patch.
    /// </summary>
    public static IReadOnlyList<TopAction> Build(ExposureView view, RemediationPlan? plan, int maxSteps, int maxFindings)
    {
        var actions = new List<TopAction>();
        var planned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in plan is null ? [] : view.VisibleSteps(plan).Take(maxSteps))
        {
            var element = step.Action.Element;
            var finding = element.Kind == ElementKind.Finding ? view.FindingResult(element.Id) : null;
            if (finding is not null)
            {
                planned.Add(finding.FindingId);
            }

            actions.Add(new TopAction(step.Action.Title, step, finding, view.Finding(finding?.FindingId), view.AssetOf(element), view.JewelsThrough(element)));
        }

        foreach (var f in view.ReachableFindings.Where(f => !planned.Contains(f.FindingId)).Take(maxFindings))
        {
            var evidence = view.Finding(f.FindingId);
            var element = new CutElement(ElementKind.Finding, f.FindingId, f.VulnerabilityId);
            actions.Add(new TopAction($"Patch {f.VulnerabilityId} on {view.AssetName(f.AssetId)}", null, f, evidence, view.Asset(f.AssetId),
                view.JewelsThrough(element)));
        }

        return actions;
    }
}
