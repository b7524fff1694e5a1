using Seam.Core.Tests.Exposure.Plants;
using Seam.Exposure;
using Seam.Exposure.Demo;
using Seam.Exposure.Graph;
using Seam.Exposure.Planning;
using Seam.Inventory;
using Seam.Inventory.Demo;
using static Seam.Inventory.AssetKind;

namespace Seam.Core.Tests.Exposure.Planning;

/// <summary>
/// The fast choke points against CP-SAT over the whole graph (the way they were computed before) on the hand-built
/// plants of Exposure/Plants and on the demo plant: the same number of changes, and the fast set really cuts.
/// </summary>
public sealed class ChokePointOracleTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>The plants of HandBuiltPlantTests and WhatIfPlantTests, by the name of the test that draws them.</summary>
    public static TheoryData<string> Plants => [.. HandBuiltPlants.Keys];

    private static readonly Dictionary<string, Func<TestPlant>> HandBuiltPlants = new(StringComparer.Ordinal)
    {
        ["data diode towards IT"] = () => new TestPlant()
            .Zone("it", PurdueLevel.Enterprise).Zone("ot", PurdueLevel.BasicControl)
            .Asset("hist", "it", Historian, "https").Asset("plc", "ot", Plc, "modbus", criticality: 5, jewel: true)
            .Conduit("diode", "ot", "it", "udp/1-65535", ConduitDirection.OneWay)
            .Entry("corp", EntryPointKind.EnterpriseIt, "it").Finding("f-plc", "plc", kev: true),
        ["one-way conduit into OT"] = () => new TestPlant()
            .Zone("it", PurdueLevel.Enterprise).Zone("ot", PurdueLevel.BasicControl)
            .Asset("plc", "ot", Plc, "modbus", criticality: 5, jewel: true)
            .Conduit("in", "it", "ot", "modbus", ConduitDirection.OneWay)
            .Entry("corp", EntryPointKind.EnterpriseIt, "it"),
        ["bidirectional conduit"] = () => new TestPlant()
            .Zone("it", PurdueLevel.Enterprise).Zone("ot", PurdueLevel.BasicControl)
            .Asset("plc", "ot", Plc, "modbus", jewel: true)
            .Conduit("from-ot", "ot", "it", "modbus")
            .Entry("corp", EntryPointKind.EnterpriseIt, "it"),
        ["vendor vpn to the safety controller"] = () => new TestPlant()
            .Zone("dmz", PurdueLevel.IndustrialDmz).Zone("l2", PurdueLevel.Supervisory).Zone("l1", PurdueLevel.BasicControl)
            .Asset("ews", "l2", EngineeringWorkstation, "rdp", safety: true)
            .Asset("sis", "l1", SafetyController, "opcua", criticality: 5, jewel: true, safety: true)
            .Conduit("eng", "l2", "l1", "opcua")
            .Entry("vendor-vpn", EntryPointKind.VendorRemoteAccess, "dmz", targets: "ews"),
        ["vulnerable jump host"] = () => new TestPlant()
            .Zone("edge", PurdueLevel.EnterpriseNetwork).Zone("dmz", PurdueLevel.IndustrialDmz).Zone("core", PurdueLevel.Operations)
            .Asset("jump", "dmz", JumpHost, "https").Asset("j", "core", Server, "https, rdp", criticality: 5, jewel: true)
            .Conduit("edge-core", "edge", "core", "https", ConduitDirection.OneWay)
            .Conduit("edge-dmz", "edge", "dmz", "https", ConduitDirection.OneWay)
            .Conduit("dmz-core", "dmz", "core", "rdp", ConduitDirection.OneWay)
            .Entry("internet", EntryPointKind.Internet, "edge")
            .Finding("jump-kev", "jump", kev: true).Finding("j-plain", "j"),
        ["observed flow"] = () => new TestPlant()
            .Zone("dmz", PurdueLevel.IndustrialDmz).Zone("l1", PurdueLevel.BasicControl)
            .Asset("hmi", "dmz", Hmi, "https").Asset("plc", "l1", Plc, "modbus", jewel: true)
            .Entry("internet", EntryPointKind.Internet, "dmz")
            .Finding("hmi-kev", "hmi", kev: true).Flow("seen", "hmi", "plc", "modbus"),
        ["allow rule pinhole"] = () => new TestPlant()
            .Zone("dmz", PurdueLevel.IndustrialDmz).Zone("l1", PurdueLevel.BasicControl)
            .Asset("hist", "dmz", Historian, "https").Asset("plc", "l1", Plc, "s7", jewel: true)
            .Entry("internet", EntryPointKind.Internet, "dmz")
            .Finding("hist-kev", "hist", kev: true).Rule("pinhole", "hist", "plc", "s7"),
        ["access grant"] = () => new TestPlant()
            .Zone("dmz", PurdueLevel.IndustrialDmz).Zone("l1", PurdueLevel.BasicControl)
            .Asset("plc", "l1", Plc, "enip", jewel: true)
            .Grant("grant-7", "dmz", "plc", TestPlant.Now.AddHours(-1), TestPlant.Now.AddHours(1)),
        ["removable media"] = () => new TestPlant()
            .Zone("l2", PurdueLevel.Supervisory)
            .Asset("plc", "l2", Plc, "modbus", jewel: true)
            .Entry("usb", EntryPointKind.RemovableMedia, "l2"),
        ["entry points per crown jewel"] = () => new TestPlant()
            .Zone("it", PurdueLevel.Enterprise).Zone("dmz", PurdueLevel.IndustrialDmz).Zone("ot", PurdueLevel.BasicControl)
            .Asset("plc", "ot", Plc, "modbus", jewel: true).Asset("other", "ot", Plc, "s7", jewel: true)
            .Conduit("it-ot", "it", "ot", "modbus", ConduitDirection.OneWay)
            .Conduit("dmz-ot", "dmz", "ot", "modbus", ConduitDirection.OneWay)
            .Entry("corp", EntryPointKind.EnterpriseIt, "it")
            .Entry("vendor", EntryPointKind.VendorRemoteAccess, "dmz"),
        ["two lines behind one supervisory zone"] = () => new TestPlant()
            .Zone("it", PurdueLevel.Enterprise).Zone("dmz", PurdueLevel.IndustrialDmz).Zone("l2", PurdueLevel.Supervisory)
            .Zone("l1a", PurdueLevel.BasicControl).Zone("l1b", PurdueLevel.BasicControl)
            .Asset("hist", "dmz", Historian, "https, pi:tcp/5450").Asset("jump", "dmz", JumpHost, "rdp")
            .Asset("ews", "l2", EngineeringWorkstation, "rdp").Asset("hmi", "l2", Hmi, "https, rdp")
            .Asset("plc-a", "l1a", Plc, "modbus, s7", jewel: true).Asset("plc-b", "l1b", Plc, "enip", jewel: true)
            .Asset("sis", "l1b", SafetyController, "opcua", criticality: 5, jewel: true, safety: true)
            .Conduit("it-dmz", "it", "dmz", "https, rdp", ConduitDirection.OneWay)
            .Conduit("dmz-l2", "dmz", "l2", "rdp, https")
            .Conduit("l2-a", "l2", "l1a", "modbus, s7").Conduit("l2-b", "l2", "l1b", "enip, opcua")
            .Entry("corp", EntryPointKind.EnterpriseIt, "it")
            .Entry("vendor", EntryPointKind.VendorRemoteAccess, "dmz", targets: "jump")
            .Finding("hist-kev", "hist", kev: true).Finding("hmi-f", "hmi").Flow("seen", "hist", "plc-b", "enip"),
    };

    [Theory]
    [MemberData(nameof(Plants))]
    public void Choke_points_of_a_hand_built_plant_are_as_few_as_CP_SAT_finds(string plant)
    {
        var analysis = ExposureEngine.Analyze(HandBuiltPlants[plant]().Input());

        AssertMatchesCpSat(analysis);
    }

    [Fact]
    public void Choke_points_of_the_demo_plant_are_as_few_as_CP_SAT_finds()
    {
        var analysis = ExposureEngine.Analyze(DemoExposure.Input(DemoPlant.Create(), TestPlant.Now));

        var choke = AssertMatchesCpSat(analysis);

        Assert.True(choke.Cuttable);
        Assert.NotEmpty(choke.Elements);
        Assert.Contains("Proved minimal", choke.Explanation, StringComparison.Ordinal);
    }

    private static ChokePoints AssertMatchesCpSat(ExposureAnalysis analysis)
    {
        var exposure = analysis.Graph;
        var graph = exposure.Graph;
        var targets = exposure.CrownJewelTargets();

        var choke = RemediationPlanner.ChokePoints(exposure, targets);
        Assert.Equal(graph.Elements.Select(e => RemediationPlanner.IsNetworkCut(e, exposure.Index)), RemediationPlanner.NetworkCuts(exposure));
        var oracle = CutSolver.MinimumCut(graph, targets, e => RemediationPlanner.IsNetworkCut(graph.Elements[e], exposure.Index) ? 1 : null, Limit);

        Assert.True(oracle.Optimal || !oracle.Feasible, oracle.SolverStatus);
        Assert.Equal(oracle.Feasible, choke.Cuttable);
        Assert.Equal(oracle.Elements.Count, choke.Elements.Count);
        Assert.True(choke.ProvenMinimal || !choke.Cuttable);
        var removed = choke.Elements.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var reach = Reach(graph, e => removed.Contains(graph.Elements[e].Key));
        Assert.True(!choke.Cuttable || !targets.Any(t => t >= 0 && reach[t]), "a crown jewel is still reached once the choke points are removed");
        return choke;
    }

    private static bool[] Reach(AttackGraph graph, Func<int, bool> removed)
    {
        var seen = new bool[graph.NodeCount];
        bool Open(int v) => graph.ElementOf(v) is var e && (e < 0 || !removed(e));
        var stack = new Stack<int>(graph.SourceNodes.Where(Open));
        while (stack.TryPop(out var v))
        {
            if (seen[v])
            {
                continue;
            }

            seen[v] = true;
            foreach (var w in graph.Successors(v).ToArray().Where(w => !seen[w] && Open(w)))
            {
                stack.Push(w);
            }
        }

        return seen;
    }
}
