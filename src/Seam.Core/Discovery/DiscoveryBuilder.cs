using System.Numerics;
using System.Runtime.InteropServices;
using Seam.Inventory;
using Seam.Protocols.Dissection;
using DissectedTransport = Seam.Protocols.Dissection.Transport;

namespace Seam.Discovery;

/// <summary>
/// Turns the aggregator's tallies into devices, flows and events. A device exists only where something was sent
/// from it: traffic towards an address proves nothing about a device being there.
/// </summary>
internal sealed class DiscoveryBuilder(
    IReadOnlyList<KeyValuePair<FlowKey, FlowTally>> flows,
    Dictionary<DeviceKey, Dictionary<(IdentityField Field, string Value), IdentityTally>> identities,
    Dictionary<(MacAddress Mac, IpAddr Ip), bool> announcedAddresses,
    Dictionary<EventKey, EventTally> events,
    OuiTable oui)
{
    private readonly Dictionary<IpAddr, DeviceDraft> byIp = [];
    private readonly Dictionary<MacAddress, DeviceDraft> byMac = [];

    public DiscoveryResult Build(Dictionary<ProtocolId, long> framesByProtocol, long frames, DateTimeOffset? first, DateTimeOffset? last)
    {
        var gatewayMacs = CollectIpDevices();
        CollectLayer2Devices();
        AttachIdentities();

        // Ordered as people expect: IPv4 numerically, then IPv6, then devices known only by their MAC. One sort of
        // precomputed keys, with the discovery order as the last key so that the order is as stable as a LINQ sort.
        var drafts = new HashSet<DeviceDraft>(byIp.Count + byMac.Count, ReferenceEqualityComparer.Instance);
        var ordered = new List<(DeviceOrder Order, DeviceDraft Draft)>(byIp.Count + byMac.Count);
        foreach (var draft in byIp.Values.Concat(byMac.Values))
        {
            if (drafts.Add(draft) && draft.Sent > 0)
            {
                ordered.Add((DeviceOrder.Of(draft, ordered.Count), draft));
            }
        }

        ordered.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        var devices = new List<DiscoveredDevice>(ordered.Count);
        foreach (var (_, draft) in ordered)
        {
            devices.Add(draft.ToDevice(oui, gatewayMacs));
        }

        var builtFlows = new List<DiscoveredFlow>(flows.Count);
        var protocolScratch = new List<ProtocolId>();
        foreach (var (key, tally) in flows)
        {
            builtFlows.Add(ToFlow(key, tally, protocolScratch));
        }

        var builtEvents = new List<DiscoveredEvent>(events.Count);
        foreach (var (key, tally) in events)
        {
            builtEvents.Add(ToEvent(key, tally));
        }

        return new DiscoveryResult
        {
            Devices = devices,
            Flows = StableSorted(builtFlows, static (a, b) =>
            {
                var order = b.Packets.CompareTo(a.Packets);
                return order != 0 ? order : string.CompareOrdinal(a.Client, b.Client);
            }),
            Events = StableSorted(builtEvents, static (a, b) => a.FirstFrame.CompareTo(b.FirstFrame)),
            FramesByProtocol = framesByProtocol,
            Frames = frames,
            FirstSeen = first,
            LastSeen = last,
        };
    }

    /// <summary>Sorted by <paramref name="comparison"/>; items it finds equal keep their order, as in a LINQ sort.</summary>
    private static List<T> StableSorted<T>(List<T> items, Comparison<T> comparison)
    {
        var positions = new int[items.Count];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = i;
        }

        Array.Sort(positions, (a, b) =>
        {
            var order = comparison(items[a], items[b]);
            return order != 0 ? order : a.CompareTo(b);
        });
        var sorted = new List<T>(items.Count);
        foreach (var position in positions)
        {
            sorted.Add(items[position]);
        }

        return sorted;
    }

    /// <summary>IP devices from IP flows; returns the MACs that carried several IPv4 addresses (routers, firewalls).</summary>
    private HashSet<MacAddress> CollectIpDevices()
    {
        var macToIps = new Dictionary<MacAddress, SmallSet<IpAddr>>(flows.Count / 2);
        var macTraffic = new Dictionary<MacAddress, (long First, long Last, long Sent)>(flows.Count / 2);
        var protocols = new List<ProtocolId>();
        foreach (var (key, flow) in flows)
        {
            if (key.Client.IsNone)
            {
                continue;
            }

            SeenProtocols(flow, protocols, byFrames: false);
            var client = Draft(key.Client);
            var server = Draft(key.Server);
            client.Observe(flow.FirstNanos, flow.LastNanos, sent: flow.Packets - flow.PacketsFromServer, received: flow.PacketsFromServer);
            server.Observe(flow.FirstNanos, flow.LastNanos, sent: flow.PacketsFromServer, received: flow.Packets - flow.PacketsFromServer);
            client.AddUses(protocols);
            if (flow.PacketsFromServer > 0)
            {
                server.AddServes(protocols);
            }

            if (flow.Operations is not null)
            {
                foreach (var ((protocol, _, kind), tally) in flow.Operations)
                {
                    if (tally.Requests > 0)
                    {
                        client.AddIssued(protocol, kind);
                    }
                }
            }

            Pair(macToIps, flow.ClientMac, flow.ClientMacVaries, key.Client);
            Pair(macToIps, flow.ServerMac, flow.ServerMacVaries, key.Server);
            Tally(macTraffic, flow.ClientMac, flow, flow.Packets - flow.PacketsFromServer);
            Tally(macTraffic, flow.ServerMac, flow, flow.PacketsFromServer);
        }

        var gateways = new HashSet<MacAddress>();
        foreach (var (mac, ips) in macToIps)
        {
            if (CountV4(ips) > 1)
            {
                gateways.Add(mac);
                continue;
            }

            for (var i = 0; i < ips.Count; i++)
            {
                var device = Draft(ips[i]);
                device.Macs.Add(mac);
                byMac.TryAdd(mac, device);
            }
        }

        foreach (var ((mac, ip), _) in announcedAddresses)
        {
            if (!mac.IsGroup && byIp.TryGetValue(ip, out var device))
            {
                device.Macs.Add(mac);
                byMac.TryAdd(mac, device);
            }
        }

        foreach (var mac in gateways)
        {
            var router = MacDraft(mac);
            router.Gateway = macToIps[mac].Count;
            if (macTraffic.TryGetValue(mac, out var traffic))
            {
                router.Observe(traffic.First, traffic.Last, traffic.Sent, received: 0);
            }
        }

        return gateways;
    }

    private void CollectLayer2Devices()
    {
        foreach (var (key, flow) in flows)
        {
            if (!key.Client.IsNone || key.ClientMac.IsNone || key.ClientMac.IsGroup)
            {
                continue;
            }

            var sender = MacDraft(key.ClientMac);
            sender.Observe(flow.FirstNanos, flow.LastNanos, sent: flow.Packets, received: 0);
            if (flow.ProtocolFrames is not null)
            {
                for (var i = 0; i < flow.ProtocolFrames.Length; i++)
                {
                    if (flow.ProtocolFrames[i] > 0)
                    {
                        sender.AddLayer2((ProtocolId)i);
                    }
                }
            }

            if (flow.Operations is not null)
            {
                foreach (var ((protocol, _, kind), tally) in flow.Operations)
                {
                    if (tally.Requests > 0)
                    {
                        sender.AddIssued(protocol, kind);
                    }
                }
            }

            if (!key.ServerMac.IsGroup && !key.ServerMac.IsNone)
            {
                MacDraft(key.ServerMac).Observe(flow.FirstNanos, flow.LastNanos, sent: 0, received: flow.Packets);
            }
        }
    }

    private void AttachIdentities()
    {
        foreach (var (key, facts) in identities)
        {
            DeviceDraft? device = null;
            if (!key.Ip.IsNone)
            {
                byIp.TryGetValue(key.Ip, out device);
            }
            else if (!key.Mac.IsNone && !key.Mac.IsGroup)
            {
                device = MacDraft(key.Mac);
            }

            if (device is null)
            {
                continue;
            }

            foreach (var ((field, value), tally) in facts)
            {
                device.AddIdentity(new IdentityFact(field, value, tally.Protocol, tally.FirstFrame, tally.Count));
            }
        }
    }

    private static void Pair(Dictionary<MacAddress, SmallSet<IpAddr>> macToIps, MacAddress mac, bool varies, IpAddr ip)
    {
        if (mac.IsNone || mac.IsGroup || varies)
        {
            return;
        }

        CollectionsMarshal.GetValueRefOrAddDefault(macToIps, mac, out _).Add(ip);
    }

    private static int CountV4(in SmallSet<IpAddr> ips)
    {
        var count = 0;
        for (var i = 0; i < ips.Count; i++)
        {
            count += ips[i].IsV4 ? 1 : 0;
        }

        return count;
    }

    private static void Tally(Dictionary<MacAddress, (long First, long Last, long Sent)> traffic, MacAddress mac, FlowTally flow, long sent)
    {
        if (mac.IsNone || sent == 0)
        {
            return;
        }

        ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(traffic, mac, out var exists);
        seen = exists
            ? (Math.Min(seen.First, flow.FirstNanos), Math.Max(seen.Last, flow.LastNanos), seen.Sent + sent)
            : (flow.FirstNanos, flow.LastNanos, sent);
    }

    private DeviceDraft Draft(IpAddr ip)
    {
        if (!byIp.TryGetValue(ip, out var draft))
        {
            // The key is the address's text: Text(IpAddr) relies on it.
            byIp[ip] = draft = new DeviceDraft(ip.ToString());
            draft.Ips.Add(ip);
        }

        return draft;
    }

    private DeviceDraft MacDraft(MacAddress mac)
    {
        if (!byMac.TryGetValue(mac, out var draft))
        {
            byMac[mac] = draft = new DeviceDraft(mac.ToString());
            draft.Macs.Add(mac);
        }

        return draft;
    }

    /// <summary>
    /// The protocols seen on a flow into <paramref name="protocols"/>: by id, or (<paramref name="byFrames"/>) most
    /// frames first with ties by id, as a stable sort by descending count would leave them.
    /// </summary>
    private static void SeenProtocols(FlowTally flow, List<ProtocolId> protocols, bool byFrames)
    {
        protocols.Clear();
        if (flow.ProtocolFrames is not { } frames)
        {
            return;
        }

        for (var i = 0; i < frames.Length; i++)
        {
            if (frames[i] <= 0)
            {
                continue;
            }

            var at = protocols.Count;
            while (byFrames && at > 0 && frames[(int)protocols[at - 1]] < frames[i])
            {
                at--;
            }

            protocols.Insert(at, (ProtocolId)i);
        }
    }

    /// <summary>Sorted by protocol, then code; operations that share both keep the order they were first seen in.</summary>
    private static OperationSummary[] Summaries(Dictionary<OperationKey, OperationTally> operations)
    {
        var summaries = new OperationSummary[operations.Count];
        var count = 0;
        foreach (var (key, tally) in operations)
        {
            var summary = new OperationSummary(key.Protocol, key.Code, tally.Name, key.Kind, tally.Requests, tally.Responses);
            var at = count;
            while (at > 0 && (summaries[at - 1].Protocol, summaries[at - 1].Code).CompareTo((summary.Protocol, summary.Code)) > 0)
            {
                summaries[at] = summaries[at - 1];
                at--;
            }

            summaries[at] = summary;
            count++;
        }

        return summaries;
    }

    /// <summary>
    /// An address's text, shared with the device made for it: tens of thousands of flows and events name the same
    /// few thousand addresses, and every string made here outlives the build.
    /// </summary>
    private string Text(IpAddr ip) => byIp.TryGetValue(ip, out var device) ? device.Key : ip.ToString();

    private string Text(DeviceKey device) => device.Ip.IsNone ? device.Mac.ToString() : Text(device.Ip);

    private DiscoveredFlow ToFlow(FlowKey key, FlowTally tally, List<ProtocolId> scratch)
    {
        var layer2 = key.Client.IsNone;
        SeenProtocols(tally, scratch, byFrames: true);
        List<ProtocolId> protocols = scratch.Count == 0 ? [] : [.. scratch];
        return new DiscoveredFlow
        {
            Client = layer2 ? key.ClientMac.ToString() : Text(key.Client),
            Server = layer2 ? key.ServerMac.ToString() : Text(key.Server),
            Transport = key.Transport switch
            {
                DissectedTransport.Tcp => Inventory.Transport.Tcp,
                DissectedTransport.Udp => Inventory.Transport.Udp,
                _ => Inventory.Transport.Ethernet,
            },
            ServerPort = key.Transport is DissectedTransport.Tcp or DissectedTransport.Udp ? key.ServerPortOrEtherType : 0,
            EtherType = layer2 ? key.ServerPortOrEtherType : 0,
            Protocols = protocols,
            Operations = tally.Operations is null ? [] : Summaries(tally.Operations),
            VlanIds = tally.VlanIds is null ? [] : [.. tally.VlanIds.Select(v => (int)v).Order()],
            FirstSeen = DiscoveryAggregator.Nanos(tally.FirstNanos),
            LastSeen = DiscoveryAggregator.Nanos(tally.LastNanos),
            Packets = tally.Packets,
            Bytes = tally.Bytes,
        };
    }

    private DiscoveredEvent ToEvent(EventKey key, EventTally tally)
    {
        var source = Text(key.Source);
        var target = Text(key.Target);
        var protocol = ProtocolNames.Display(key.Protocol);
        var times = tally.Count == 1 ? "once" : $"{tally.Count} times";
        var why = key.Kind switch
        {
            DiscoveredEventKind.ProcessWrite => new RoleReason(
                $"{source} sent {protocol} '{tally.Detail}' (code {key.Code}) to {target} {times}.",
                $"{source} changed values in {target}: writes move the process, so they should come only from an HMI or engineering station that is meant to."),
            DiscoveredEventKind.ProgramDownload => new RoleReason(
                $"{source} sent {protocol} '{tally.Detail}' (code {key.Code}) to {target} {times}.",
                $"The logic on {target} was loaded from {source}: check that this was a planned, approved change."),
            DiscoveredEventKind.ProgramUpload => new RoleReason(
                $"{source} read the program out of {target} with {protocol} '{tally.Detail}' (code {key.Code}) {times}.",
                $"{source} copied the logic of {target}: legitimate for backups, and also the first step of an attack on the process."),
            DiscoveredEventKind.ControllerControl => new RoleReason(
                $"{source} sent {protocol} '{tally.Detail}' (code {key.Code}) to {target} {times}.",
                $"{target} was told to stop, start or restart by {source}: the process it runs may have stopped."),
            DiscoveredEventKind.RemoteAccessSession => new RoleReason(
                $"{protocol} session from {source} to {target} ({times}): {tally.Detail}.",
                $"Someone at {source} could operate {target} remotely: check it was an approved, time-boxed access."),
            DiscoveredEventKind.ClearTextCredential => new RoleReason(
                $"{protocol} from {source} to {target} carried a credential in clear text: {tally.Detail}.",
                $"Anyone on this network segment can read that login and reuse it on {target}."),
            DiscoveredEventKind.FileTransfer => new RoleReason(
                $"{protocol} file transfer between {source} and {target}: {tally.Detail}.",
                $"Files reached or left {target}: firmware, configuration or recipes may have changed."),
            _ => new RoleReason(
                $"{protocol} traffic from {source} to {target} did not follow the protocol: {tally.Detail}.",
                $"Malformed traffic towards {target} may be a faulty device, a fuzzer or an attack; controllers can crash on it."),
        };
        return new DiscoveredEvent
        {
            Kind = key.Kind,
            Protocol = key.Protocol,
            Source = source,
            Target = target,
            Detail = tally.Detail,
            Why = why,
            Count = tally.Count,
            FirstFrame = tally.FirstFrame,
            FirstSeen = DiscoveryAggregator.Nanos(tally.FirstNanos),
            LastSeen = DiscoveryAggregator.Nanos(tally.LastNanos),
        };
    }
}

