using System.Net;
using Seam.Inventory;
using Seam.Protocols.Dissection;

namespace Seam.Discovery;

/// <summary>
/// Sets what the wire showed against what the inventory says: which devices are new, which changed identity,
/// and which flows cross zones without a conduit that allows them.
/// </summary>
public static class InventoryComparison
{
    public static DiscoveryReview Compare(InventoryModel inventory, DiscoveryResult result, string siteId)
    {
        var zones = inventory.Zones.Where(z => z.SiteId == siteId).ToList();
        var assets = inventory.Assets.Where(a => a.SiteId == siteId).ToList();
        var byAddress = AssetIndex.Of(assets);
        var locator = new ZoneLocator(zones, byAddress);
        var conduits = inventory.Conduits.Where(c => c.SiteId == siteId).ToList();

        var newDevices = new List<NewDevice>();
        var changed = new List<ChangedDevice>();
        var matched = new List<MatchedDevice>();
        foreach (var device in result.Devices)
        {
            if (Match(device, byAddress) is not { } match)
            {
                var zone = device.Addresses.Select(locator.ZoneOfAddress).FirstOrDefault(z => z is not null);
                newDevices.Add(new NewDevice(device, zone?.Id, zone?.Level, Propose(device, siteId, zone)));
                continue;
            }

            var changes = Differences(match.Asset, device);
            if (changes.Count > 0)
            {
                changed.Add(new ChangedDevice(device, match.Asset.Id, match.Asset.Name, match.By, changes));
            }
            else
            {
                matched.Add(new MatchedDevice(device, match.Asset.Id, match.By));
            }
        }

        var violations = new List<FlowViolation>();
        var allowed = new List<ZonedFlow>();
        var uncheckedFlows = new List<DiscoveredFlow>();
        var events = result.Events.ToList();
        foreach (var flow in result.Flows)
        {
            if (flow.Transport == Inventory.Transport.Ethernet)
            {
                continue; // layer 2 stays inside one broadcast domain, which conduits do not govern
            }

            var clientZone = locator.ZoneOf(flow.Client);
            var serverZone = locator.ZoneOf(flow.Server);
            if (clientZone is null || serverZone is null)
            {
                if (!IsGroupAddress(flow.Server))
                {
                    uncheckedFlows.Add(flow);
                }

                continue;
            }

            if (IsEnterpriseIntoControl(clientZone.Level, serverZone.Level))
            {
                events.Add(EnterpriseIntoControl(flow, clientZone, serverZone));
            }

            if (clientZone.Id == serverZone.Id || Allows(conduits, clientZone, serverZone, flow))
            {
                allowed.Add(new ZonedFlow(flow, clientZone.Id, serverZone.Id));
                continue;
            }

            violations.Add(Violation(flow, clientZone, serverZone, conduits));
        }

        return new DiscoveryReview
        {
            SiteId = siteId,
            NewDevices = newDevices,
            ChangedDevices = changed,
            MatchedDevices = matched,
            Violations = violations,
            AllowedFlows = allowed,
            UncheckedFlows = uncheckedFlows,
            Events = events,
        };
    }

    /// <summary>Matches by MAC first (it survives a re-addressing), then by IP address.</summary>
    private static (Asset Asset, string By)? Match(DiscoveredDevice device, Dictionary<string, Asset> byAddress)
    {
        foreach (var mac in device.MacAddresses)
        {
            if (byAddress.TryGetValue(mac, out var asset))
            {
                return (asset, $"MAC {mac}");
            }
        }

        foreach (var address in device.Addresses)
        {
            if (byAddress.TryGetValue(address, out var asset))
            {
                return (asset, $"address {address}");
            }
        }

        return null;
    }

    /// <summary>Every asset by each of its MAC and IP addresses; the first asset listed wins a shared address.</summary>
    internal static class AssetIndex
    {
        public static Dictionary<string, Asset> Of(List<Asset> assets)
        {
            var index = new Dictionary<string, Asset>(StringComparer.OrdinalIgnoreCase);
            foreach (var asset in assets)
            {
                foreach (var address in asset.MacAddresses.Concat(asset.Addresses))
                {
                    index.TryAdd(address, asset);
                }
            }

            return index;
        }
    }

