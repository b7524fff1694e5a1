using Seam.Exposure;
using Seam.Exposure.Demo;
using Seam.Exposure.Planning;
using Seam.Exposure.WhatIf;
using Seam.Inventory;
using Seam.Inventory.Demo;

namespace Seam.Core.Tests.Exposure.Demo;

/// <summary>The demo plant tells the exposure story the product is for: a real vendor path to a safety controller.</summary>
public sealed class DemoExposureTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<ExposureAnalysis> Demo = new(() => ExposureEngine.Analyze(DemoExposure.Input(DemoPlant.Create(), At)));

    [Fact]
    public void The_integrator_TeamViewer_reaches_a_Tricon_through_the_Triconex_engineering_workstation()
    {
        var analysis = Demo.Value;
        var tricon = analysis.Report.CrownJewels.First(j => j.Name.Contains("ESD Tricon 01", StringComparison.Ordinal));

        Assert.True(tricon.SafetyRelevant);
        Assert.True(tricon.Manipulable);
        var path = tricon.MostLikelyPath!;
        Assert.Equal("eastport.ep.delta-teamviewer", path.EntryPointId);
        var assets = path.AssetIds.Select(id => analysis.Input.Inventory.Assets.Single(a => a.Id == id)).ToList();
        Assert.Equal(AssetKind.SafetyController, assets[^1].Kind);
        Assert.Contains(assets, a => a.Name == "Triconex engineering workstation");

        // 0.5 (TeamViewer, no MFA, always on) × 0.6 (saved RDP session to the Triconex EWS) × 0.9 (TriStation download).
        Assert.Equal(0.27, tricon.Likelihood, 9);
        Assert.Contains("eastport.ep.triconex-vpn", tricon.EntryPointIds);
    }

    [Fact]
    public void Modbus_to_the_SIS_zone_passes_reads_only_so_it_gives_no_commands()
    {
        // The SIS conduit's firewall does Modbus read-only inspection: no path may end with an unauthenticated Modbus
        // write to a safety controller.
        var analysis = Demo.Value;

        Assert.All(analysis.Report.CrownJewels.Where(j => j.SafetyRelevant && j.MostLikelyPath is not null),
            j => Assert.DoesNotContain(j.MostLikelyPath!.Hops, h => h.Kind == HopKind.UnauthenticatedIcs));
    }

    [Fact]
    public void Riverside_keeps_its_safety_systems_out_of_reach_and_its_internet_edge_leads_nowhere()
    {
        var analysis = Demo.Value;

        Assert.All(analysis.Report.CrownJewels.Where(j => j.SiteId == "riverside" && j.SafetyRelevant), j => Assert.False(j.Reachable));
        Assert.All(analysis.Report.EntryPoints.Where(e => e.Kind == EntryPointKind.Internet), e => Assert.Equal(0, e.AssetsReached));
        Assert.Contains(analysis.Report.Findings, f => f.Verdict == FindingVerdict.ReachableAndExploitable);
        Assert.Contains(analysis.Report.Findings, f => f.Verdict == FindingVerdict.Theoretical);
    }

    [Fact]
    public void The_choke_points_sit_on_the_Tricon_path_and_removing_them_cuts_every_crown_jewel()
    {
        var analysis = Demo.Value;
        var choke = analysis.Report.ChokePoints;

        Assert.True(choke.Cuttable);
        Assert.True(choke.ProvenMinimal);
        var tricon = analysis.Report.CrownJewels.First(j => j.Name.Contains("ESD Tricon 01", StringComparison.Ordinal));
        var onPath = tricon.MostLikelyPath!.Hops.SelectMany(h => new[] { h.AssetId, h.ViaId }).OfType<string>().ToHashSet();
        Assert.Contains(choke.Elements, e => onPath.Contains(e.Id));

        var cut = ExposureEngine.WhatIf(analysis, new Scenario("Remove the choke points", [.. choke.Elements.Select(ActionFor)]));
        Assert.Equal(analysis.Report.CrownJewels.Where(j => j.Reachable).Select(j => j.AssetId).Order(), cut.CrownJewelsCutOff.Order());
        Assert.True(cut.ScoreAfter.Score < cut.ScoreBefore.Score);
    }

    [Fact]
    public void The_plan_cuts_every_crown_jewel_at_a_proven_least_cost()
    {
        var analysis = Demo.Value;
        var plan = ExposureEngine.Plan(analysis, new PlanRequest(PlanGoal.CutCrownJewels, null, At), DemoExposure.MaintenanceWindows(analysis.Input.Inventory));

        Assert.True(plan.CutsEveryCrownJewel);
        Assert.True(plan.ProvenOptimal);
        Assert.NotEmpty(plan.Steps);
        Assert.True(plan.ScoreAfter < plan.ScoreBefore);
        var cut = ExposureEngine.WhatIf(analysis, new Scenario("The plan", [.. plan.Steps.Select(s => ActionFor(s.Action.Element))]));
        Assert.Contains(analysis.Report.CrownJewels.First(j => j.Name.Contains("ESD Tricon 01", StringComparison.Ordinal)).AssetId, cut.CrownJewelsCutOff);
        Assert.Empty(cut.CrownJewelsNewlyReachable);
        Assert.All(analysis.Report.CrownJewels.Where(j => j.Reachable), j => Assert.Contains(j.AssetId, cut.CrownJewelsCutOff));
    }

    private static ScenarioAction ActionFor(Seam.Exposure.CutElement element) => element.Kind switch
    {
        ElementKind.EntryPoint => new RemoveEntryPoint(element.Id),
        ElementKind.ConduitService => new BlockConduitService(element.Id, element.Service),
        ElementKind.AllowRule => new RemoveAllowRule(element.Id),
        ElementKind.ObservedFlow => new StopObservedFlow(element.Id),
        ElementKind.Asset => new IsolateAsset(element.Id),
        _ => new PatchFinding(element.Id),
    };
}
