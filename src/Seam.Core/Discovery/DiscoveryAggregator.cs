using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Seam.Protocols.Dissection;

namespace Seam.Discovery;

/// <summary>
/// Collects what dissectors report into flows, identities and events while a capture streams past. Per frame it
/// does one dictionary lookup on a struct key and allocates nothing; objects are made only for new flows, new
/// identity facts and new events. <see cref="Build"/> turns the tallies into a <see cref="DiscoveryResult"/>.
/// </summary>
public sealed class DiscoveryAggregator : IDissectionSink
{
    private static readonly int ProtocolCount = Enum.GetValues<ProtocolId>().Length;

    private readonly ServerPorts serverPorts;
    // IPv4 flows, most of a plant's, are keyed by 16 bytes that travel in registers; the rest by the full key.
    // Each tally carries its creation order so that Build sees the flows in the order they appeared, as before.
    private readonly Dictionary<Ipv4FlowKey, FlowTally> ipv4Flows = [];
    private readonly Dictionary<FlowKey, FlowTally> flows = [];
    private readonly Dictionary<DeviceKey, Dictionary<(IdentityField Field, string Value), IdentityTally>> identities = [];
    private readonly Dictionary<(MacAddress Mac, IpAddr Ip), bool> announcedAddresses = [];
    private readonly Dictionary<EventKey, EventTally> events = [];
    private readonly long[] framesByProtocol = new long[ProtocolCount];
    private readonly long[] lastFrameByProtocol = new long[ProtocolCount];

    private long frames;
    private long firstNanos = long.MaxValue;
    private long lastNanos = long.MinValue;
    private long currentFrame = -1;
    private FlowTally? currentFlow;
    private bool currentSenderIsClient;
    private long frameOffset;

    public DiscoveryAggregator(IEnumerable<IDissector> dissectors)
    {
        serverPorts = new ServerPorts(dissectors);
        Array.Fill(lastFrameByProtocol, -1);
    }

    /// <summary>
    /// Starts the next capture file of the same run: frame numbers restart at 1 in each file, so they are offset
    /// to stay unique across the run.
    /// </summary>
    public void BeginCapture() => frameOffset = frames;

    public void Frame(in FrameInfo frame)
    {
        frames++;
        firstNanos = Math.Min(firstNanos, frame.TimestampNanos);
        lastNanos = Math.Max(lastNanos, frame.TimestampNanos);
        var flow = FlowOf(frame, out var senderIsClient);
        flow.Count(frame, senderIsClient);
    }

    public void Pdu(in FrameInfo frame, ProtocolId protocol)
    {
        var number = frameOffset + frame.Number;
        if (lastFrameByProtocol[(int)protocol] != number)
        {
            lastFrameByProtocol[(int)protocol] = number;
            framesByProtocol[(int)protocol]++;
            var flow = FlowOf(frame, out _);
            flow.ProtocolFrames ??= new long[ProtocolCount];
            flow.ProtocolFrames[(int)protocol]++;
        }
    }

    public void Operation(in FrameInfo frame, ProtocolId protocol, ushort code, string name, OperationKind kind, bool isRequest)
    {
        var flow = FlowOf(frame, out _);
        var key = OperationKey.Of(protocol, code, kind);
        var tally = flow.LastOperation;
        if (tally is null || flow.LastOperationKey != key)
        {
            // A flow mostly repeats one operation (a poll loop), so the last one is kept at hand.
            flow.Operations ??= [];
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(flow.Operations, key, out var exists);
            if (!exists)
            {
                slot = new OperationTally(name);
            }

            tally = slot!;
            flow.LastOperationKey = key;
            flow.LastOperation = tally;
        }

        if (isRequest)
        {
            tally.Requests++;
        }
        else
        {
            tally.Responses++;
        }

        if (isRequest && EventKindOf(kind) is { } eventKind)
        {
            Note(frame, new EventKey(eventKind, protocol, Sender(frame), Receiver(frame), code, null), name);
        }
    }

    public void Identity(in FrameInfo frame, ProtocolId protocol, DeviceRef device, IdentityField field, string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return;
        }

        var key = DeviceKey.Of(device);
        if (!identities.TryGetValue(key, out var facts))
        {
            identities[key] = facts = [];
        }

        ref var tally = ref CollectionsMarshal.GetValueRefOrAddDefault(facts, (field, trimmed), out var exists);
        if (!exists)
        {
            tally = new IdentityTally(protocol, frameOffset + frame.Number);
        }

        tally!.Count++;
        if (!device.Mac.IsNone && !device.Ip.IsNone)
        {
            announcedAddresses[(device.Mac, device.Ip)] = true;
        }

