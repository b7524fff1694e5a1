using Seam.Exposure;
using Seam.Exposure.WhatIf;
using Seam.Inventory;
using Seam.Server.Features.Ui.Exposure;
using Seam.Server.Features.Ui.Zones;

namespace Seam.Server.Tests.Exposure;

/// <summary>The exposure pages' logic that needs no browser: where hops are drawn, and the YAML the what-if panel writes.</summary>
public sealed class ExposureUiTests
{
    private static readonly Zone Supervisory = new() { Id = "s.z.l2", SiteId = "s", Name = "Control room", Level = PurdueLevel.Supervisory };
    private static readonly Zone Safety = new() { Id = "s.z.sis", SiteId = "s", Name = "SIS", Level = PurdueLevel.BasicControl };
    private static readonly Zone Office = new() { Id = "s.z.l4", SiteId = "s", Name = "Office", Level = PurdueLevel.Enterprise };

    private static readonly Conduit ToSafety = new()
    {
        Id = "s.c.l2-to-sis",
        SiteId = "s",
        FromZoneId = Supervisory.Id,
        ToZoneId = Safety.Id,
        Services = [new ServiceEndpoint("modbus", Transport.Tcp, 502, 502)],
    };

    private static readonly Conduit OfficeToControl = new() { Id = "s.c.l4-to-l2", SiteId = "s", FromZoneId = Office.Id, ToZoneId = Supervisory.Id };

    private static AttackHop Hop(HopKind kind, string? zone, string? asset = null, string? via = null) =>
        new() { Kind = kind, ZoneId = zone, AssetId = asset, ViaId = via, Likelihood = 1, Why = "why", ForIt = "it", ForOt = "ot" };

    private static PurdueDiagramLayout Layout() =>
        PurdueDiagramLayout.Build([Supervisory, Safety, Office], [ToSafety, OfficeToControl], new Dictionary<string, int>());

    [Fact]
    public void Every_hop_gets_a_numbered_marker_on_its_zone_and_only_the_crossed_conduit_is_outlined()
    {
        var layout = Layout();
        var path = new AttackPath
        {
            EntryPointId = "s.ep.vendor",
            EntryPointName = "Vendor VPN",
            TargetAssetId = "sis-1",
            Outcome = AttackerState.CanManipulateProcess,
            Likelihood = 0.5,
            Hops =
            [
                Hop(HopKind.Entry, Supervisory.Id, via: "s.ep.vendor"),
                Hop(HopKind.Reach, Safety.Id, "sis-1", ToSafety.Id),
                Hop(HopKind.UnauthenticatedIcs, null, "sis-1"),
            ],
        };

        var overlay = PathOverlay.Build(layout, path, asset => asset == "sis-1" ? Safety.Id : null);

        Assert.Equal([1, 2, 3], overlay.Markers.Select(m => m.Number));
        Assert.Equal([Supervisory.Id, Safety.Id, Safety.Id], overlay.Markers.Select(m => m.ZoneId));
        var safetyBox = layout.Boxes.Single(b => b.Zone.Id == Safety.Id);
        var (second, third) = (overlay.Markers[1], overlay.Markers[2]);
        Assert.InRange(second.X, safetyBox.X, safetyBox.X + PurdueDiagramLayout.BoxWidth);
        Assert.Equal(second.Y, third.Y);
        Assert.True(third.X > second.X, "hops in one zone sit side by side in hop order");
        Assert.Equal(new HashSet<string> { Supervisory.Id, Safety.Id }, overlay.Highlight.ZoneIds);
        Assert.Equal(new HashSet<string> { ToSafety.Id }, overlay.Highlight.ConduitIds);
        Assert.Equal(3, overlay.Points.Split(' ').Length);
    }

    [Fact]
    public void An_entry_hop_without_a_zone_is_drawn_where_the_entry_point_lands_or_else_where_the_next_hop_is()
    {
        var path = new AttackPath
        {
            EntryPointId = "s.ep.teamviewer",
            EntryPointName = "TeamViewer on the EWS",
            TargetAssetId = "ews",
            Outcome = AttackerState.ControlsAsset,
            Likelihood = 0.5,
            Hops = [Hop(HopKind.Entry, null, via: "s.ep.teamviewer"), Hop(HopKind.TrustedSession, Supervisory.Id, "ews", "s.ep.teamviewer")],
        };

        Assert.Equal(Office.Id, PathOverlay.Build(Layout(), path, _ => null, entryZone: Office.Id).Markers[0].ZoneId);
        var fallback = PathOverlay.Build(Layout(), path, _ => null).Markers[0];
        Assert.Equal((1, Supervisory.Id), (fallback.Number, fallback.ZoneId));
    }

    [Fact]
    public void A_hop_whose_zone_is_not_on_the_diagram_keeps_its_number_but_draws_no_marker()
    {
        var path = new AttackPath
        {
            EntryPointId = "internet",
            EntryPointName = "Internet",
            TargetAssetId = "x",
            Outcome = AttackerState.ControlsAsset,
            Likelihood = 1,
            Hops = [Hop(HopKind.Entry, null, via: "internet"), Hop(HopKind.Reach, Supervisory.Id, "x", "a-rule-not-a-conduit")],
        };

        // The entry lands in a zone of another site's diagram.
        var overlay = PathOverlay.Build(Layout(), path, _ => null, entryZone: "other.z.edge");

        var marker = Assert.Single(overlay.Markers);
        Assert.Equal(2, marker.Number);
        Assert.Empty(overlay.Highlight.ConduitIds);
    }

    [Fact]
    public void The_scenario_the_panel_writes_reads_back_as_the_same_actions()
    {
        var scenario = new Scenario("apply-the-plan",
        [
            new PatchFinding("3f9a0c2e1b7d4a56"),
            new BlockConduitService("riverside.c.l3-to-l2", new ServiceEndpoint("enip", Transport.Tcp, 44818, 44818)),
            new BlockConduitService("riverside.c.idmz-to-l3", null),
            new RemoveEntryPoint("riverside.ep.krones-secomea"),
            new RequireMfa("eastport.ep.delta-teamviewer"),
            new RequireMfa("eastport.ep.triconex-vpn", MakeOnDemand: true),
            new IsolateAsset("riverside.l2.hmi-2"),
        ], "What if we \"apply\" the 7-step plan: 8,700 in all?");

        var parsed = ScenarioYaml.Parse(ScenarioText.Write(scenario), "panel");

        Assert.Empty(parsed.Problems);
        Assert.Equal(scenario.Name, parsed.Scenario!.Name);
        Assert.Equal(scenario.Description, parsed.Scenario.Description);
        Assert.Equal(scenario.Actions, parsed.Scenario.Actions);
    }

    [Theory]
    [InlineData("short enough", 20, "short enough")]
    [InlineData("cut at the last space before the limit", 20, "cut at the last …")]
    [InlineData("averyveryverylongwordwithoutspaces", 10, "averyveryv …")]
    public void Long_reasons_are_shortened_without_breaking_a_word_when_a_space_is_near(string text, int max, string expected) =>
        Assert.Equal(expected, ExposureText.Short(text, max));
}