    private static List<FieldChange> Differences(Asset asset, DiscoveredDevice device)
    {
        var changes = new List<FieldChange>();
        Compare("vendor", asset.Vendor, IdentityField.Vendor);
        Compare("product", asset.Product, IdentityField.Product);
        Compare("model", asset.Model, IdentityField.Model);
        Compare("version", asset.Version, IdentityField.FirmwareVersion);
        Compare("serial number", asset.SerialNumber, IdentityField.SerialNumber);
        foreach (var address in device.Addresses.Where(a => !asset.Addresses.Contains(a, StringComparer.OrdinalIgnoreCase)))
        {
            changes.Add(new FieldChange("addresses", string.Join(", ", asset.Addresses), address, "seen on the wire with this device's MAC address"));
        }

        foreach (var mac in device.MacAddresses.Where(m => !asset.MacAddresses.Contains(m, StringComparer.OrdinalIgnoreCase)))
        {
            changes.Add(new FieldChange("MAC addresses", string.Join(", ", asset.MacAddresses), mac, "seen on the wire with this asset's address: a replaced device or network card"));
        }

        return changes;

        void Compare(string name, string? recorded, IdentityField field)
        {
            var fact = device.Identity.Where(f => f.Field == field).OrderByDescending(f => f.Count).FirstOrDefault();
            if (fact is null || Same(recorded, fact.Value))
            {
                return;
            }

            changes.Add(new FieldChange(name, recorded, fact.Value,
                $"{ProtocolNames.Display(fact.Protocol)} said so {(fact.Count == 1 ? "once" : $"{fact.Count} times")}, first in frame {fact.FirstFrame}"));
        }
    }

    /// <summary>Equal ignoring case, spaces and a leading "V" (firmware "V2.6" is "2.6").</summary>
    private static bool Same(string? recorded, string observed)
    {
        if (recorded is null)
        {
            return false;
        }

        static string Norm(string s) => s.Replace(" ", "", StringComparison.Ordinal).TrimStart('v', 'V').ToUpperInvariant();
        return Norm(recorded) == Norm(observed);
    }

    private static Asset Propose(DiscoveredDevice device, string siteId, Zone? zone) => new()
    {
        Id = "discovered-" + device.Key.Replace(':', '-').Replace('.', '-'),
        SiteId = siteId,
        ZoneId = zone?.Id,
        Name = device.Best(IdentityField.StationName) ?? device.Best(IdentityField.HostName) ?? device.Key,
        Kind = device.Role ?? AssetKind.Other,
        Vendor = device.Best(IdentityField.Vendor) ?? device.MacVendor,
        Product = device.Best(IdentityField.Product),
        Model = device.Best(IdentityField.Model),
        Version = device.Best(IdentityField.FirmwareVersion),
        SerialNumber = device.Best(IdentityField.SerialNumber),
        Addresses = device.Addresses,
        MacAddresses = device.MacAddresses,
        Source = AssetSource.Discovery,
        LastSeen = device.LastSeen,
        Notes = device.RoleReason is { } why ? $"Discovered passively. {why.ItTerms}" : "Discovered passively.",
    };

    private static bool Allows(List<Conduit> conduits, Zone client, Zone server, DiscoveredFlow flow) =>
        conduits.Any(c =>
            ((c.FromZoneId == client.Id && c.ToZoneId == server.Id)
             || (c.Direction == ConduitDirection.Bidirectional && c.FromZoneId == server.Id && c.ToZoneId == client.Id))
            && c.Services.Any(s => s.Covers(flow.Transport, flow.ServerPort)));

