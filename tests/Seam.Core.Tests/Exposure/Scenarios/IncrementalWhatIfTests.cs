using Seam.Core.Tests.Exposure.Plants;
using Seam.Exposure;
using Seam.Exposure.Analysis;
using Seam.Exposure.Demo;
using Seam.Exposure.Ssvc;
using Seam.Exposure.WhatIf;
using Seam.Intelligence.Findings;
using Seam.Inventory;
using Seam.Inventory.Demo;
using static Seam.Inventory.AssetKind;

namespace Seam.Core.Tests.Exposure.Scenarios;

public sealed class IncrementalWhatIfTests
{
    private static readonly Lazy<ExposureAnalysis> Demo = new(() =>
        ExposureEngine.Analyze(DemoExposure.Input(DemoPlant.Create(), new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero))));

    /// <summary>A plant with a bit of everything a removal can touch: both conduit directions, rules, a flow, a grant, trusted hosts, adjacent and local bugs.</summary>
    private static ExposureAnalysis MixedPlant() => new TestPlant()
        .Zone("edge", PurdueLevel.EnterpriseNetwork).Zone("it", PurdueLevel.Enterprise).Zone("dmz", PurdueLevel.IndustrialDmz)
        .Zone("ops", PurdueLevel.Operations).Zone("l2", PurdueLevel.Supervisory).Zone("l1", PurdueLevel.BasicControl)
        .Asset("web", "edge", Server, "https")
        .Asset("jump", "dmz", JumpHost, "rdp, ssh")
        .Asset("hist", "dmz", Historian, "https, tcp/5450")
        .Asset("scada", "ops", ScadaServer, "rdp, opcua", criticality: 5, jewel: true)
        .Asset("ews", "l2", EngineeringWorkstation, "rdp, smb", safety: true)
        .Asset("hmi", "l2", Hmi, "vnc, https")
        .Asset("plc", "l1", Plc, "modbus, s7", criticality: 5, jewel: true)
        .Asset("sis", "l1", SafetyController, "opcua", criticality: 5, jewel: true, safety: true)
        .Asset("loose", null, Server, "https")
        .Conduit("edge-it", "edge", "it", "https")
        .Conduit("it-dmz", "it", "dmz", "rdp, https", ConduitDirection.OneWay)
        .Conduit("dmz-ops", "dmz", "ops", "rdp, tcp/5450")
        .Conduit("ops-l2", "ops", "l2", "rdp, vnc, opcua")
        .Conduit("l2-l1", "l2", "l1", "modbus, s7, opcua")
        .Entry("internet", EntryPointKind.Internet, "edge")
        .Entry("corp", EntryPointKind.EnterpriseIt, "it")
        .Entry("vendor", EntryPointKind.VendorRemoteAccess, "dmz", targets: "ews, hmi")
        .Entry("usb", EntryPointKind.RemovableMedia, "l2")
        .Grant("grant", "l2", "hmi", TestPlant.Now.AddHours(-1), TestPlant.Now.AddHours(2))
        .Finding("f-web", "web", kev: true)
        .Finding("f-jump", "jump", kev: true)
        .Finding("f-hist", "hist", epss: 0.3)
        .Finding("f-hist-local", "hist", vector: "CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
        .Finding("f-scada", "scada", state: FindingState.Mitigated)
        .Finding("f-hmi-adjacent", "hmi", vector: "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
        .Finding("f-plc", "plc", kev: true)
        .Finding("f-fixed", "plc", state: FindingState.Fixed)
        .Finding("f-ghost", "not-in-inventory")
        .Rule("r-web-hist", "web", "hist", "https")
        .Rule("r-jump-ews", "jump", "ews", "rdp, smb")
        .Flow("flow-hist-plc", "hist", "plc", "modbus")
        .Analyze();

    [Fact]
    public void What_ifs_on_an_analysis_prepared_on_other_threads_match_the_rebuild()
    {
        // The server prepares a new analysis for what-ifs on a background thread while requests already read it.
        var baseline = MixedPlant();
        Parallel.For(0, 4, _ => ExposureEngine.PrepareWhatIf(baseline));
        var checkedActions = 0;
        foreach (var action in WhatIfOracle.RemovalActions(baseline))
        {
            WhatIfOracle.AssertIncrementalMatchesRebuild(baseline, new Scenario(action.Describe(), [action]));
            checkedActions++;
        }

        Assert.True(checkedActions > 10, $"only {checkedActions} removal(s) checked");
    }

    [Fact]
    public void Every_single_removal_on_the_mixed_plant_matches_the_rebuild()
    {
        var baseline = MixedPlant();
        int levels = 0, verdicts = 0, ssvc = 0, paths = 0, cut = 0;
        foreach (var action in WhatIfOracle.RemovalActions(baseline))
        {
            var result = WhatIfOracle.AssertIncrementalMatchesRebuild(baseline, new Scenario(action.Describe(), [action]));
            levels += result.LevelChanges.Count > 0 ? 1 : 0;
            verdicts += result.VerdictChanges.Count;
            ssvc += result.SsvcChanges.Count;
            paths += result.PathsRemoved.Count;
            cut += result.CrownJewelsCutOff.Count;
        }

        // Every part of the result is exercised: the comparison is not between two empty results.
        Assert.True(levels > 10, $"only {levels} removal(s) changed a level");
        Assert.True(verdicts > 0 && ssvc > 0 && paths > 0 && cut > 0, $"verdicts {verdicts}, SSVC {ssvc}, paths {paths}, cut off {cut}");
    }

    [Fact]
    public void Every_single_removal_on_the_demo_plant_matches_the_rebuild()
    {
        var baseline = Demo.Value;
        var cut = 0;
        foreach (var action in WhatIfOracle.RemovalActions(baseline))
        {
            var result = WhatIfOracle.AssertIncrementalMatchesRebuild(baseline, new Scenario(action.Describe(), [action]));
            cut += result.PathsRemoved.Count;
        }

        Assert.True(cut > 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Seeded_random_scenarios_on_random_plants_match_the_rebuild(int seed)
    {
        var random = new Random(seed);
        var baseline = RandomPlant(random).Analyze();
        var actions = WhatIfOracle.RemovalActions(baseline).ToList();
        for (var i = 0; i < 40; i++)
        {
            var count = random.Next(1, 5);
            var picked = Enumerable.Range(0, count).Select(_ => actions[random.Next(actions.Count)]).ToList();
            WhatIfOracle.AssertIncrementalMatchesRebuild(baseline, new Scenario($"seed {seed} #{i}", picked));
        }
    }

    [Fact]
    public void Seeded_random_scenarios_on_the_demo_plant_match_the_rebuild()
    {
        var random = new Random(42);
        var baseline = Demo.Value;
        var actions = WhatIfOracle.RemovalActions(baseline).ToList();
        for (var i = 0; i < 40; i++)
        {
            var picked = Enumerable.Range(0, random.Next(2, 6)).Select(_ => actions[random.Next(actions.Count)]).ToList();
            WhatIfOracle.AssertIncrementalMatchesRebuild(baseline, new Scenario($"demo #{i}", picked));
        }
    }

    [Fact]
    public void Blocking_a_service_twice_falls_back_to_what_covers_it_as_the_copy_does()
    {
        // The second block finds no rdp left, so it takes every service the range covers: the whole conduit goes.
        var baseline = MixedPlant();
        var twice = new Scenario("twice", [
            new BlockConduitService("ops-l2", ServiceEndpoint.Parse("rdp")),
            new BlockConduitService("ops-l2", ServiceEndpoint.Parse("tcp/1-65535")),
        ]);
        var whole = new Scenario("whole", [new BlockConduitService("ops-l2", null)]);
        var once = new Scenario("once", [new BlockConduitService("ops-l2", ServiceEndpoint.Parse("rdp"))]);

        WhatIfOracle.AssertIncrementalMatchesRebuild(baseline, twice);
        var removed = GraphRemovals.Of(WhatIfBaseline.For(baseline), twice)!.Nodes;

        Assert.Equal(GraphRemovals.Of(WhatIfBaseline.For(baseline), whole)!.Nodes.Order(), removed.Order());
        Assert.True(GraphRemovals.Of(WhatIfBaseline.For(baseline), once)!.Nodes.Count < removed.Count);
    }

    [Fact]
    public void Requiring_MFA_on_the_vendor_path_lowers_the_score_through_the_incremental_path()
    {
        var baseline = MixedPlant();

        var result = WhatIfOracle.AssertIncrementalMatchesRebuild(baseline, new Scenario("mfa", [new RequireMfa("vendor", MakeOnDemand: true)]));

        Assert.True(result.ScoreAfter.Score < result.ScoreBefore.Score);
        Assert.Empty(result.PathsRemoved);
    }

    [Fact]
    public void Scenarios_that_add_reach_are_rebuilt()
    {
        var baseline = MixedPlant();
        var conduit = new Conduit { Id = "new", SiteId = TestPlant.Site, FromZoneId = "edge", ToZoneId = "l1", Services = [ServiceEndpoint.Parse("modbus")] };

        Assert.Null(IncrementalWhatIf.TryCompare(baseline, new Scenario("add", [new PatchFinding("f-web"), new AddConduit(conduit)])));
        var result = ExposureEngine.WhatIf(baseline, new Scenario("add", [new AddConduit(conduit)]));

        Assert.True(result.ScoreAfter.Score > result.ScoreBefore.Score);
    }

    [Fact]
    public void The_what_if_reads_the_same_SSVC_decisions_as_the_full_assessment_at_every_exposure()
    {
        var decisions = new SsvcDecisions();
        var compared = 0;
        foreach (var baseline in new[] { MixedPlant(), Demo.Value })
        {
            var index = baseline.Graph.Index;
            foreach (var finding in index.Findings.Where(f => index.AssetIndex.ContainsKey(f.AssetId)))
            {
                var asset = index.Assets[index.AssetIndex[finding.AssetId]];
                foreach (var exposure in Enum.GetValues<SystemExposure>())
                {
                    var full = SsvcAssessor.Assess(new SsvcInputs(finding, asset, exposure, "why"));
                    Assert.Equal((full.Cisa, full.Deployer), decisions.Of(finding, SsvcDecisions.Of(asset), exposure));
                    compared++;
                }
            }
        }

        Assert.True(compared > 30);
    }

    [Fact]
    public void The_targeted_path_search_finds_the_same_path_as_a_full_search_from_that_entry_alone()
    {
        foreach (var baseline in new[] { MixedPlant(), Demo.Value })
        {
            var exposure = baseline.Graph;
            var graph = exposure.Graph;
            var jewels = Enumerable.Range(0, exposure.Index.Assets.Count).Where(a => exposure.Index.Assets[a].IsCrownJewel).ToList();
            var compared = 0;
            for (var e = 0; e < graph.SourceNodes.Count; e++)
            {
                var removed = new bool[graph.NodeCount];
                for (var s = 0; s < graph.SourceNodes.Count; s++)
                {
                    removed[graph.SourceNodes[s]] = s != e;
                }

                var tree = Propagation.MostLikely(graph, removed);
                var targeted = TargetedSearch.PathsFrom(exposure, e, jewels);
                for (var i = 0; i < jewels.Count; i++)
                {
                    var c = exposure.ControlNode[jewels[i]];
                    var m = exposure.ManipulateNode[jewels[i]];
                    var node = tree.Likelihood[m] >= tree.Likelihood[c] ? m : c;
                    var full = new PathExplainer(exposure).PathTo(node, jewels[i], tree.ParentEdge, tree.ParentNode, tree.Origin,
                        node == m ? AttackerState.CanManipulateProcess : AttackerState.ControlsAsset);
                    Assert.Equal(full is null, targeted[i] is null);
                    if (full is not null)
                    {
                        Assert.Equal(full.Likelihood, targeted[i]!.Likelihood);
                        Assert.Equal(full.Outcome, targeted[i]!.Outcome);
                        Assert.Equal(full.Hops.Select(h => (h.Kind, h.AssetId, h.ViaId)), targeted[i]!.Hops.Select(h => (h.Kind, h.AssetId, h.ViaId)));
                        compared++;
                    }
                }
            }

            Assert.True(compared > 0);
        }
    }

    /// <summary>A seeded plant: a chain of zones with conduits both ways and across, assets of every role, findings of every vector, rules, flows, entries and grants.</summary>
    private static TestPlant RandomPlant(Random random)
    {
        string[] services = ["https", "rdp", "ssh", "smb", "vnc", "modbus", "s7", "opcua", "enip", "tcp/5450"];
        AssetKind[] kinds = [Plc, Rtu, SafetyController, Hmi, EngineeringWorkstation, Historian, ScadaServer, JumpHost, Server, Workstation, Drive];
        string[] vectors =
        [
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:H/A:N",
        ];
        string Pick(string[] from, int most) => string.Join(", ", Enumerable.Range(0, random.Next(1, most + 1)).Select(_ => from[random.Next(from.Length)]).Distinct());

        var plant = new TestPlant();
        var zones = random.Next(3, 7);
        for (var z = 0; z < zones; z++)
        {
            plant.Zone($"z{z}", PurdueLevels.All[random.Next(PurdueLevels.All.Count)]);
        }

        var assets = random.Next(8, 20);
        for (var a = 0; a < assets; a++)
        {
            plant.Asset($"a{a}", random.Next(12) == 0 ? null : $"z{random.Next(zones)}", kinds[random.Next(kinds.Length)], Pick(services, 3),
                criticality: random.Next(1, 6), jewel: random.Next(4) == 0, safety: random.Next(5) == 0);
        }

        for (var c = 0; c < zones + random.Next(0, 4); c++)
        {
            var from = random.Next(zones);
            var to = (from + 1 + random.Next(zones - 1)) % zones;
            plant.Conduit($"c{c}", $"z{from}", $"z{to}", Pick(services, 4), random.Next(3) == 0 ? ConduitDirection.OneWay : ConduitDirection.Bidirectional);
        }

        plant.Entry("internet", EntryPointKind.Internet, $"z{random.Next(zones)}");
        plant.Entry("corp", EntryPointKind.EnterpriseIt, $"z{random.Next(zones)}");
        plant.Entry("vendor", EntryPointKind.VendorRemoteAccess, $"z{random.Next(zones)}", targets: $"a{random.Next(assets)}, a{random.Next(assets)}");
        plant.Entry("vendor-mfa", EntryPointKind.VendorRemoteAccess, null, targets: $"a{random.Next(assets)}", mfa: true);
        plant.Entry("usb", EntryPointKind.RemovableMedia, $"z{random.Next(zones)}");
        plant.Grant("grant", $"z{random.Next(zones)}", $"a{random.Next(assets)}", TestPlant.Now.AddHours(-1), TestPlant.Now.AddHours(1));
        plant.Grant("expired", $"z{random.Next(zones)}", $"a{random.Next(assets)}", TestPlant.Now.AddDays(-2), TestPlant.Now.AddDays(-1));

        for (var f = 0; f < assets * 2; f++)
        {
            plant.Finding($"f{f}", $"a{random.Next(assets)}", vectors[random.Next(vectors.Length)], kev: random.Next(3) == 0, epss: random.NextDouble() * 0.5,
                state: random.Next(8) == 0 ? FindingState.Mitigated : random.Next(10) == 0 ? FindingState.Fixed : FindingState.Open);
        }

        for (var r = 0; r < random.Next(1, 5); r++)
        {
            plant.Rule($"r{r}", $"a{random.Next(assets)}", $"a{random.Next(assets)}", Pick(services, 2));
        }

        for (var f = 0; f < random.Next(1, 4); f++)
        {
            plant.Flow($"flow{f}", $"a{random.Next(assets)}", $"a{random.Next(assets)}", services[random.Next(services.Length)]);
        }

        return plant;
    }
}
