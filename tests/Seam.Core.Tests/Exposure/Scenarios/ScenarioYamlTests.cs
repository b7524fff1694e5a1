using Seam.Exposure.Model;
using Seam.Exposure.WhatIf;
using Seam.Inventory;

namespace Seam.Core.Tests.Exposure.Scenarios;

/// <summary>Scenario files: every action kind read into its record, and every mistake reported at its line and column.</summary>
public sealed class ScenarioYamlTests
{
    private const string EveryAction = """
        name: Cut the Krones path
        description: What the March shutdown could buy
        actions:
          - patch-finding: f-plc3-cve1
          - block-service: { conduit: c-l3-l2, service: modbus }
          - block-service: { conduit: c-dmz-l3 }
          - remove-entry-point: ep-krones
          - require-mfa: { entry-point: ep-siemens, on-demand: true }
          - isolate-asset: hmi-2
          - add-conduit: { id: c-new, site: north, from: z-l3, to: z-l2, services: [modbus, https], direction: one-way }
          - add-asset:
              id: ai-box
              site: north
              zone: z-l3
              name: Vision AI box
              kind: custom-application
              vendor: Acme
              product: Inspect
              version: "2.1"
              services: [https, "tcp/8080"]
              criticality: 4
              safety-relevant: no
              crown-jewel: yes
              process-line: Line 2
          - add-allow-rule: { id: ar-ai, site: north, from: ai-box, to: plc-3, services: [s7] }
          - add-solution:
              name: Cloud analytics
              assets:
                - { id: edge-1, site: north, zone: z-l3, kind: iiot gateway, services: [mqtts] }
              conduits:
                - { id: c-edge, site: north, from: z-l3, to: z-dmz, services: [mqtts] }
              allow-rules:
                - { id: ar-edge, site: north, from: edge-1, to: plc-3, services: [opcua] }
              entry-points:
                - { id: ep-cloud, site: north, name: Cloud tenant, kind: internet, zone: z-dmz, vendor: Acme, method: MQTT over TLS, targets: [edge-1], mfa: true, availability: on-demand }
        """;

    private static ScenarioParseResult Parse(string yaml) => ScenarioYaml.Parse(yaml, "plan.yaml");

    [Fact]
    public void Every_action_kind_is_read_into_its_record()
    {
        var result = Parse(EveryAction);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var scenario = result.Scenario!;
        Assert.Equal("Cut the Krones path", scenario.Name);
        Assert.Equal("What the March shutdown could buy", scenario.Description);
        Assert.Equal(10, scenario.Actions.Count);
        Assert.Equal(new PatchFinding("f-plc3-cve1"), scenario.Actions[0]);
        Assert.Equal(new BlockConduitService("c-l3-l2", ServiceEndpoint.Parse("modbus:tcp/502")), scenario.Actions[1]);
        Assert.Equal(new BlockConduitService("c-dmz-l3", null), scenario.Actions[2]);
        Assert.Equal(new RemoveEntryPoint("ep-krones"), scenario.Actions[3]);
        Assert.Equal(new RequireMfa("ep-siemens", MakeOnDemand: true), scenario.Actions[4]);
        Assert.Equal(new IsolateAsset("hmi-2"), scenario.Actions[5]);

        var conduit = Assert.IsType<AddConduit>(scenario.Actions[6]).Conduit;
        Assert.Equal(("c-new", "north", "z-l3", "z-l2", ConduitDirection.OneWay), (conduit.Id, conduit.SiteId, conduit.FromZoneId, conduit.ToZoneId, conduit.Direction));
        Assert.Equal(["modbus:tcp/502", "https:tcp/443"], conduit.Services.Select(s => s.ToString()));

        var asset = Assert.IsType<AddAsset>(scenario.Actions[7]).Asset;
        Assert.Equal(("ai-box", "north", "z-l3", "Vision AI box", AssetKind.CustomApplication), (asset.Id, asset.SiteId, asset.ZoneId, asset.Name, asset.Kind));
        Assert.Equal(("Acme", "Inspect", "2.1", 4, false, true, "Line 2"),
            (asset.Vendor, asset.Product, asset.Version, asset.Criticality, asset.SafetyRelevant, asset.IsCrownJewel, asset.ProcessLine));
        Assert.Equal(["https:tcp/443", "tcp/8080"], asset.Services.Select(s => s.ToString()));

        var rule = Assert.IsType<AddAllowRule>(scenario.Actions[8]).Rule;
        Assert.Equal(("ar-ai", "north", "ai-box", "plc-3", "s7:tcp/102"), (rule.Id, rule.SiteId, rule.FromAssetId, rule.ToAssetId, rule.Services.Single().ToString()));

        var solution = Assert.IsType<AddSolution>(scenario.Actions[9]);
        Assert.Equal("Cloud analytics", solution.Name);
        Assert.Equal(AssetKind.CloudConnector, solution.Assets.Single().Kind);
        Assert.Equal("edge-1", solution.Assets.Single().Name);
        Assert.Equal("c-edge", solution.Conduits.Single().Id);
        Assert.Equal(ConduitDirection.Bidirectional, solution.Conduits.Single().Direction);
        Assert.Equal("ar-edge", solution.AllowRules.Single().Id);
        var entry = solution.EntryPoints.Single();
        Assert.Equal(("ep-cloud", "Cloud tenant", EntryPointKind.Internet, "z-dmz", true, RemoteAccessAvailability.OnDemand),
            (entry.Id, entry.Name, entry.Kind, entry.ZoneId, entry.MfaRequired, entry.Availability));
        Assert.Equal(["edge-1"], entry.TargetAssetIds);
    }

