using Seam.Inventory;

namespace Seam.Core.Tests.Inventory;

public class InventoryValidatorTests
{
    /// <summary>A small plant with no problems at all; each test breaks one thing.</summary>
    private static InventoryModel CleanPlant(
        Action<List<Zone>>? zones = null,
        Action<List<Conduit>>? conduits = null,
        Action<List<Asset>>? assets = null,
        Action<List<EntryPoint>>? entryPoints = null)
    {
        var z = new List<Zone>
        {
            new() { Id = "ent", SiteId = "s", Name = "Enterprise", Level = PurdueLevel.Enterprise, OwnerTeamId = "it", Subnets = ["10.40.0.0/16"] },
            new() { Id = "dmz", SiteId = "s", Name = "Industrial DMZ", Level = PurdueLevel.IndustrialDmz, OwnerTeamId = "it", Subnets = ["10.35.0.0/24"] },
            new() { Id = "ops", SiteId = "s", Name = "Operations", Level = PurdueLevel.Operations, OwnerTeamId = "ot", Subnets = ["10.30.0.0/24"] },
            new() { Id = "cell", SiteId = "s", Name = "Press cell", Level = PurdueLevel.BasicControl, OwnerTeamId = "ot", Subnets = ["10.1.1.0/24"] },
        };
        var c = new List<Conduit>
        {
            new() { Id = "c1", SiteId = "s", FromZoneId = "ent", ToZoneId = "dmz", Services = [ServiceEndpoint.Parse("https")] },
            new() { Id = "c2", SiteId = "s", FromZoneId = "dmz", ToZoneId = "ops", Services = [ServiceEndpoint.Parse("rdp")] },
            new() { Id = "c3", SiteId = "s", FromZoneId = "ops", ToZoneId = "cell", Services = [ServiceEndpoint.Parse("s7")] },
        };
        var a = new List<Asset>
        {
            new() { Id = "plc", SiteId = "s", ZoneId = "cell", Name = "PLC-101", Kind = AssetKind.Plc, OwnerTeamId = "ot", Addresses = ["10.1.1.10"], MacAddresses = ["00:1b:1b:01:02:03"] },
            new() { Id = "hist", SiteId = "s", ZoneId = "ops", Name = "Historian", Kind = AssetKind.Historian, OwnerTeamId = "ot", Addresses = ["10.30.0.5"] },
        };
        var e = new List<EntryPoint>
        {
            new() { Id = "vpn", SiteId = "s", Name = "Vendor VPN", Kind = EntryPointKind.VendorRemoteAccess, ZoneId = "dmz", MfaRequired = true, Availability = RemoteAccessAvailability.OnDemand, TargetAssetIds = ["plc"] },
        };
        zones?.Invoke(z);
        conduits?.Invoke(c);
        assets?.Invoke(a);
        entryPoints?.Invoke(e);
        return new InventoryModel
        {
            Teams = [new Team { Id = "it", Name = "IT", Side = TeamSide.It }, new Team { Id = "ot", Name = "OT", Side = TeamSide.Ot }],
            Sites = [new Site { Id = "s", Name = "North plant" }],
            Zones = z,
            Conduits = c,
            Assets = a,
            EntryPoints = e,
        };
    }

    private static IEnumerable<string> Codes(InventoryModel model) => InventoryValidator.Validate(model).Select(p => p.Code);

    [Fact]
    public void A_clean_plant_has_no_problems() => Assert.Empty(InventoryValidator.Validate(CleanPlant()));

    [Fact]
    public void A_conduit_from_enterprise_straight_into_a_cell_is_flagged_as_bypassing_the_dmz()
    {
        var model = CleanPlant(conduits: c => c.Add(new Conduit { Id = "bad", SiteId = "s", FromZoneId = "ent", ToZoneId = "cell", Services = [ServiceEndpoint.Parse("rdp")] }));

        var problem = Assert.Single(InventoryValidator.Validate(model));

        Assert.Equal(("conduit-bypasses-dmz", ProblemSeverity.Smell, "bad"), (problem.Code, problem.Severity, problem.EntityId));
        Assert.Contains("Controllers", problem.ForOt, StringComparison.Ordinal);
        Assert.NotNull(problem.ForIt);
    }

    [Fact]
    public void A_conduit_through_the_dmz_is_not_flagged() =>
        Assert.DoesNotContain("conduit-bypasses-dmz", Codes(CleanPlant()));

