using System.Numerics;
using System.Runtime.CompilerServices;
using Seam.Protocols.Dissection;

namespace Seam.Discovery;

/// <summary>
/// Identifies a flow without allocating: client and server addresses (IP, or MAC for layer-2 flows), transport and
/// the server's port (or the EtherType). Client ports are left out so every connection of a poll loop is one flow.
/// </summary>
internal readonly record struct FlowKey(IpAddr Client, IpAddr Server, MacAddress ClientMac, MacAddress ServerMac, Transport Transport, ushort ServerPortOrEtherType)
{
    /// <summary>
    /// Looked up for every frame: field-by-field comparison and one multiply-mix of the words, instead of the
    /// record's default of a comparer call and a hash combine per field.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(FlowKey other) =>
        Client.Low == other.Client.Low && Server.Low == other.Server.Low && Client.High == other.Client.High &&
        Server.High == other.Server.High && ClientMac.Value == other.ClientMac.Value && ServerMac.Value == other.ServerMac.Value &&
        Transport == other.Transport && ServerPortOrEtherType == other.ServerPortOrEtherType;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override int GetHashCode()
    {
        const ulong golden = 0x9E37_79B9_7F4A_7C15UL;
        var mixed = (Client.Low * golden) ^ BitOperations.RotateLeft(Server.Low, 21) ^ (Client.High + BitOperations.RotateLeft(Server.High, 42)) ^
            (ClientMac.Value * 31) ^ BitOperations.RotateLeft(ServerMac.Value, 13) ^ ((ulong)Transport << 56) ^ ((ulong)ServerPortOrEtherType << 40);
        mixed *= golden;
        return (int)(mixed >> 32) ^ (int)mixed;
    }

    /// <summary>The key of a frame's flow, and whether the frame's sender is the client.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FlowKey Of(in FrameInfo frame, ServerPorts serverPorts, out bool senderIsClient)
    {
        if (frame.SourceIp.IsNone && frame.DestinationIp.IsNone)
        {
            // Layer 2: the sender of a group-addressed frame (DCP identify, LLDP) is the one asking or announcing.
            senderIsClient = true;
            return new FlowKey(IpAddr.None, IpAddr.None, frame.SourceMac, frame.DestinationMac, Transport.Ethernet, frame.EtherType);
        }

        if (frame.Transport == Transport.Ethernet)
        {
            // IP without TCP or UDP (ICMP, a later fragment): one flow per address pair, ordered so both directions meet.
            senderIsClient = Compare(frame.SourceIp, frame.DestinationIp) <= 0;
            return senderIsClient
                ? new FlowKey(frame.SourceIp, frame.DestinationIp, default, default, Transport.Ethernet, 0)
                : new FlowKey(frame.DestinationIp, frame.SourceIp, default, default, Transport.Ethernet, 0);
        }

        senderIsClient = serverPorts.DestinationIsServer(frame.Transport, frame.SourcePort, frame.DestinationPort);
        return senderIsClient
            ? new FlowKey(frame.SourceIp, frame.DestinationIp, default, default, frame.Transport, frame.DestinationPort)
            : new FlowKey(frame.DestinationIp, frame.SourceIp, default, default, frame.Transport, frame.SourcePort);
    }

    private static int Compare(IpAddr a, IpAddr b) => a.High != b.High ? a.High.CompareTo(b.High) : a.Low.CompareTo(b.Low);
}

/// <summary>
/// The <see cref="FlowKey"/> of a flow between two IPv4 addresses, packed in 16 bytes: a key this small is passed
/// and compared in registers, where the full key is copied through memory on every lookup.
/// </summary>
internal readonly record struct Ipv4FlowKey(ulong ClientAndServer, uint TransportAndPort)
{
    /// <summary>The same flow and direction <see cref="FlowKey.Of"/> gives, for a frame whose two addresses are IPv4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Ipv4FlowKey Of(in FrameInfo frame, ServerPorts serverPorts, out bool senderIsClient)
    {
        var source = (uint)frame.SourceIp.Low;
        var destination = (uint)frame.DestinationIp.Low;
        if (frame.Transport == Transport.Ethernet)
        {
            senderIsClient = source <= destination;
            return senderIsClient ? Pack(source, destination, Transport.Ethernet, 0) : Pack(destination, source, Transport.Ethernet, 0);
        }

        senderIsClient = serverPorts.DestinationIsServer(frame.Transport, frame.SourcePort, frame.DestinationPort);
        return senderIsClient
            ? Pack(source, destination, frame.Transport, frame.DestinationPort)
            : Pack(destination, source, frame.Transport, frame.SourcePort);
    }

    public FlowKey ToFlowKey() => new(
        IpAddr.FromV4((uint)(ClientAndServer >> 32)), IpAddr.FromV4((uint)ClientAndServer), default, default,
        (Transport)(TransportAndPort >> 16), (ushort)TransportAndPort);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(Ipv4FlowKey other) => ClientAndServer == other.ClientAndServer && TransportAndPort == other.TransportAndPort;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override int GetHashCode()
    {
        var mixed = (ClientAndServer ^ ((ulong)TransportAndPort << 20)) * 0x9E37_79B9_7F4A_7C15UL;
        return (int)(mixed >> 32) ^ (int)mixed;
    }

    private static Ipv4FlowKey Pack(uint client, uint server, Transport transport, ushort port) =>
        new(((ulong)client << 32) | server, ((uint)transport << 16) | port);
}

/// <summary>
/// Decides which end of a TCP or UDP exchange is the server: the end on a port some dissector binds or a
/// well-known port (below 1024); when both or neither are, the lower port.
/// </summary>
internal sealed class ServerPorts
{
    private readonly bool[] tcp = new bool[65536];
    private readonly bool[] udp = new bool[65536];

    public ServerPorts(IEnumerable<IDissector> dissectors)
    {
        for (var port = 0; port < 1024; port++)
        {
            tcp[port] = udp[port] = true;
        }

        foreach (var dissector in dissectors)
        {
            foreach (var port in dissector.Binding.TcpPorts)
            {
                tcp[port] = true;
            }

            foreach (var port in dissector.Binding.UdpPorts)
            {
                udp[port] = true;
            }
        }
    }

    public bool DestinationIsServer(Transport transport, ushort sourcePort, ushort destinationPort)
    {
        var known = transport == Transport.Tcp ? tcp : udp;
        var source = known[sourcePort];
        var destination = known[destinationPort];
        return source == destination ? destinationPort <= sourcePort : destination;
    }
}