        if (field == IdentityField.IpAddress && !device.Mac.IsNone && IpAddr.TryParse(trimmed, out var announced))
        {
            // A device that states its own address (PROFINET DCP, DHCP, LLDP) ties its MAC to that address.
            announcedAddresses[(device.Mac, announced)] = true;
        }
    }

    public void Event(in FrameInfo frame, ProtocolId protocol, DiscoveryEventKind kind, string detail)
    {
        var eventKind = kind switch
        {
            DiscoveryEventKind.RemoteAccessSession => DiscoveredEventKind.RemoteAccessSession,
            DiscoveryEventKind.ClearTextCredential => DiscoveredEventKind.ClearTextCredential,
            DiscoveryEventKind.FileTransfer => DiscoveredEventKind.FileTransfer,
            _ => DiscoveredEventKind.Malformed,
        };
        Note(frame, new EventKey(eventKind, protocol, Sender(frame), Receiver(frame), 0, detail), detail);
    }

    /// <summary>Everything seen so far, as devices, flows and events.</summary>
    public DiscoveryResult Build(OuiTable? oui = null) => new DiscoveryBuilder(
        FlowsInOrder(), identities, announcedAddresses, events, oui ?? OuiTable.Embedded).Build(
            Enum.GetValues<ProtocolId>().Where(p => framesByProtocol[(int)p] > 0).ToDictionary(p => p, p => framesByProtocol[(int)p]),
            frames,
            frames == 0 ? null : Nanos(firstNanos),
            frames == 0 ? null : Nanos(lastNanos));

    internal static DateTimeOffset Nanos(long nanos) => DateTimeOffset.UnixEpoch.AddTicks(nanos / 100);

    private static DiscoveredEventKind? EventKindOf(OperationKind kind) => kind switch
    {
        OperationKind.Write => DiscoveredEventKind.ProcessWrite,
        OperationKind.ProgramDownload => DiscoveredEventKind.ProgramDownload,
        OperationKind.ProgramUpload => DiscoveredEventKind.ProgramUpload,
        OperationKind.Control => DiscoveredEventKind.ControllerControl,
        _ => null,
    };

    private static DeviceKey Sender(in FrameInfo frame) => DeviceKey.Of(DeviceRef.Source(frame));

    private static DeviceKey Receiver(in FrameInfo frame) => DeviceKey.Of(DeviceRef.Destination(frame));

    private void Note(in FrameInfo frame, EventKey key, string detail)
    {
        ref var tally = ref CollectionsMarshal.GetValueRefOrAddDefault(events, key, out var exists);
        if (!exists)
        {
            tally = new EventTally(detail, frameOffset + frame.Number, frame.TimestampNanos);
        }

        tally!.Count++;
        tally.LastNanos = Math.Max(tally.LastNanos, frame.TimestampNanos);
    }

    private List<KeyValuePair<FlowKey, FlowTally>> FlowsInOrder()
    {
        var all = new List<KeyValuePair<FlowKey, FlowTally>>(ipv4Flows.Count + flows.Count);
        foreach (var (key, tally) in ipv4Flows)
        {
            all.Add(new(key.ToFlowKey(), tally));
        }

        all.AddRange(flows);
        all.Sort(static (a, b) => a.Value.Order.CompareTo(b.Value.Order));
        return all;
    }

    private FlowTally FlowOf(in FrameInfo frame, out bool senderIsClient)
    {
        var number = frameOffset + frame.Number;
        if (number == currentFrame && currentFlow is not null)
        {
            senderIsClient = currentSenderIsClient;
            return currentFlow;
        }

        ref var tally = ref Unsafe.NullRef<FlowTally?>();
        bool exists;
        if (frame.SourceIp.IsV4 && frame.DestinationIp.IsV4)
        {
            tally = ref CollectionsMarshal.GetValueRefOrAddDefault(ipv4Flows, Ipv4FlowKey.Of(frame, serverPorts, out senderIsClient), out exists);
        }
        else
        {
            tally = ref CollectionsMarshal.GetValueRefOrAddDefault(flows, FlowKey.Of(frame, serverPorts, out senderIsClient), out exists);
        }

        if (!exists)
        {
            tally = new FlowTally(frame.TimestampNanos) { Order = ipv4Flows.Count + flows.Count };
        }

        currentFrame = number;
        currentFlow = tally;
        currentSenderIsClient = senderIsClient;
        return tally!;
    }
}

/// <summary>A device as the hot path keys it: by IP when the frame had one, else by MAC.</summary>
internal readonly record struct DeviceKey(IpAddr Ip, MacAddress Mac)
{
    public static DeviceKey Of(DeviceRef device) => device.Ip.IsNone ? new(IpAddr.None, device.Mac) : new(device.Ip, MacAddress.None);

    public override string ToString() => Ip.IsNone ? Mac.ToString() : Ip.ToString();
}

