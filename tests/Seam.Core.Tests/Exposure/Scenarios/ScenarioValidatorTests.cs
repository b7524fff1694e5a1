using Seam.Exposure.Model;
using Seam.Exposure.WhatIf;
using Seam.Inventory;

namespace Seam.Core.Tests.Exposure.Scenarios;

/// <summary>A scenario is checked against the plant it is tried on: unknown ids and taken ids are named with their action and line.</summary>
public sealed class ScenarioValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static readonly ExposureInput Plant = new()
    {
        Inventory = new InventoryModel
        {
            Sites = [new Site { Id = "north", Name = "North" }, new Site { Id = "south", Name = "South" }],
            Zones =
            [
                new Zone { Id = "z-dmz", SiteId = "north", Name = "DMZ", Level = PurdueLevel.IndustrialDmz },
                new Zone { Id = "z-l3", SiteId = "north", Name = "Operations", Level = PurdueLevel.Operations },
                new Zone { Id = "z-l2", SiteId = "north", Name = "Supervisory", Level = PurdueLevel.Supervisory },
                new Zone { Id = "z-south", SiteId = "south", Name = "South cell", Level = PurdueLevel.BasicControl },
            ],
            Conduits =
            [
                new Conduit { Id = "c-l3-l2", SiteId = "north", FromZoneId = "z-l3", ToZoneId = "z-l2", Services = [ServiceEndpoint.Parse("modbus"), ServiceEndpoint.Parse("s7")] },
                new Conduit { Id = "c-dmz-l3", SiteId = "north", FromZoneId = "z-dmz", ToZoneId = "z-l3", Services = [ServiceEndpoint.Parse("https")] },
            ],
            Assets =
            [
                new Asset { Id = "plc-3", SiteId = "north", ZoneId = "z-l2", Name = "PLC-3", Kind = AssetKind.Plc },
                new Asset { Id = "hmi-2", SiteId = "north", ZoneId = "z-l2", Name = "HMI-2", Kind = AssetKind.Hmi },
            ],
            EntryPoints =
            [
                new EntryPoint { Id = "ep-krones", SiteId = "north", Name = "Krones VPN", Kind = EntryPointKind.VendorRemoteAccess, ZoneId = "z-dmz" },
                new EntryPoint { Id = "ep-siemens", SiteId = "north", Name = "Siemens SRS", Kind = EntryPointKind.VendorRemoteAccess, ZoneId = "z-dmz" },
            ],
        },
        Findings = [new ExposureFinding { Id = "f-plc3-cve1", AssetId = "plc-3", VulnerabilityId = "CVE-2026-99001" }],
        AllowRules = [new AllowRule { Id = "ar-hist", SiteId = "north", FromAssetId = "hmi-2", ToAssetId = "plc-3", Services = [ServiceEndpoint.Parse("s7")] }],
        AccessGrants =
        [
            new AccessGrant { Id = "grant-now", SiteId = "north", Grantee = "tech", AssetIds = ["plc-3"], From = Now.AddHours(-1), To = Now.AddHours(1) },
            new AccessGrant { Id = "grant-past", SiteId = "north", Grantee = "tech", AssetIds = ["plc-3"], From = Now.AddDays(-2), To = Now.AddDays(-1) },
        ],
        At = Now,
    };

    private static (ScenarioParseResult Parsed, IReadOnlyList<ScenarioProblem> Problems) Check(string actions)
    {
        var parsed = ScenarioYaml.Parse("name: test\nactions:\n" + actions, "s.yaml");
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Problems));
        return (parsed, parsed.Locate(ScenarioValidator.Check(parsed.Scenario!, Plant)));
    }

    [Fact]
    public void A_scenario_that_names_only_what_exists_has_no_problems()
    {
        var (_, problems) = Check("""
              - patch-finding: f-plc3-cve1
              - block-service: { conduit: c-l3-l2, service: modbus }
              - block-service: c-dmz-l3
              - remove-entry-point: ep-krones
              - require-mfa: grant-now
              - isolate-asset: hmi-2
              - add-asset: { id: ai-box, site: north, zone: z-l3, kind: server }
              - add-allow-rule: { id: ar-ai, site: north, from: ai-box, to: plc-3, services: [s7] }
              - add-conduit: { id: c-new, site: north, from: z-dmz, to: z-l2, services: [https] }
              - add-solution:
                  name: Edge
                  assets: [{ id: edge, site: north, zone: z-l3, kind: cloud connector }]
                  entry-points: [{ id: ep-cloud, site: north, kind: internet, zone: z-dmz, targets: [edge] }]
              - isolate-asset: edge
            """);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("  - patch-finding: f-nope\n", "action 1 (patch-finding): there is no finding 'f-nope'")]
    [InlineData("  - block-service: { conduit: c-nope }\n", "action 1 (block-service): there is no conduit 'c-nope'")]
    [InlineData("  - block-service: { conduit: c-dmz-l3, service: modbus }\n", "does not carry modbus:tcp/502; it carries https:tcp/443")]
    [InlineData("  - remove-entry-point: ep-nope\n", "action 1 (remove-entry-point): there is no entry point or active access grant 'ep-nope'")]
    [InlineData("  - require-mfa: grant-past\n", "there is no entry point or active access grant 'grant-past'")]
    [InlineData("  - isolate-asset: plc-9\n", "action 1 (isolate-asset): there is no asset 'plc-9'")]
    [InlineData("  - add-asset: { id: plc-3, site: north, kind: plc }\n", "asset id 'plc-3' is already taken")]
    [InlineData("  - add-asset: { id: new, site: west, kind: plc }\n", "there is no site 'west'")]
    [InlineData("  - add-asset: { id: new, site: north, zone: z-nope, kind: plc }\n", "zone: there is no zone 'z-nope'")]
    [InlineData("  - add-asset: { id: new, site: north, zone: z-south, kind: plc }\n", "zone 'z-south' is on site 'south', not on 'north'")]
    [InlineData("  - add-conduit: { id: c-l3-l2, site: north, from: z-l3, to: z-l2, services: [s7] }\n", "conduit id 'c-l3-l2' is already taken")]
    [InlineData("  - add-conduit: { id: c-x, site: north, from: z-l3, to: z-gone, services: [s7] }\n", "to: there is no zone 'z-gone'")]
    [InlineData("  - add-allow-rule: { id: ar-hist, site: north, from: hmi-2, to: plc-3, services: [s7] }\n", "allow rule id 'ar-hist' is already taken")]
    [InlineData("  - add-allow-rule: { id: ar-x, site: north, from: ghost, to: plc-3, services: [s7] }\n", "from: there is no asset 'ghost'")]
    [InlineData("  - add-solution:\n      name: s\n      entry-points: [{ id: ep-krones, site: north, kind: internet }]\n", "action 1 (add-solution): entry point 1: entry point id 'ep-krones' is already taken")]
    [InlineData("  - add-solution:\n      name: s\n      entry-points: [{ id: ep-x, site: north, kind: internet, targets: [ghost] }]\n", "entry point 1: targets: there is no asset 'ghost'")]
    public void An_unknown_or_taken_id_is_named_with_its_action(string actions, string expected)
    {
        var (_, problems) = Check(actions);

        var problem = Assert.Single(problems);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Equal(3, problem.Line);
    }

    [Fact]
    public void Ids_added_twice_in_one_scenario_are_duplicates_and_the_problem_points_at_the_second_action()
    {
        var (_, problems) = Check("""
              - isolate-asset: hmi-2
              - add-asset: { id: twin, site: north, kind: server }
              - add-asset: { id: twin, site: north, kind: server }
            """);

        var problem = Assert.Single(problems);
        Assert.Equal("s.yaml:5:5: action 3 (add-asset): asset id 'twin' is already taken", problem.ToString());
    }

    [Fact]
    public void An_asset_is_known_only_after_the_action_that_adds_it()
    {
        var (_, problems) = Check("""
              - isolate-asset: later
              - add-asset: { id: later, site: north, kind: server }
            """);

        Assert.Equal(["action 1 (isolate-asset): there is no asset 'later'"], problems.Select(p => p.Message));
    }
}