/// <summary>Where a device sorts: IPv4 devices by their first address, then IPv6, then MAC-only devices by their lowest MAC.</summary>
internal readonly record struct DeviceOrder(int Family, ulong High, ulong Low, ulong Mac, int Discovered) : IComparable<DeviceOrder>
{
    public static DeviceOrder Of(DeviceDraft device, int discovered)
    {
        var mac = ulong.MaxValue;
        for (var i = 0; i < device.Macs.Count; i++)
        {
            mac = Math.Min(mac, device.Macs[i].Value);
        }

        mac = device.Macs.Count == 0 ? 0 : mac;
        return device.FirstIp is { } ip
            ? new DeviceOrder(ip.IsV4 ? 0 : 1, ip.High, ip.Low, mac, discovered)
            : new DeviceOrder(2, 0, 0, mac, discovered);
    }

    public int CompareTo(DeviceOrder other)
    {
        var order = Family.CompareTo(other.Family);
        order = order != 0 ? order : High.CompareTo(other.High);
        order = order != 0 ? order : Low.CompareTo(other.Low);
        order = order != 0 ? order : Mac.CompareTo(other.Mac);
        return order != 0 ? order : Discovered.CompareTo(other.Discovered);
    }
}

/// <summary>A device while it is being assembled from flows and identity facts.</summary>
internal sealed class DeviceDraft(string key)
{
    public string Key { get; } = key;