    [Fact]
    public void Each_action_s_position_is_kept_for_the_validator()
    {
        var result = Parse(EveryAction);

        Assert.Equal(10, result.ActionPositions.Count);
        Assert.Equal((4, 5), result.ActionPositions[0]);
        Assert.Equal((11, 5), result.ActionPositions[7]);
    }

    [Theory]
    [InlineData("name: x\nactions:\n  - patch-finding: [a, b\n", 4, "not valid YAML")]
    [InlineData("", 1, "the file is empty")]
    [InlineData("description: no name\nactions:\n  - isolate-asset: a\n", 1, "'name' is required")]
    [InlineData("name: x\nactions: isolate everything\n", 2, "'actions' expects a list")]
    [InlineData("name: x\nactions: []\n", 2, "'actions' is empty")]
    [InlineData("name: x\ncolour: red\nactions:\n  - isolate-asset: a\n", 2, "unknown key 'colour'")]
    [InlineData("name: x\nactions:\n  - isolate-assets: a\n", 3, "'isolate-assets' is not an action")]
    [InlineData("name: x\nactions:\n  - isolate-asset: a\n    patch-finding: f\n", 3, "expected one key naming the action")]
    [InlineData("name: x\nactions:\n  - patch-finding: { id: f }\n", 3, "expected a finding id")]
    [InlineData("name: x\nactions:\n  - block-service: { conduit: c, service: tcp/99999 }\n", 3, "expected a port 0–65535")]
    [InlineData("name: x\nactions:\n  - block-service: { service: modbus }\n", 3, "'conduit' is required")]
    [InlineData("name: x\nactions:\n  - require-mfa: { entry-point: e, on-demand: maybe }\n", 3, "expected true or false")]
    [InlineData("name: x\nactions:\n  - add-conduit: { site: s, from: a, to: b, services: [modbus] }\n", 3, "'id' is required")]
    [InlineData("name: x\nactions:\n  - add-conduit: { id: c, site: s, from: a, to: b, services: [modbus], direction: sideways }\n", 3, "expected one-way or bidirectional")]
    [InlineData("name: x\nactions:\n  - add-conduit: { id: c, site: s, from: a, to: b }\n", 3, "'services' is required")]
    [InlineData("name: x\nactions:\n  - add-asset:\n      id: a\n      site: s\n      kind: toaster\n", 6, "'toaster' is not an asset kind")]
    [InlineData("name: x\nactions:\n  - add-asset:\n      id: a\n      site: s\n      criticality: 9\n", 6, "from 1 to 5")]
    [InlineData("name: x\nactions:\n  - add-asset:\n      id: a\n      site: s\n      colour: red\n", 6, "unknown key 'colour'")]
    [InlineData("name: x\nactions:\n  - add-allow-rule: { id: r, site: s, from: a, to: b, services: [nosuchproto] }\n", 3, "not a known protocol name")]
    [InlineData("name: x\nactions:\n  - add-solution:\n      name: s\n      entry-points:\n        - { id: e, site: s, kind: carrier-pigeon }\n", 6, "expected internet, enterprise-it")]
    [InlineData("name: x\nactions:\n  - add-solution:\n      name: empty\n", 4, "at least one asset")]
    public void A_mistake_is_reported_at_its_line_with_what_was_expected(string yaml, int line, string expected)
    {
        var result = Parse(yaml);

        Assert.False(result.Succeeded);
        Assert.Null(result.Scenario);
        var problem = Assert.Single(result.Problems, p => p.Message.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(line, problem.Line);
        Assert.Equal("plan.yaml", problem.File);
        Assert.StartsWith($"plan.yaml:{line}:{problem.Column}: ", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_in_one_pass()
    {
        var result = Parse("name: x\nactions:\n  - isolate-assets: a\n  - block-service: { conduit: c, service: tcp/0-x }\n  - add-asset: { id: a, site: s, kind: toaster }\n");

        Assert.Equal([3, 4, 5], result.Problems.Select(p => p.Line));
    }

    [Fact]
    public void Kinds_are_read_in_any_case_and_in_kebab_case()
    {
        var result = Parse("name: x\nactions:\n  - add-asset: { id: a, site: s, kind: Safety-Controller }\n  - add-asset: { id: b, site: s, kind: ENGINEERING-WORKSTATION }\n  - add-asset: { id: c, site: s, kind: jump host }\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal([AssetKind.SafetyController, AssetKind.EngineeringWorkstation, AssetKind.JumpHost],
            result.Scenario!.Actions.Cast<AddAsset>().Select(a => a.Asset.Kind));
    }

    [Fact]
    public void The_example_in_the_documentation_reads_and_fits_its_plant()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "exposure-scenarios.md"));
        var start = docs.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var yaml = docs[start..docs.IndexOf("```", start, StringComparison.Ordinal)];

        var result = ScenarioYaml.Parse(yaml, "docs/exposure-scenarios.md");

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(ScenarioYaml.ActionKeys.Order(), result.Scenario!.Actions.Select(ScenarioYaml.KeyOf).Distinct().Order());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Seam.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Seam.slnx above " + AppContext.BaseDirectory);
    }
}