internal readonly record struct EventKey(DiscoveredEventKind Kind, ProtocolId Protocol, DeviceKey Source, DeviceKey Target, ushort Code, string? Detail)
{
    /// <summary>Looked up for every write or control request: the words compared and mixed directly, as in <see cref="FlowKey"/>.</summary>
    public bool Equals(EventKey other) =>
        Kind == other.Kind && Protocol == other.Protocol && Code == other.Code &&
        Source.Ip.Low == other.Source.Ip.Low && Target.Ip.Low == other.Target.Ip.Low &&
        Source.Ip.High == other.Source.Ip.High && Target.Ip.High == other.Target.Ip.High &&
        Source.Mac.Value == other.Source.Mac.Value && Target.Mac.Value == other.Target.Mac.Value &&
        string.Equals(Detail, other.Detail, StringComparison.Ordinal);

    public override int GetHashCode()
    {
        const ulong golden = 0x9E37_79B9_7F4A_7C15UL;
        var mixed = (Source.Ip.Low * golden) ^ System.Numerics.BitOperations.RotateLeft(Target.Ip.Low, 21) ^ (Source.Ip.High + Target.Ip.High) ^
            (Source.Mac.Value * 31) ^ System.Numerics.BitOperations.RotateLeft(Target.Mac.Value, 13) ^
            ((ulong)Kind << 56) ^ ((ulong)Protocol << 48) ^ ((ulong)Code << 32) ^ (uint)(Detail?.GetHashCode(StringComparison.Ordinal) ?? 0);
        mixed *= golden;
        return (int)(mixed >> 32) ^ (int)mixed;
    }
}

internal sealed class FlowTally(long firstNanos)
{
    /// <summary>How many flows were seen before this one.</summary>
    public int Order;

    public long Packets;
    public long Bytes;
    public long PacketsFromServer;
    public long FirstNanos = firstNanos;
    public long LastNanos = firstNanos;
    public MacAddress ClientMac;
    public MacAddress ServerMac;
    public bool ClientMacVaries;
    public bool ServerMacVaries;
    public long[]? ProtocolFrames;
    public Dictionary<OperationKey, OperationTally>? Operations;
    public OperationKey LastOperationKey;
    public OperationTally? LastOperation;
    public List<ushort>? VlanIds;

    public void Count(in FrameInfo frame, bool senderIsClient)
    {
        Packets++;
        Bytes += frame.WireLength;
        FirstNanos = Math.Min(FirstNanos, frame.TimestampNanos);
        LastNanos = Math.Max(LastNanos, frame.TimestampNanos);
        if (senderIsClient)
        {
            Remember(ref ClientMac, ref ClientMacVaries, frame.SourceMac);
        }
        else
        {
            PacketsFromServer++;
            Remember(ref ServerMac, ref ServerMacVaries, frame.SourceMac);
        }

        if (frame.VlanId != 0 && (VlanIds is null || (VlanIds.Count < 16 && !VlanIds.Contains(frame.VlanId))))
        {
            (VlanIds ??= []).Add(frame.VlanId);
        }
    }

    private static void Remember(ref MacAddress slot, ref bool varies, MacAddress seen)
    {
        if (seen.IsNone)
        {
            return;
        }

        if (slot.IsNone)
        {
            slot = seen;
        }
        else if (slot != seen)
        {
            varies = true;
        }
    }
}

/// <summary>Protocol, kind and code packed in one integer: one of these is looked up for every request and response.</summary>
internal readonly record struct OperationKey(uint Packed)
{
    public ProtocolId Protocol => (ProtocolId)(Packed >> 24);

    public OperationKind Kind => (OperationKind)(Packed >> 16);

    public ushort Code => (ushort)Packed;

    public static OperationKey Of(ProtocolId protocol, ushort code, OperationKind kind) =>
        new(((uint)protocol << 24) | ((uint)kind << 16) | code);

    public void Deconstruct(out ProtocolId protocol, out ushort code, out OperationKind kind)
    {
        protocol = Protocol;
        code = Code;
        kind = Kind;
    }
}

internal sealed class OperationTally(string name)
{
    public string Name { get; } = name;

    public long Requests;
    public long Responses;
}

internal sealed class IdentityTally(ProtocolId protocol, long firstFrame)
{
    public ProtocolId Protocol { get; } = protocol;

    public long FirstFrame { get; } = firstFrame;

    public long Count;
}

internal sealed class EventTally(string detail, long firstFrame, long firstNanos)
{
    public string Detail { get; } = detail;

    public long FirstFrame { get; } = firstFrame;

    public long FirstNanos { get; } = firstNanos;

    public long LastNanos = firstNanos;
    public long Count;
}
