using Seam.Protocols.Dissection;

namespace Seam.Discovery;

/// <summary>
/// Identifies a flow without allocating: client and server addresses (IP, or MAC for layer-2 flows), transport and
/// the server's port (or the EtherType). Client ports are left out so every connection of a poll loop is one flow.
/// </summary>
internal readonly record struct FlowKey(IpAddr Client, IpAddr Server, MacAddress ClientMac, MacAddress ServerMac, Transport Transport, ushort ServerPortOrEtherType)
{
    /// <summary>The key of a frame's flow, and whether the frame's sender is the client.</summary>
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
