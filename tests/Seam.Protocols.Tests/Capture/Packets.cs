using System.Buffers.Binary;
using System.Net;

namespace Seam.Protocols.Tests.Capture;

/// <summary>Builds frames layer by layer for the capture tests (checksums are left zero: nothing checks them).</summary>
internal static class Packets
{
    public const byte Tcp = 6;
    public const byte Udp = 17;

    public static readonly byte[] ClientMac = [0x00, 0x1B, 0x1B, 0x00, 0x00, 0x01];
    public static readonly byte[] ServerMac = [0x00, 0x0E, 0x8C, 0x00, 0x00, 0x02];

    public static byte[] Ethernet(ushort etherType, byte[] payload, params (ushort Tpid, ushort VlanId)[] tags)
    {
        var frame = new List<byte>();
        frame.AddRange(ServerMac);
        frame.AddRange(ClientMac);
        foreach (var (tpid, vlanId) in tags)
        {
            frame.AddRange(Be16(tpid));
            frame.AddRange(Be16(vlanId));
        }

        frame.AddRange(Be16(etherType));
        frame.AddRange(payload);
        return [.. frame];
    }

    public static byte[] Ipv4(byte protocol, byte[] payload, string source = "10.0.0.1", string destination = "10.0.0.2",
        ushort fragmentField = 0, int optionBytes = 0)
    {
        var headerLength = 20 + optionBytes;
        var packet = new byte[headerLength + payload.Length];
        packet[0] = (byte)(0x40 | (headerLength / 4));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), fragmentField);
        packet[8] = 64;
        packet[9] = protocol;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(packet, 12);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(packet, 16);
        payload.CopyTo(packet, headerLength);
        return packet;
    }

    /// <param name="extensions">Extension headers in order, each (its type, its bytes after the next-header byte).</param>
    public static byte[] Ipv6(byte protocol, byte[] payload, string source = "fd00::1", string destination = "fd00::2",
        params (byte Type, byte[] Body)[] extensions)
    {
        var chain = new List<byte>();
        for (var i = 0; i < extensions.Length; i++)
        {
            chain.Add(i + 1 < extensions.Length ? extensions[i + 1].Type : protocol);
            chain.AddRange(extensions[i].Body);
        }

        var packet = new byte[40 + chain.Count + payload.Length];
        packet[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)(chain.Count + payload.Length));
        packet[6] = extensions.Length > 0 ? extensions[0].Type : protocol;
        packet[7] = 64;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(packet, 8);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(packet, 24);
        chain.CopyTo(packet, 40);
        payload.CopyTo(packet, 40 + chain.Count);
        return packet;
    }

    /// <summary>An options-style IPv6 extension header (hop-by-hop, routing, destination options) of 8 × (units + 1) bytes.</summary>
    public static (byte, byte[]) Ipv6Options(byte type, byte units = 0)
    {
        var rest = new byte[((units + 1) * 8) - 1];
        rest[0] = units;
        return (type, rest);
    }

    public static byte[] TcpSegment(ushort sourcePort, ushort destinationPort, uint sequence, byte flags, byte[] payload, int optionBytes = 0)
    {
        var headerLength = 20 + optionBytes;
        var segment = new byte[headerLength + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(segment, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(4), sequence);
        segment[12] = (byte)((headerLength / 4) << 4);
        segment[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(14), 8192);
        payload.CopyTo(segment, headerLength);
        return segment;
    }

    public static byte[] UdpDatagram(ushort sourcePort, ushort destinationPort, byte[] payload)
    {
        var datagram = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(datagram, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(4), (ushort)datagram.Length);
        payload.CopyTo(datagram, 8);
        return datagram;
    }

    /// <summary>An Ethernet frame carrying IPv4 and TCP.</summary>
    public static byte[] EthernetTcp(ushort sourcePort, ushort destinationPort, uint sequence, byte flags, byte[] payload,
        string source = "10.0.0.1", string destination = "10.0.0.2") =>
        Ethernet(0x0800, Ipv4(Tcp, TcpSegment(sourcePort, destinationPort, sequence, flags, payload), source, destination));

    public static byte[] EthernetUdp(ushort sourcePort, ushort destinationPort, byte[] payload,
        string source = "10.0.0.1", string destination = "10.0.0.2") =>
        Ethernet(0x0800, Ipv4(Udp, UdpDatagram(sourcePort, destinationPort, payload), source, destination));

    public static byte[] Be16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }
}
