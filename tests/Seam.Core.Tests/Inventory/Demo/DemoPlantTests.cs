using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Seam.Inventory;
using Seam.Inventory.Demo;
using static Seam.Inventory.PurdueLevel;

namespace Seam.Core.Tests.Inventory.Demo;

public sealed class DemoPlantTests
{
    private static readonly InventoryModel Demo = DemoPlant.Create();

    private static readonly IReadOnlyList<InventoryProblem> Problems = InventoryValidator.Validate(Demo);

    /// <summary>
    /// Where each kind of asset belongs, written down independently of the generator: a plant engineer's reading
    /// of the Purdue model (REFERENCE §9). Cell firewalls sit at level 1; panel HMIs at the machine or in the control room.
    /// </summary>
    private static readonly Dictionary<AssetKind, PurdueLevel[]> PlausibleLevels = new()
    {
        [AssetKind.Plc] = [BasicControl],
        [AssetKind.Rtu] = [BasicControl],
        [AssetKind.SafetyController] = [BasicControl],
        [AssetKind.Ied] = [Process, BasicControl],
        [AssetKind.Drive] = [Process, BasicControl],
        [AssetKind.FieldDevice] = [Process, BasicControl],
        [AssetKind.Hmi] = [BasicControl, Supervisory],
        [AssetKind.EngineeringWorkstation] = [Supervisory, Operations],
        [AssetKind.Historian] = [Supervisory, Operations, IndustrialDmz],
        [AssetKind.ScadaServer] = [Supervisory, Operations],
        [AssetKind.OpcServer] = [Supervisory, Operations],
        [AssetKind.Switch] = [BasicControl, Supervisory, Operations, IndustrialDmz, Enterprise, EnterpriseNetwork],
        [AssetKind.Router] = [IndustrialDmz, Enterprise, EnterpriseNetwork],
        [AssetKind.Firewall] = [BasicControl, Supervisory, Operations, IndustrialDmz, Enterprise, EnterpriseNetwork],
        [AssetKind.DataDiode] = [Operations, IndustrialDmz],
        [AssetKind.JumpHost] = [IndustrialDmz],
        [AssetKind.VpnGateway] = [Supervisory, IndustrialDmz, EnterpriseNetwork],
        [AssetKind.Server] = [Operations, IndustrialDmz, Enterprise],
        [AssetKind.Workstation] = [Operations, Enterprise],
        [AssetKind.Printer] = [Operations, Enterprise],
        [AssetKind.CloudConnector] = [IndustrialDmz, Enterprise],
        [AssetKind.CustomApplication] = [Supervisory, Operations, Enterprise],
        [AssetKind.Other] = [BasicControl, Supervisory, Operations],
    };

    [Fact]
    public void The_same_seed_gives_the_same_model()
    {
        Assert.Equal(Serialise(DemoPlant.Create(2026)), Serialise(DemoPlant.Create(2026)));
    }

    [Fact]
    public void Another_seed_gives_other_firmware_serials_and_macs_but_the_same_plant()
    {
        var other = DemoPlant.Create(7);

        Assert.NotEqual(Serialise(Demo), Serialise(other));
        Assert.Equal(Demo.Assets.Select(a => a.Id), other.Assets.Select(a => a.Id));
        Assert.Equal(Demo.Zones.Select(z => (z.Id, z.Subnets[0])), other.Zones.Select(z => (z.Id, z.Subnets[0])));
    }

