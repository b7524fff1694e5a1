using System.Globalization;
using Seam.Inventory;

namespace Seam.Testing.Inventory;

/// <summary>
/// Small, valid inventories for tests. <see cref="Plant"/> touches every field at least once: lists, services of each
/// transport, nulls, non-ASCII text, a decimal, times with an offset (at microsecond precision, which both databases keep).
/// </summary>
public static class SampleInventory
{
    public static readonly DateTimeOffset LastSeen = new(2025, 3, 14, 15, 9, 26, 535, 897, TimeSpan.FromHours(2));

    public static InventoryModel Plant() => new()
    {
        Teams =
        [
            new Team { Id = "ot-line2", Name = "Automatisierung Linie 2", Side = TeamSide.Ot, Email = "ot-line2@example.com" },
            new Team { Id = "it-sec", Name = "IT Security", Side = TeamSide.It },
        ],
        People =
        [
            new Person { Id = "p-jana", Name = "Jana Nováková", Email = "jana@example.com", TeamId = "ot-line2", Title = "Controls engineer, Line 2" },
            new Person { Id = "p-kenji", Name = "山田 健二", TeamId = null },
        ],
        Sites = [new Site { Id = "plant-a", Name = "Werk Süd", Location = "Ingolstadt", Description = "Bottling – 3 lines" }],
        Zones =
        [
            new Zone { Id = "z-cell", SiteId = "plant-a", Name = "Cell 2", Level = PurdueLevel.BasicControl, TargetSecurityLevel = 3, Subnets = ["10.20.2.0/24", "fd00:20:2::/64"], OwnerTeamId = "ot-line2" },
            new Zone { Id = "z-field", SiteId = "plant-a", Name = "Field I/O", Level = PurdueLevel.Process, Subnets = ["10.64.0.0/10"], OwnerTeamId = "ot-line2" },
            new Zone { Id = "z-dmz", SiteId = "plant-a", Name = "Industrial DMZ", Level = PurdueLevel.IndustrialDmz, Subnets = ["10.20.35.0/24"], OwnerTeamId = "it-sec", Description = "Brokered services only" },
        ],
        Conduits =
        [
            new Conduit
            {
                Id = "c-dmz-cell", SiteId = "plant-a", Name = "Historian collection", FromZoneId = "z-dmz", ToZoneId = "z-cell",
                Services = [ServiceEndpoint.Parse("opcua"), ServiceEndpoint.Parse("tcp/1024-65535"), ServiceEndpoint.Parse("profinet-dcp:eth")],
                Direction = ConduitDirection.OneWay, EnforcedBy = "FW-IDMZ-01 (FortiGate)",
            },
            new Conduit { Id = "c-cell-field", SiteId = "plant-a", FromZoneId = "z-cell", ToZoneId = "z-field", Services = [ServiceEndpoint.Parse("modbus")] },
        ],
        Assets =
        [
            new Asset
            {
                Id = "a-plc-1", SiteId = "plant-a", ZoneId = "z-cell", Name = "PLC Füller ✓", Kind = AssetKind.Plc,
                Vendor = "Siemens", Product = "S7-1500", Model = "CPU 1516-3 PN/DP", Version = "V2.9.4", SerialNumber = "S C-X4U12345",
                Addresses = ["10.20.2.10", "fd00:20:2::10"], MacAddresses = ["00:1b:1b:12:34:56"],
                Services = [ServiceEndpoint.Parse("s7"), ServiceEndpoint.Parse("modbus:tcp/502"), ServiceEndpoint.Parse("udp/161")],
                OwnerTeamId = "ot-line2", MaintainerTeamId = "it-sec", Criticality = 5, SafetyRelevant = true,
                ProcessLine = "Linie 2 – Abfüllung", DowntimeCostPerHour = 12_500.75m, Patchability = Patchability.VendorApproval,
                IsCrownJewel = true, Source = AssetSource.Import, LastSeen = LastSeen, Notes = "Firmware-Update nur im Stillstand.\nSecond line.",
            },
            new Asset { Id = "a-bare", SiteId = "plant-a", Name = "Unplaced device" },
        ],
        EntryPoints =
        [
            new EntryPoint
            {
                Id = "e-vendor", SiteId = "plant-a", Name = "Integrator VPN", Kind = EntryPointKind.VendorRemoteAccess, ZoneId = "z-dmz",
                Vendor = "Acme Integration GmbH", Method = "IPsec VPN", TargetAssetIds = ["a-plc-1", "a-bare"], MfaRequired = true,
                Availability = RemoteAccessAvailability.OnDemand,
            },
            new EntryPoint { Id = "e-internet", SiteId = "plant-a", Name = "Internet", Kind = EntryPointKind.Internet },
        ],
    };

    /// <summary>
    /// <paramref name="count"/> distinct assets in <see cref="Plant"/>'s field zone, ids <c>{prefix}000001</c> upwards,
    /// each with its own address inside the zone's subnet (so the validator finds no problem with them; up to 4 million).
    /// </summary>
    public static IReadOnlyList<Asset> FieldAssets(int count, string prefix = "gen-")
    {
        var kinds = Enum.GetValues<AssetKind>();
        var assets = new List<Asset>(count);
        for (var i = 1; i <= count; i++)
        {
            var n = i.ToString("D6", CultureInfo.InvariantCulture);
            assets.Add(new Asset
            {
                Id = prefix + n,
                SiteId = "plant-a",
                ZoneId = "z-field",
                Name = "Device " + n,
                Kind = kinds[i % kinds.Length],
                Vendor = (i % 3) switch { 0 => "Siemens", 1 => "Rockwell Automation", _ => "Schneider Électrique" },
                Version = i % 5 == 0 ? null : "V" + (i % 7).ToString(CultureInfo.InvariantCulture) + ".1",
                Addresses = [$"10.{64 + (i >> 16)}.{(i >> 8) & 255}.{i & 255}"],
                Services = i % 2 == 0 ? [ServiceEndpoint.Parse("modbus")] : [],
                OwnerTeamId = "ot-line2",
                Criticality = 1 + (i % 5),
                DowntimeCostPerHour = i % 4 == 0 ? null : i * 1.25m,
                LastSeen = i % 2 == 0 ? null : LastSeen.AddSeconds(i),
            });
        }

        return assets;
    }
}
