using Seam.Exposure.Demo;
using Seam.Exposure.Graph;
using Seam.Inventory.Demo;

namespace Seam.Core.Tests.Exposure.Graph;

/// <summary>
/// The builder was rewritten for speed (array work per asset and finding, explanations worked out when read); the graph
/// it builds must stay the same. The numbers below were taken from the builder before the rewrite (commit db8ab1d).
/// </summary>
public sealed class GraphEquivalenceTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_every_edge_plant_builds_the_same_graph_as_before_the_rewrite()
    {
        var graph = ExposureGraphBuilder.Build(EveryEdgePlant.Input());

        Assert.Equal((114, 184, 34, 53), (graph.Graph.NodeCount, graph.Graph.EdgeCount, graph.Graph.Elements.Count, graph.Routes.Count));
        Assert.Equal(0xA555177C9A7998A1UL, GraphFingerprint.Of(graph));
    }

    [Fact]
    public void The_demo_plant_builds_the_same_graph_as_before_the_rewrite()
    {
        var graph = ExposureGraphBuilder.Build(DemoExposure.Input(DemoPlant.Create(), At));

        Assert.Equal((2149, 4843, 535, 528), (graph.Graph.NodeCount, graph.Graph.EdgeCount, graph.Graph.Elements.Count, graph.Routes.Count));
        Assert.Equal(0x690F0ED936D48984UL, GraphFingerprint.Of(graph));
    }

    [Fact]
    public void The_every_edge_plant_has_every_kind_of_node_and_step()
    {
        var g = ExposureGraphBuilder.Build(EveryEdgePlant.Input()).Graph;

        var nodeKinds = Enumerable.Range(0, g.NodeCount).Select(g.KindOf).ToHashSet();
        var steps = Enumerable.Range(0, g.EdgeCount).Select(g.Step).ToHashSet();
        Assert.Equal(Enum.GetValues<NodeKind>().ToHashSet(), nodeKinds);
        Assert.Equal(Enum.GetValues<StepKind>().ToHashSet(), steps);
    }

    [Fact]
    public void Building_twice_gives_the_same_graph()
    {
        var input = DemoExposure.Input(DemoPlant.Create(), At);

        Assert.Equal(GraphFingerprint.Of(ExposureGraphBuilder.Build(input)), GraphFingerprint.Of(ExposureGraphBuilder.Build(input)));
    }

    [Fact]
    public void A_finding_element_is_named_for_its_vulnerability_and_asset_and_equals_one_named_outright()
    {
        var graph = ExposureGraphBuilder.Build(EveryEdgePlant.Input());
        var element = graph.Graph.Elements.First(e => e.Kind == Seam.Exposure.ElementKind.Finding && e.Id == "f-kev");

        Assert.Equal("CVE-2026-10000 on HIST", element.Name);
        Assert.Equal(new Seam.Exposure.CutElement(Seam.Exposure.ElementKind.Finding, "f-kev", "CVE-2026-10000 on HIST"), element);
        Assert.Equal("finding:f-kev", element.Key);
    }
}
