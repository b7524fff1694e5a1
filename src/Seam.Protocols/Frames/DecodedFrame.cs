using Seam.Protocols.Dissection;

namespace Seam.Protocols.Frames;

/// <summary>How far down the layers a frame could be decoded, which decides where it is dispatched.</summary>
internal enum FrameLayer : byte
{
    /// <summary>Nothing usable: an unknown link type or a frame too short for its link header.</summary>
    None,
    /// <summary>A layer-2 payload for the dissectors bound to <see cref="DecodedFrame.EtherType"/>.</summary>
    Link,
    /// <summary>IP without a transport to dispatch: a fragment, another protocol, a cut header.</summary>
    Network,
    Udp,
    Tcp,
}

/// <summary>TCP header flags, as in the header's flags byte.</summary>
[Flags]
internal enum TcpFlags : byte
{
    None = 0,
    Fin = 0x01,
    Syn = 0x02,
    Rst = 0x04,
    Psh = 0x08,
    Ack = 0x10,
}

/// <summary>
/// The lower layers of one frame, filled in place by <see cref="FrameDecoder"/> (one per run, reset per frame).
/// The payload is a range of the record's bytes, so nothing is copied.
/// </summary>
internal struct DecodedFrame
{
    public FrameLayer Layer;
    public MacAddress SourceMac;
    public MacAddress DestinationMac;
    public ushort VlanId;
    public ushort EtherType;
    public IpAddr SourceIp;
    public IpAddr DestinationIp;
    public byte IpProtocol;

    /// <summary>An IP fragment (first or later): only the first carries the transport header, none is dispatched until reassembled.</summary>
    public bool IsFragment;

    /// <summary>For a fragment: the datagram's identification (IPv4's 16 bits, IPv6's 32).</summary>
    public uint FragmentId;

    /// <summary>For a fragment: where its bytes go in the datagram, in bytes.</summary>
    public int FragmentOffset;

    /// <summary>For a fragment: more fragments follow (false on the last one, which tells the datagram's length).</summary>
    public bool MoreFragments;

    /// <summary>For a fragment: the bytes the IP header announces for it; more than <see cref="PayloadLength"/> when the snapshot length cut it.</summary>
    public int FragmentLength;

    public ushort SourcePort;
    public ushort DestinationPort;
    public uint TcpSequence;
    public TcpFlags TcpFlags;

    /// <summary>The TCP payload length the IP header announces; more than the captured payload when the snapshot length cut it.</summary>
    public int TcpSegmentLength;

    public int PayloadOffset;
    public int PayloadLength;

    public readonly FrameInfo ToFrameInfo(long number, long timestampNanos, int wireLength) => new(
        number,
        timestampNanos,
        wireLength,
        SourceMac,
        DestinationMac,
        VlanId,
        EtherType,
        Layer switch
        {
            FrameLayer.Udp => Transport.Udp,
            FrameLayer.Tcp => Transport.Tcp,
            _ => Transport.Ethernet,
        },
        SourceIp,
        DestinationIp,
        SourcePort,
        DestinationPort);
}