    private SmallSet<IpAddr> ips;
    private SmallSet<MacAddress> macs;

    public ref SmallSet<IpAddr> Ips => ref ips;

    public ref SmallSet<MacAddress> Macs => ref macs;

    // Most devices serve, use or announce little, so these sets are made on their first element: tens of
    // thousands of empty sets were most of what building a large capture's result allocated.
    private static readonly HashSet<ProtocolId> NoProtocols = [];
    private static readonly HashSet<(ProtocolId Protocol, OperationKind Kind)> NoRequests = [];
    private HashSet<ProtocolId>? serves;
    private HashSet<ProtocolId>? uses;
    private HashSet<ProtocolId>? layer2;
    private HashSet<(ProtocolId Protocol, OperationKind Kind)>? issued;
    private List<IdentityFact>? identity;

    public IReadOnlySet<ProtocolId> Serves => serves ?? NoProtocols;

    public IReadOnlySet<ProtocolId> Uses => uses ?? NoProtocols;

    /// <summary>Layer-2 protocols this device sent (LLDP, CDP, PROFINET).</summary>
    public IReadOnlySet<ProtocolId> Layer2 => layer2 ?? NoProtocols;

    /// <summary>Request kinds this device sent, per protocol.</summary>
    public IReadOnlySet<(ProtocolId Protocol, OperationKind Kind)> Issued => issued ?? NoRequests;

