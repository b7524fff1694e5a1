using Seam.Exposure;
using Seam.Exposure.Planning;
using Seam.Exposure.WhatIf;
using Seam.Inventory;

namespace Seam.Server.Features.Ui.Exposure;

/// <summary>Scenarios built from the current analysis, so that the what-if panel starts from something that changes the score.</summary>
public static class ScenarioSamples
{
    /// <summary>
    /// Requires MFA on the vendor remote access that reaches the most crown jewels and blocks the first conduit-service
    /// choke point: the two controls people ask about first. Null when the reader's sites have neither.
    /// </summary>
    public static Scenario? QuickControls(ExposureView view)
    {
        var actions = new List<ScenarioAction>();
        var vendor = view.EntryPoints.Where(e => e.Kind == EntryPointKind.VendorRemoteAccess && !e.IsAccessGrant)
            .OrderByDescending(e => e.CrownJewelsReached).ThenByDescending(e => e.AssetsReached).FirstOrDefault();
        if (vendor is not null)
        {
            actions.Add(new RequireMfa(vendor.EntryPointId));
        }

        var choke = view.ChokePoints.FirstOrDefault(e => e.Kind == ElementKind.ConduitService)
            ?? view.ChokePoints.FirstOrDefault(e => e.Kind != ElementKind.EntryPoint);
        if (choke is not null && ActionFor(choke) is { } cut)
        {
            actions.Add(cut);
        }

        if (actions.Count == 0)
        {
            return null;
        }

        var what = string.Join(" and ", new[]
        {
            vendor is null ? null : $"require MFA on {vendor.Name}",
            choke is null ? null : $"cut the choke point {ExposureText.Element(choke)}",
        }.Where(s => s is not null));
        return new Scenario("quick-controls", actions, $"What if we {what}?");
    }

    /// <summary>
    /// The remediation plan as a scenario: every step that a what-if can express. Allow rules and observed flows have no
    /// scenario action yet, so steps on them are left out and named in <paramref name="leftOut"/>.
    /// </summary>
    public static Scenario? FromPlan(ExposureView view, RemediationPlan plan, out IReadOnlyList<string> leftOut)
    {
        var actions = new List<ScenarioAction>();
        var skipped = new List<string>();
        foreach (var step in view.VisibleSteps(plan))
        {
            if (ActionFor(step.Action.Element) is { } action)
            {
                actions.Add(action);
            }
            else
            {
                skipped.Add(step.Action.Title);
            }
        }

        leftOut = skipped;
        return actions.Count == 0 ? null
            : new Scenario("apply-the-plan", actions, $"What if we apply the {plan.Steps.Count}-step remediation plan ({ExposureText.Money(plan.TotalCost)} total)?");
    }

    /// <summary>The what-if action that takes <paramref name="element"/> out of the attack graph, when there is one.</summary>
    public static ScenarioAction? ActionFor(CutElement element) => element.Kind switch
    {
        ElementKind.EntryPoint => new RemoveEntryPoint(element.Id),
        ElementKind.ConduitService => new BlockConduitService(element.Id, element.Service),
        ElementKind.Asset => new IsolateAsset(element.Id),
        ElementKind.Finding => new PatchFinding(element.Id),
        _ => null,
    };
}
