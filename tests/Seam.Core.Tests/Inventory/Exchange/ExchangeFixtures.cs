using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Seam.Inventory;
using Seam.Inventory.Exchange;

namespace Seam.Core.Tests.Inventory.Exchange;

/// <summary>Builders and assertions shared by the exchange tests.</summary>
internal static class ExchangeFixtures
{
    public static InventoryFile Text(string name, string content, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        return InventoryFile.FromBytes(name, bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
    }

    public static InventoryReadResult Read(params InventoryFile[] files) => InventoryReader.Read(files, InventoryModel.Empty);

    public static InventoryReadResult Read(InventoryModel existing, params InventoryFile[] files) => InventoryReader.Read(files, existing);

    /// <summary>The path of a file under Data/, found from this source file so that the test project needs no copy rule.</summary>
    public static string DataPath(string name, [CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Data", name);

    public static string Messages(InventoryReadResult result) => string.Join(Environment.NewLine, result.Errors);

    /// <summary>A plant with one site, a zone per Purdue level and a little of everything, as a base for reference resolution.</summary>
    public static InventoryModel SmallPlant() => new()
    {
        Teams = [new Team { Id = "ot-line2", Name = "OT Line 2", Side = TeamSide.Ot }, new Team { Id = "it-sec", Name = "IT Security", Side = TeamSide.It }],
        Sites = [new Site { Id = "hamburg", Name = "Hamburg plant" }],
        Zones =
        [
            new Zone { Id = "cell-2", SiteId = "hamburg", Name = "Cell 2", Level = PurdueLevel.BasicControl, Subnets = ["10.20.2.0/24"] },
            new Zone { Id = "ops", SiteId = "hamburg", Name = "Operations", Level = PurdueLevel.Operations },
        ],
    };

    /// <summary>Every enum value, nulls, unicode, commas, quotes, line breaks, port ranges, decimals and offsets.</summary>
    public static InventoryModel RichModel()
    {
        var teams = new List<Team>
        {
            new() { Id = "t-it", Name = "IT Sicherheit, Zentrale", Side = TeamSide.It, Email = "it@example.com" },
            new() { Id = "t-ot", Name = "OT \"Leitstand\"", Side = TeamSide.Ot },
            new() { Id = "t-joint", Name = "Seam board", Side = TeamSide.Joint, Email = null },
            new() { Id = "t-vendor", Name = "Siemens Service 🛠", Side = TeamSide.Vendor, Email = "service@siemens.example" },
        };
        var people = new List<Person>
        {
            new() { Id = "p-1", Name = "Jürgen Groß", Email = "jg@example.com", TeamId = "t-ot", Title = "Controls engineer, Line 2" },
            new() { Id = "p-2", Name = "Zoë O'Brien", TeamId = null, Title = null },
        };
        var sites = new List<Site>
        {
            new() { Id = "s-ham", Name = "Hamburg", Location = "Hafenstraße 1; 20457 Hamburg", Description = "Main plant\nsince 1972" },
            new() { Id = "s-lyo", Name = "Lyon Usine" },
        };
        var zones = PurdueLevels.All.Select((level, i) => new Zone
        {
            Id = $"z-{i}",
            SiteId = "s-ham",
            Name = $"Zone {level.ToNumber()}",
            Level = level,
            TargetSecurityLevel = i % 4 + 1,
            Subnets = i == 0 ? [] : [$"10.{i}.0.0/16", $"fd00:{i}::/64"],
            OwnerTeamId = i % 2 == 0 ? "t-ot" : null,
            Description = i == 3 ? "  leading and trailing spaces  " : null,
        }).ToList();
        var conduits = new List<Conduit>
        {
            new()
            {
                Id = "c-1", SiteId = "s-ham", Name = "DMZ → ops", FromZoneId = "z-4", ToZoneId = "z-3",
                Services = [ServiceEndpoint.Parse("modbus:tcp/502"), ServiceEndpoint.Parse("tcp/1024-65535"), ServiceEndpoint.Parse("profinet-dcp:eth"), ServiceEndpoint.Parse("udp/47808")],
                Direction = ConduitDirection.Bidirectional, EnforcedBy = "FW-IDMZ-01 (Fortinet, \"HA pair\")",
            },
            new() { Id = "c-2", SiteId = "s-ham", FromZoneId = "z-3", ToZoneId = "z-4", Direction = ConduitDirection.OneWay, Description = "Waterfall diode" },
        };
        var kinds = Enum.GetValues<AssetKind>();
        var patching = Enum.GetValues<Patchability>();
        var sources = Enum.GetValues<AssetSource>();
        var assets = kinds.Select((kind, i) => new Asset
        {
            Id = $"a-{i:D2}",
            SiteId = "s-ham",
            ZoneId = i % 5 == 0 ? null : zones[i % zones.Count].Id,
            Name = i == 1 ? "Pumpe, \"Nord\" – Kühlung" : $"{kind.DisplayName()} {i}",
            Kind = kind,
            Vendor = i % 3 == 0 ? null : "Siemens",
            Product = i % 4 == 0 ? null : "SIMATIC S7-1500",
            Model = i % 2 == 0 ? "6ES7 515-2AM02-0AB0" : null,
            Version = i % 2 == 0 ? "V2.9.4" : null,
            SerialNumber = i == 2 ? "S C-1234, rev \"B\"" : null,
            Addresses = i % 3 == 0 ? [] : [$"10.{i}.1.10", "fe80::1"],
            MacAddresses = i % 4 == 0 ? [] : [$"00:1b:1b:12:34:{i:x2}"],
            Services = i % 2 == 0 ? [ServiceEndpoint.Parse("s7:tcp/102"), ServiceEndpoint.Parse("udp/10000-10100")] : [],
            OwnerTeamId = i % 4 == 3 ? null : "t-ot",
            MaintainerTeamId = i % 2 == 0 ? "t-vendor" : null,
            Criticality = i % 5 + 1,
            SafetyRelevant = i % 2 == 1,
            ProcessLine = i % 3 == 0 ? "Line 2 – bottling" : null,
            DowntimeCostPerHour = i % 4 == 0 ? null : 1234.567m * i,
            Patchability = patching[i % patching.Length],
            IsCrownJewel = i % 7 == 0,
            Source = sources[i % sources.Length],
            LastSeen = i % 3 == 0 ? null : new DateTimeOffset(2025, 3, 1, 8, 30, 15, TimeSpan.FromHours(i % 3)).AddTicks(1234567),
            Notes = i switch
            {
                1 => "Line one\nLine two, with comma\r\nand \"quotes\"",
                2 => "ends with a semicolon;",
                3 => "日本語のメモ",
                _ => null,
            },
        }).ToList();
        var entryPoints = Enum.GetValues<EntryPointKind>().Select((kind, i) => new EntryPoint
        {
            Id = $"e-{i}",
            SiteId = "s-ham",
            Name = $"{kind} path",
            Kind = kind,
            ZoneId = i == 0 ? null : "z-6",
            Vendor = kind == EntryPointKind.VendorRemoteAccess ? "Siemens" : null,
            Method = kind == EntryPointKind.VendorRemoteAccess ? "IPsec VPN, then RDP" : null,
            TargetAssetIds = i % 2 == 0 ? ["a-00", "a-02"] : [],
            MfaRequired = i % 2 == 1,
            Availability = i % 2 == 0 ? RemoteAccessAvailability.AlwaysOn : RemoteAccessAvailability.OnDemand,
        }).ToList();

        // Out of id order on purpose: writers must sort.
        assets.Reverse();
        return new InventoryModel { Teams = teams, People = people, Sites = sites, Zones = zones, Conduits = conduits, Assets = assets, EntryPoints = entryPoints };
    }

    /// <summary>Compares two models record by record (matched by id), property by property; lists item by item.</summary>
    public static void AssertSameModel(InventoryModel expected, InventoryModel actual)
    {
        var differences = new List<string>();
        Compare(expected.Teams, actual.Teams, t => t.Id, differences);
        Compare(expected.People, actual.People, p => p.Id, differences);
        Compare(expected.Sites, actual.Sites, s => s.Id, differences);
        Compare(expected.Zones, actual.Zones, z => z.Id, differences);
        Compare(expected.Conduits, actual.Conduits, c => c.Id, differences);
        Compare(expected.Assets, actual.Assets, a => a.Id, differences);
        Compare(expected.EntryPoints, actual.EntryPoints, e => e.Id, differences);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences.Take(30)));
    }

    private static void Compare<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual, Func<T, string> id, List<string> differences)
    {
        var byId = actual.ToDictionary(id);
        if (expected.Count != actual.Count)
        {
            differences.Add($"{typeof(T).Name}: expected {expected.Count} records, got {actual.Count}");
        }

        foreach (var record in expected)
        {
            if (!byId.TryGetValue(id(record), out var other))
            {
                differences.Add($"{typeof(T).Name} '{id(record)}' is missing");
                continue;
            }

            foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var a = property.GetValue(record);
                var b = property.GetValue(other);
                if (!SameValue(a, b))
                {
                    differences.Add($"{typeof(T).Name} '{id(record)}'.{property.Name}: expected {Show(a)}, got {Show(b)}");
                }
            }
        }
    }

    private static bool SameValue(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (DateTimeOffset x, DateTimeOffset y) => x.EqualsExact(y),
        (decimal x, decimal y) => x == y && x.Scale == y.Scale,
        (string x, string y) => x == y,
        (IEnumerable x, IEnumerable y) => x.Cast<object>().SequenceEqual(y.Cast<object>()),
        _ => Equals(a, b),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IEnumerable list => "[" + string.Join(", ", list.Cast<object>()) + "]",
        DateTimeOffset t => t.ToString("O"),
        _ => value.ToString() ?? "",
    };
}