    public IReadOnlyList<IdentityFact> Identity => identity ?? [];

    public long Sent { get; private set; }

    public long Received { get; private set; }

    public long FirstNanos { get; private set; } = long.MaxValue;

    public long LastNanos { get; private set; } = long.MinValue;

    /// <summary>How many IPv4 addresses this MAC carried when it is a gateway's; 0 otherwise.</summary>
    public int Gateway { get; set; }

    public void AddServes(List<ProtocolId> protocols) => AddAll(ref serves, protocols);

    public void AddUses(List<ProtocolId> protocols) => AddAll(ref uses, protocols);

    public void AddLayer2(ProtocolId protocol) => (layer2 ??= []).Add(protocol);

    public void AddIssued(ProtocolId protocol, OperationKind kind) => (issued ??= []).Add((protocol, kind));

    public void AddIdentity(IdentityFact fact) => (identity ??= []).Add(fact);

    public void Observe(long first, long last, long sent, long received)
    {
        FirstNanos = Math.Min(FirstNanos, first);
        LastNanos = Math.Max(LastNanos, last);
        Sent += sent;
        Received += received;
    }

    /// <summary>The address that names the device: its lowest IPv4 address, else its lowest IPv6 address.</summary>
    public IpAddr? FirstIp
    {
        get
        {
            IpAddr? first = null;
            for (var i = 0; i < ips.Count; i++)
            {
                if (first is not { } sofar || AddressOrder(ips[i], sofar) < 0)
                {
                    first = ips[i];
                }
            }

            return first;
        }
    }

