using Seam.Exposure;
using Seam.Exposure.Demo;
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
}