    [Fact]
    public void An_address_outside_the_zone_subnets_is_flagged_not_refused()
    {
        var model = CleanPlant(assets: a => a[0].Addresses = ["192.168.7.7"]);

        var problem = Assert.Single(InventoryValidator.Validate(model));

        Assert.Equal(("address-outside-zone-subnets", ProblemSeverity.Smell), (problem.Code, problem.Severity));
        Assert.Contains("192.168.7.7", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_asset_without_owner_is_flagged() =>
        Assert.Equal(["asset-without-owner"], Codes(CleanPlant(assets: a => a[1].OwnerTeamId = null)));

    [Fact]
    public void Always_on_vendor_access_without_mfa_is_flagged() =>
        Assert.Equal(["always-on-vendor-access-without-mfa"], Codes(CleanPlant(entryPoints: e =>
        {
            e[0].MfaRequired = false;
            e[0].Availability = RemoteAccessAvailability.AlwaysOn;
        })));

    [Fact]
    public void A_zone_without_any_conduit_is_flagged() =>
        Assert.Equal(["zone-without-conduits"], Codes(CleanPlant(zones: z =>
            z.Add(new Zone { Id = "lab", SiteId = "s", Name = "Lab", Level = PurdueLevel.Supervisory, OwnerTeamId = "ot" }))));

    public static TheoryData<string, Action<List<Asset>>> BrokenAssets => new()
    {
        { "unknown-zone", a => a[0].ZoneId = "nowhere" },
        { "unknown-team", a => a[0].OwnerTeamId = "ghosts" },
        { "invalid-criticality", a => a[0].Criticality = 9 },
        { "invalid-address", a => a[0].Addresses = ["10.1.1.300"] },
        { "invalid-mac", a => a[0].MacAddresses = ["00:1b:1b:01:02"] },
        { "duplicate-id", a => a.Add(new Asset { Id = "plc", SiteId = "s", ZoneId = "cell", Name = "Copy", OwnerTeamId = "ot" }) },
        { "missing-name", a => a[0].Name = " " },
        { "invalid-downtime-cost", a => a[0].DowntimeCostPerHour = -1 },
        { "missing-site", a => a[0].SiteId = null! },
    };

    [Theory]
    [MemberData(nameof(BrokenAssets))]
    public void Broken_asset_data_is_an_error(string code, Action<List<Asset>> breakIt)
    {
        var problems = InventoryValidator.Validate(CleanPlant(assets: breakIt));

        Assert.Contains(problems, p => p.Code == code && p.Severity == ProblemSeverity.Error);
        Assert.True(problems.HasErrors());
    }

    [Fact]
    public void An_asset_in_a_zone_of_another_site_is_an_error()
    {
        var model = CleanPlant(assets: a => a[0].SiteId = "elsewhere") with { Sites = [new Site { Id = "s", Name = "North" }, new Site { Id = "elsewhere", Name = "South" }] };

        Assert.Contains("zone-in-other-site", Codes(model));
    }

    [Fact]
    public void A_conduit_without_its_zones_is_an_error() =>
        Assert.Equal(2, Codes(CleanPlant(conduits: c =>
        {
            c[0].FromZoneId = null!;
            c[0].ToZoneId = " ";
        })).Count(code => code == "missing-zone"));

    [Fact]
    public void A_security_level_outside_one_to_four_is_an_error() =>
        Assert.Contains("invalid-security-level", Codes(CleanPlant(zones: z => z[0].TargetSecurityLevel = 5)));

    [Fact]
    public void A_subnet_that_is_not_cidr_is_an_error() =>
        Assert.Contains("invalid-subnet", Codes(CleanPlant(zones: z => z[0].Subnets = ["10.0.0.0/33"])));

    [Theory]
    [InlineData("00:1B:1B:01:02:03", "00:1b:1b:01:02:03")]
    [InlineData("00-1b-1b-01-02-03", "00:1b:1b:01:02:03")]
    [InlineData("001b.1b01.0203", "00:1b:1b:01:02:03")]
    [InlineData("001b1b010203", "00:1b:1b:01:02:03")]
    public void Mac_addresses_normalise_to_lower_case_colon_form(string text, string expected)
    {
        Assert.True(InventoryValidator.TryNormaliseMac(text, out var mac));
        Assert.Equal(expected, mac);
    }
}