    public DiscoveredDevice ToDevice(OuiTable oui, HashSet<MacAddress> gatewayMacs)
    {
        var kept = new List<MacAddress>(macs.Count);
        for (var i = 0; i < macs.Count; i++)
        {
            if (Gateway > 0 || !gatewayMacs.Contains(macs[i]))
            {
                kept.Add(macs[i]);
            }
        }

        // Addresses and MACs are sets: no two compare equal, so an unstable sort gives the same order as LINQ's.
        kept.Sort(static (a, b) => a.Value.CompareTo(b.Value));
        var sorted = new IpAddr[ips.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = ips[i];
        }

        Array.Sort(sorted, AddressOrder);
        var addresses = new string[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            // A device made for an address is named by it, so its key is already that address's text.
            addresses[i] = sorted.Length == 1 && i == 0 ? Key : sorted[i].ToString();
        }

        var macTexts = new string[kept.Count];
        string? vendor = null;
        for (var i = 0; i < kept.Count; i++)
        {
            macTexts[i] = kept[i].ToString();
            vendor ??= oui.Vendor(kept[i]);
        }

        var (role, reason) = RoleInference.Infer(this);
        return new DiscoveredDevice
        {
            Key = addresses.Length > 0 ? addresses[0] : Key,
            Addresses = addresses,
            MacAddresses = macTexts,
            MacVendor = vendor,
            Identity = identity is null ? [] : IdentityInOrder(identity),
            Role = role,
            RoleReason = reason,
            ServesProtocols = serves is null ? [] : Sorted(serves, null),
            UsesProtocols = uses is null && layer2 is null ? [] : Sorted(uses, layer2),
            FirstSeen = DiscoveryAggregator.Nanos(FirstNanos == long.MaxValue ? 0 : FirstNanos),
            LastSeen = DiscoveryAggregator.Nanos(LastNanos == long.MinValue ? 0 : LastNanos),
            PacketsSent = Sent,
            PacketsReceived = Received,
        };
    }