    private static FlowViolation Violation(DiscoveredFlow flow, Zone client, Zone server, List<Conduit> conduits)
    {
        var service = flow.Service;
        var between = conduits.FirstOrDefault(c => (c.FromZoneId == client.Id && c.ToZoneId == server.Id) || (c.FromZoneId == server.Id && c.ToZoneId == client.Id));
        string it;
        string wouldAllow;
        if (between is null)
        {
            it = $"{flow.Client} ({client.Name}) opened {service} to {flow.Server} ({server.Name}) {flow.Packets} packets; no conduit joins these zones.";
            wouldAllow = $"a conduit from {client.Name} to {server.Name} allowing {service}";
        }
        else if (between.FromZoneId == server.Id && between.Direction == ConduitDirection.OneWay)
        {
            it = $"{flow.Client} ({client.Name}) opened {service} to {flow.Server} ({server.Name}) against one-way conduit {between.Name ?? between.Id}, which only lets {server.Name} send.";
            wouldAllow = $"a conduit from {client.Name} to {server.Name} allowing {service} (conduit {between.Name ?? between.Id} is one-way the other way)";
        }
        else
        {
            it = $"{flow.Client} ({client.Name}) used {service} towards {flow.Server} ({server.Name}); conduit {between.Name ?? between.Id} between the zones does not include it ({string.Join(", ", between.Services)}).";
            wouldAllow = $"adding {service} to conduit {between.Name ?? between.Id}";
        }

        var ics = flow.Protocols.FirstOrDefault(ProtocolNames.IsIndustrial);
        var ot = ics != ProtocolId.Unknown
            ? $"{ProtocolNames.Display(ics)} from {client.Name} ({client.Level.ToNumber()}) reaches a controller in {server.Name} ({server.Level.ToNumber()}) with no conduit that allows it: whoever controls {flow.Client} can command that equipment."
            : $"Traffic from {client.Name} ({client.Level.ToNumber()}) reaches {server.Name} ({server.Level.ToNumber()}) outside the agreed conduits: the zone boundary is not holding.";
        return new FlowViolation(flow, client.Id, server.Id, client.Level, server.Level, service, between?.Id, new RoleReason(it, ot), wouldAllow);
    }

    private static bool IsEnterpriseIntoControl(PurdueLevel client, PurdueLevel server) =>
        client >= PurdueLevel.Enterprise && server <= PurdueLevel.Supervisory;

    private static DiscoveredEvent EnterpriseIntoControl(DiscoveredFlow flow, Zone client, Zone server) => new()
    {
        Kind = DiscoveredEventKind.EnterpriseIntoControl,
        Protocol = flow.Protocols.FirstOrDefault(),
        Source = flow.Client,
        Target = flow.Server,
        Detail = $"{flow.Service} from {client.Name} (level {client.Level.ToNumber()}) to {server.Name} (level {server.Level.ToNumber()})",
        Why = new RoleReason(
            $"{flow.Client} in {client.Name} (Purdue {client.Level.ToNumber()}) talked {flow.Service} directly to {flow.Server} in {server.Name} (Purdue {server.Level.ToNumber()}), {flow.Packets} packets, skipping the industrial DMZ.",
            $"The enterprise network reaches control equipment in {server.Name} directly: ransomware on an office PC could reach it the same way."),
        Count = flow.Packets,
        FirstFrame = 0,
        FirstSeen = flow.FirstSeen,
        LastSeen = flow.LastSeen,
    };

    private static bool IsGroupAddress(string address) =>
        IPAddress.TryParse(address, out var ip) && (ip.Equals(IPAddress.Broadcast)
            || (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && ip.GetAddressBytes()[0] is >= 224 and <= 239)
            || (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && ip.IsIPv6Multicast));

    /// <summary>Finds an address's zone: the zone of the asset that has it, else the zone whose subnet holds it (longest prefix).</summary>
    private sealed class ZoneLocator(List<Zone> zones, Dictionary<string, Asset> byAddress)
    {
        private readonly Dictionary<string, Zone> byId = zones.ToDictionary(z => z.Id, StringComparer.Ordinal);
        private readonly List<(IPNetwork Network, Zone Zone)> subnets =
        [
            .. zones.SelectMany(z => z.Subnets.Select(s => IPNetwork.TryParse(s, out var n) ? (n, z) : ((IPNetwork, Zone)?)null))
                .OfType<(IPNetwork, Zone)>()
                .OrderByDescending(s => s.Item1.PrefixLength),
        ];

        public Zone? ZoneOf(string address)
        {
            return byAddress.TryGetValue(address, out var asset) && asset.ZoneId is not null && byId.TryGetValue(asset.ZoneId, out var zone)
                ? zone
                : ZoneOfAddress(address);
        }

        public Zone? ZoneOfAddress(string address) =>
            IPAddress.TryParse(address, out var ip) ? subnets.FirstOrDefault(s => s.Network.Contains(ip)).Zone : null;
    }
}
