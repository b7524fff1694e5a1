namespace Seam.Protocols.Dissection;

/// <summary>How a dissector's payload travelled: straight on Ethernet, or inside UDP or TCP over IP.</summary>
public enum Transport : byte
{
    Ethernet,
    Udp,
    Tcp,
}

/// <summary>
/// What the lower layers of one frame said, handed to every dissector with the frame's payload. A struct
/// passed by <c>in</c>: nothing here allocates per packet.
/// </summary>
public readonly struct FrameInfo
{
    /// <summary>
    /// Built once per frame by the pipeline. A constructor lets the JIT write the fields straight into their
    /// destination, where an initializer built a copy first and the copy's wide reload stalled on its narrow stores.
    /// </summary>
    internal FrameInfo(
        long number, long timestampNanos, int wireLength, MacAddress sourceMac, MacAddress destinationMac, ushort vlanId, ushort etherType,
        Transport transport, IpAddr sourceIp, IpAddr destinationIp, ushort sourcePort, ushort destinationPort)
    {
        Number = number;
        TimestampNanos = timestampNanos;
        WireLength = wireLength;
        SourceMac = sourceMac;
        DestinationMac = destinationMac;
        VlanId = vlanId;
        EtherType = etherType;
        Transport = transport;
        SourceIp = sourceIp;
        DestinationIp = destinationIp;
        SourcePort = sourcePort;
        DestinationPort = destinationPort;
    }

    /// <summary>1-based position of the frame in the capture, as tshark numbers it.</summary>
    public long Number { get; init; }

    /// <summary>Capture time, nanoseconds since the Unix epoch (UTC).</summary>
    public long TimestampNanos { get; init; }

    public MacAddress SourceMac { get; init; }

    public MacAddress DestinationMac { get; init; }

    /// <summary>The innermost 802.1Q VLAN id, 0 when the frame was not tagged.</summary>
    public ushort VlanId { get; init; }

    /// <summary>
    /// The EtherType after any VLAN tags (0x0800 IPv4, 0x86DD IPv6, 0x8892 PROFINET, 0x88CC LLDP…). IEEE 802.3
    /// frames carry a length there instead, so for them this holds what the LLC header says, in values below
    /// 0x0600 that no real EtherType uses: SNAP with an EtherType (OUI 00-00-00) gives that EtherType, SNAP with
    /// another OUI gives its protocol id (Cisco's CDP: 0x2000), and any other LLC frame gives its DSAP
    /// (BACnet/Ethernet: 0x82). The payload then starts after the LLC (and SNAP) header.
    /// </summary>
    public ushort EtherType { get; init; }

    public Transport Transport { get; init; }

    /// <summary><see cref="IpAddr.None"/> for frames that carry no IP.</summary>
    public IpAddr SourceIp { get; init; }

    public IpAddr DestinationIp { get; init; }

    public ushort SourcePort { get; init; }

    public ushort DestinationPort { get; init; }

    /// <summary>The frame's length on the wire, which may exceed what the capture kept (snaplen).</summary>
    public int WireLength { get; init; }

    public DateTimeOffset Timestamp => DateTimeOffset.UnixEpoch.AddTicks(TimestampNanos / 100);
}