    /// <summary>Adds one by one: <c>UnionWith</c> would box the list's enumerator, once per flow.</summary>
    private static void AddAll(ref HashSet<ProtocolId>? set, List<ProtocolId> protocols)
    {
        if (protocols.Count == 0)
        {
            return;
        }

        set ??= [];
        foreach (var protocol in protocols)
        {
            set.Add(protocol);
        }
    }

    /// <summary>By field, then most often seen first; facts that tie keep the order they were found in (a stable sort of a short list).</summary>
    private static IdentityFact[] IdentityInOrder(List<IdentityFact> facts)
    {
        var ordered = facts.ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            var fact = ordered[i];
            var at = i;
            while (at > 0 && (ordered[at - 1].Field > fact.Field || (ordered[at - 1].Field == fact.Field && ordered[at - 1].Count < fact.Count)))
            {
                ordered[at] = ordered[at - 1];
                at--;
            }

            ordered[at] = fact;
        }

        return ordered;
    }

    /// <summary>The protocols of one or two sets, each once, by id.</summary>
    private static ProtocolId[] Sorted(HashSet<ProtocolId>? first, HashSet<ProtocolId>? second)
    {
        // Protocol ids are bytes: a 256-bit mask sorts and de-duplicates them without a third set.
        Span<ulong> seen = stackalloc ulong[4];
        Mark(first, seen);
        Mark(second, seen);
        var sorted = new ProtocolId[BitOperations.PopCount(seen[0]) + BitOperations.PopCount(seen[1]) + BitOperations.PopCount(seen[2]) + BitOperations.PopCount(seen[3])];
        var next = 0;
        for (var id = 0; id <= byte.MaxValue; id++)
        {
            if ((seen[id >> 6] & (1UL << (id & 63))) != 0)
            {
                sorted[next++] = (ProtocolId)id;
            }
        }

        return sorted;
    }

    private static void Mark(HashSet<ProtocolId>? protocols, Span<ulong> seen)
    {
        if (protocols is null)
        {
            return;
        }

        foreach (var protocol in protocols)
        {
            seen[(byte)protocol >> 6] |= 1UL << ((byte)protocol & 63);
        }
    }

    private static int AddressOrder(IpAddr a, IpAddr b)
    {
        var order = (a.IsV4 ? 0 : 1).CompareTo(b.IsV4 ? 0 : 1);
        order = order != 0 ? order : a.High.CompareTo(b.High);
        return order != 0 ? order : a.Low.CompareTo(b.Low);
    }
}