    [Fact]
    public void The_validator_finds_no_errors()
    {
        Assert.Empty(Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => $"{p.Code} {p.EntityId}: {p.Message}"));
    }

    [Fact]
    public void The_validator_finds_exactly_the_deliberate_smells()
    {
        var smells = Problems.Where(p => p.Severity == ProblemSeverity.Smell).ToList();

        Assert.Equal(
            ["address-outside-zone-subnets", "always-on-vendor-access-without-mfa", "asset-without-owner", "asset-without-owner", "conduit-bypasses-dmz"],
            smells.Select(s => s.Code).Order(StringComparer.Ordinal));
        Assert.Equal(
            DemoPlant.DeliberateSmells.Select(d => (d.Code, d.Entity, d.EntityId)).Order(),
            smells.Select(s => (s.Code, s.Entity, s.EntityId)).Order());
    }

    [Fact]
    public void The_company_has_two_sites_with_twenty_to_thirty_zones_and_about_four_hundred_assets()
    {
        Assert.Equal(["eastport", "riverside"], Demo.Sites.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.InRange(Demo.Zones.Count, 20, 30);
        Assert.InRange(Demo.Assets.Count, 350, 450);
    }

    [Fact]
    public void Every_site_has_a_zone_on_every_purdue_level_including_the_industrial_dmz()
    {
        foreach (var site in Demo.Sites)
        {
            var levels = Demo.Zones.Where(z => z.SiteId == site.Id).Select(z => z.Level).ToHashSet();
            Assert.Equal(PurdueLevels.All, PurdueLevels.All.Where(levels.Contains));
        }
    }

    [Fact]
    public void Safety_controllers_at_every_site_are_safety_relevant_wait_for_the_vendor_and_include_crown_jewels()
    {
        foreach (var site in Demo.Sites)
        {
            var sisControllers = Demo.Assets.Where(a => a.SiteId == site.Id && a.Kind == AssetKind.SafetyController).ToList();
            Assert.Contains(sisControllers, a => a.IsCrownJewel);
            Assert.All(sisControllers, a => Assert.True(a.SafetyRelevant, a.Id));
            Assert.All(sisControllers, a => Assert.True(a.Patchability is Patchability.VendorApproval or Patchability.Never, a.Id));
        }
    }

    [Fact]
    public void Every_address_is_inside_its_zones_subnets_except_the_deliberate_one()
    {
        var zones = Demo.Zones.ToDictionary(z => z.Id);
        var outside = Demo.Assets
            .Where(a => a.Addresses.Any(address => !zones[a.ZoneId!].Subnets.Any(s => IPNetwork.Parse(s).Contains(IPAddress.Parse(address)))))
            .Select(a => a.Id);

        var deliberate = DemoPlant.DeliberateSmells.Where(d => d.Code == "address-outside-zone-subnets").Select(d => d.EntityId);
        Assert.Equal(deliberate, outside);
    }

    [Fact]
    public void Addresses_and_macs_are_unique_and_macs_carry_a_vendor_oui()
    {
        var addresses = Demo.Assets.SelectMany(a => a.Addresses).ToList();
        var macs = Demo.Assets.SelectMany(a => a.MacAddresses).ToList();

        Assert.Equal(addresses.Count, addresses.Distinct().Count());
        Assert.Equal(macs.Count, macs.Distinct().Count());
        Assert.All(macs, mac => Assert.True(InventoryValidator.TryNormaliseMac(mac, out var normalised) && normalised == mac, mac));
        Assert.All(Demo.Assets.Where(a => a.Vendor == "Siemens"), a => Assert.Contains(a.MacAddresses[0][..8], new[] { "00:1b:1b", "00:0e:8c" }));
        Assert.All(Demo.Assets.Where(a => a.Model == "1756-L83E"), a => Assert.StartsWith("00:00:bc:", a.MacAddresses[0]));
    }

    [Fact]
    public void Every_conduit_joins_two_existing_zones_of_its_own_site()
    {
        var zones = Demo.Zones.ToDictionary(z => z.Id);

        Assert.All(Demo.Conduits, c =>
        {
            Assert.Equal(c.SiteId, zones[c.FromZoneId].SiteId);
            Assert.Equal(c.SiteId, zones[c.ToZoneId].SiteId);
            Assert.NotEmpty(c.Services);
            Assert.False(string.IsNullOrWhiteSpace(c.EnforcedBy));
        });
    }

    [Fact]
    public void Historian_replication_crosses_a_data_diode_one_way()
    {
        var oneWay = Assert.Single(Demo.Conduits, c => c.Direction == ConduitDirection.OneWay);
        var diode = Assert.Single(Demo.Assets, a => a.Kind == AssetKind.DataDiode);
        var zones = Demo.Zones.ToDictionary(z => z.Id);

        Assert.StartsWith(diode.Id, oneWay.EnforcedBy);
        Assert.Equal(Operations, zones[oneWay.FromZoneId].Level);
        Assert.Equal(IndustrialDmz, zones[oneWay.ToZoneId].Level);
        Assert.Equal(["pi"], oneWay.Services.Select(s => s.Protocol));
    }

    [Fact]
    public void Every_asset_kind_sits_on_a_level_where_plants_put_it()
    {
        var zones = Demo.Zones.ToDictionary(z => z.Id);

        Assert.All(Demo.Assets, a =>
            Assert.True(PlausibleLevels[a.Kind].Contains(zones[a.ZoneId!].Level), $"{a.Id} ({a.Kind}) at level {zones[a.ZoneId!].Level.ToNumber()}"));
    }

    [Fact]
    public void Controllers_wait_for_a_window_or_the_vendor_while_office_pcs_patch_any_time()
    {
        Assert.All(Demo.Assets.Where(a => a.Kind.IsController()), a => Assert.NotEqual(Patchability.AnyTime, a.Patchability));
        Assert.All(Demo.Assets.Where(a => a.Kind == AssetKind.Workstation && a.Model == "Dell OptiPlex 7010"), a => Assert.Equal(Patchability.AnyTime, a.Patchability));
    }

    [Fact]
    public void Each_site_has_internet_enterprise_vendor_and_removable_media_entry_points()
    {
        foreach (var site in Demo.Sites)
        {
            var kinds = Demo.EntryPoints.Where(e => e.SiteId == site.Id).Select(e => e.Kind).ToHashSet();
            Assert.Equal(Enum.GetValues<EntryPointKind>().Length, kinds.Count);
        }

        var vendorPaths = Demo.EntryPoints.Where(e => e.Kind == EntryPointKind.VendorRemoteAccess).ToList();
        Assert.InRange(vendorPaths.Count, 2, 3);
        Assert.All(vendorPaths, e => Assert.NotEmpty(e.TargetAssetIds));
    }

    [Fact]
    public void Every_zone_and_asset_has_an_owner_team_except_the_deliberately_unowned_assets()
    {
        var unowned = Demo.Assets.Where(a => a.OwnerTeamId is null).Select(a => a.Id).Order(StringComparer.Ordinal);

        Assert.All(Demo.Zones, z => Assert.NotNull(z.OwnerTeamId));
        Assert.Equal(
            DemoPlant.DeliberateSmells.Where(d => d.Code == "asset-without-owner").Select(d => d.EntityId).Order(StringComparer.Ordinal),
            unowned);
        Assert.Equal([TeamSide.It, TeamSide.Ot, TeamSide.Joint, TeamSide.Vendor], Demo.Teams.Select(t => t.Side).Distinct().Order());
        Assert.InRange(Demo.People.Count, 12, 18);
    }

    [Fact]
    public void Last_seen_times_count_back_from_the_reference_instant_not_the_clock()
    {
        Assert.All(Demo.Assets, a => Assert.InRange(a.LastSeen!.Value, DemoPlant.ReferenceInstant.AddDays(-2), DemoPlant.ReferenceInstant));
    }

    internal static string Serialise(InventoryModel model) =>
        JsonSerializer.Serialize(model, new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } });
}
