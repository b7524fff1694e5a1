using System.Buffers.Binary;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Frames;

/// <summary>
/// Decodes the link, network and transport headers of one captured frame into a <see cref="DecodedFrame"/>.
/// Every read is bounds-checked against the captured bytes: a frame cut by the snapshot length or damaged in
/// transit yields whatever layers were complete, never an exception.
/// </summary>
internal static class FrameDecoder
{
    private const int EthernetHeaderLength = 14;
    private const int MaxVlanTags = 8;
    private const int MaxIpv6ExtensionHeaders = 16;

    public static void Decode(uint linkType, ReadOnlySpan<byte> data, ref DecodedFrame frame)
    {
        frame = default;
        switch (linkType)
        {
            case LinkTypes.Ethernet:
                DecodeEthernet(data, ref frame);
                break;
            case LinkTypes.Raw or LinkTypes.RawLegacy12 or LinkTypes.RawLegacy14:
                DecodeRawIp(data, 0, ref frame);
                break;
            case LinkTypes.Ipv4:
                frame.EtherType = EtherTypes.Ipv4;
                DecodeIpv4(data, 0, ref frame);
                break;
            case LinkTypes.Ipv6:
                frame.EtherType = EtherTypes.Ipv6;
                DecodeIpv6(data, 0, ref frame);
                break;
            case LinkTypes.LinuxSll:
                DecodeLinuxSll(data, ref frame);
                break;
            case LinkTypes.LinuxSll2:
                DecodeLinuxSll2(data, ref frame);
                break;
            case LinkTypes.Null or LinkTypes.Loop:
                DecodeLoopback(data, networkOrder: linkType == LinkTypes.Loop, ref frame);
                break;
        }
    }

    private static void DecodeEthernet(ReadOnlySpan<byte> data, ref DecodedFrame frame)
    {
        if (data.Length < EthernetHeaderLength)
        {
            return;
        }

        frame.DestinationMac = MacAddress.Read(data);
        frame.SourceMac = MacAddress.Read(data[6..]);
        var type = BinaryPrimitives.ReadUInt16BigEndian(data[12..]);
        var offset = EthernetHeaderLength;
        for (var tags = 0; tags < MaxVlanTags && type is EtherTypes.Vlan or EtherTypes.ProviderBridging or EtherTypes.LegacyQinQ; tags++)
        {
            if (data.Length < offset + 4)
            {
                return;
            }

            frame.VlanId = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(data[offset..]) & 0x0FFF);
            type = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
            offset += 4;
        }

        if (type < EtherTypes.MinimumEtherType)
        {
            // IEEE 802.3: the field is the length of what follows, and an LLC header says what it is.
            var end = type == 0 ? data.Length : Math.Min(data.Length, offset + type);
            DecodeLlc(data[..end], offset, ref frame);
            return;
        }

        DecodeNetwork(type, data, offset, ref frame);
    }

    /// <summary>The LLC convention of <see cref="FrameInfo.EtherType"/>: SNAP's protocol id, or the DSAP.</summary>
    private static void DecodeLlc(ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame)
    {
        if (data.Length < offset + 3)
        {
            return;
        }

        var dsap = data[offset];
        var ssap = data[offset + 1];
        var control = data[offset + 2];

        // U-format frames have a one-byte control field, I- and S-format frames two.
        var llcLength = (control & 0x03) == 0x03 ? 3 : 4;
        if (dsap == 0xAA && ssap == 0xAA && llcLength == 3)
        {
            if (data.Length < offset + 8)
            {
                return;
            }

            var organisation = (data[offset + 3] << 16) | (data[offset + 4] << 8) | data[offset + 5];
            var protocol = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 6)..]);
            if (organisation == 0 && protocol >= EtherTypes.MinimumEtherType)
            {
                DecodeNetwork(protocol, data, offset + 8, ref frame);
                return;
            }

            SetLinkPayload(protocol, data, offset + 8, ref frame);
            return;
        }

        if (data.Length < offset + llcLength)
        {
            return;
        }

        SetLinkPayload(dsap, data, offset + llcLength, ref frame);
    }

    private static void DecodeNetwork(ushort etherType, ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame)
    {
        switch (etherType)
        {
            case EtherTypes.Ipv4:
                frame.EtherType = etherType;
                DecodeIpv4(data, offset, ref frame);
                break;
            case EtherTypes.Ipv6:
                frame.EtherType = etherType;
                DecodeIpv6(data, offset, ref frame);
                break;
            default:
                SetLinkPayload(etherType, data, offset, ref frame);
                break;
        }
    }

    private static void SetLinkPayload(ushort etherType, ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame)
    {
        frame.Layer = FrameLayer.Link;
        frame.EtherType = etherType;
        frame.PayloadOffset = offset;
        frame.PayloadLength = data.Length - offset;
    }

    private static void DecodeLinuxSll(ReadOnlySpan<byte> data, ref DecodedFrame frame)
    {
        const int headerLength = 16;
        if (data.Length < headerLength)
        {
            return;
        }

        var hardwareType = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        var addressLength = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        ReadSllSource(hardwareType, addressLength, data[6..14], ref frame);
        DecodeSllProtocol(BinaryPrimitives.ReadUInt16BigEndian(data[14..]), data, headerLength, ref frame);
    }

    private static void DecodeLinuxSll2(ReadOnlySpan<byte> data, ref DecodedFrame frame)
    {
        const int headerLength = 20;
        if (data.Length < headerLength)
        {
            return;
        }

        var hardwareType = BinaryPrimitives.ReadUInt16BigEndian(data[8..]);
        ReadSllSource(hardwareType, data[11], data[12..20], ref frame);
        DecodeSllProtocol(BinaryPrimitives.ReadUInt16BigEndian(data), data, headerLength, ref frame);
    }

    private static void ReadSllSource(ushort hardwareType, int addressLength, ReadOnlySpan<byte> address, ref DecodedFrame frame)
    {
        const ushort ethernetHardware = 1;
        if (hardwareType == ethernetHardware && addressLength == 6)
        {
            frame.SourceMac = MacAddress.Read(address);
        }
    }

    private static void DecodeSllProtocol(ushort protocol, ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame)
    {
        const ushort llcFrame = 0x0004;
        if (protocol >= EtherTypes.MinimumEtherType)
        {
            DecodeNetwork(protocol, data, offset, ref frame);
        }
        else if (protocol == llcFrame)
        {
            DecodeLlc(data, offset, ref frame);
        }
    }

    private static void DecodeLoopback(ReadOnlySpan<byte> data, bool networkOrder, ref DecodedFrame frame)
    {
        if (data.Length < 4)
        {
            return;
        }

        var family = networkOrder ? BinaryPrimitives.ReadUInt32BigEndian(data) : BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (family > 0xFFFF)
        {
            // Written on a big-endian machine: the family is in the other byte order.
            family = BinaryPrimitives.ReverseEndianness(family);
        }

        switch (family)
        {
            case 2:
                frame.EtherType = EtherTypes.Ipv4;
                DecodeIpv4(data, 4, ref frame);
                break;

            // AF_INET6 differs by system: Linux 10, NetBSD/OpenBSD 24, FreeBSD 28, macOS 30.
            case 10 or 24 or 28 or 30:
                frame.EtherType = EtherTypes.Ipv6;
                DecodeIpv6(data, 4, ref frame);
                break;
        }
    }

    private static void DecodeRawIp(ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame)
    {
        if (data.Length <= offset)
        {
            return;
        }

        switch (data[offset] >> 4)
        {
            case 4:
                frame.EtherType = EtherTypes.Ipv4;
                DecodeIpv4(data, offset, ref frame);
                break;
            case 6:
                frame.EtherType = EtherTypes.Ipv6;
                DecodeIpv6(data, offset, ref frame);
                break;
        }
    }

    private static void DecodeIpv4(ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame)
    {
        var ip = data[offset..];
        if (ip.Length < 20 || ip[0] >> 4 != 4)
        {
            SetLinkPayload(frame.EtherType, data, offset, ref frame);
            return;
        }

        frame.Layer = FrameLayer.Network;
        frame.SourceIp = IpAddr.ReadV4(ip[12..]);
        frame.DestinationIp = IpAddr.ReadV4(ip[16..]);
        frame.IpProtocol = ip[9];
        var headerLength = (ip[0] & 0x0F) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        var fragment = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]);
        frame.IsFragment = (fragment & 0x3FFF) != 0;
        if (headerLength < 20 || headerLength > ip.Length)
        {
            return;
        }

        // A total length of 0 comes from TCP segmentation offload on the capturing host: trust the captured bytes.
        var announced = totalLength >= headerLength ? totalLength : ip.Length;
        var end = Math.Min(announced, ip.Length);
        if (frame.IsFragment)
        {
            SetFragment(BinaryPrimitives.ReadUInt16BigEndian(ip[4..]), (fragment & 0x1FFF) * 8, (fragment & 0x2000) != 0,
                offset + headerLength, offset + end, announced - headerLength, ref frame);
            return;
        }

        DecodeTransport(frame.IpProtocol, data, offset + headerLength, offset + end, announced - headerLength, ref frame);
    }

    private static void DecodeIpv6(ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame)
    {
        var ip = data[offset..];
        if (ip.Length < 40 || ip[0] >> 4 != 6)
        {
            SetLinkPayload(frame.EtherType, data, offset, ref frame);
            return;
        }

        frame.Layer = FrameLayer.Network;
        frame.SourceIp = IpAddr.ReadV6(ip[8..]);
        frame.DestinationIp = IpAddr.ReadV6(ip[24..]);
        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);

        // A payload length of 0 is a jumbogram (or offload): the captured bytes are all there is to go on.
        var announcedEnd = payloadLength == 0 ? ip.Length : 40 + payloadLength;
        var end = Math.Min(announcedEnd, ip.Length);
        var next = ip[6];
        var position = 40;
        for (var i = 0; i < MaxIpv6ExtensionHeaders; i++)
        {
            int headerLength;
            switch (next)
            {
                // Hop-by-hop, routing, destination options, mobility, HIP, shim6: length in 8-byte units after the first 8.
                case 0 or 43 or 60 or 135 or 139 or 140:
                    if (position + 2 > end)
                    {
                        return;
                    }

                    headerLength = (ip[position + 1] + 1) * 8;
                    break;
                case 44:
                    if (position + 8 > end)
                    {
                        return;
                    }

                    // Offset or more-fragments set: a fragment, whose transport is only whole after reassembly.
                    var offsetAndFlags = BinaryPrimitives.ReadUInt16BigEndian(ip[(position + 2)..]);
                    if ((offsetAndFlags & 0xFFF9) != 0)
                    {
                        frame.IsFragment = true;
                        frame.IpProtocol = ip[position];
                        SetFragment(BinaryPrimitives.ReadUInt32BigEndian(ip[(position + 4)..]), offsetAndFlags & 0xFFF8, (offsetAndFlags & 1) != 0,
                            offset + position + 8, offset + end, announcedEnd - position - 8, ref frame);
                        return;
                    }

                    headerLength = 8;
                    break;

                // Authentication header: length in 4-byte units, minus 2.
                case 51:
                    if (position + 2 > end)
                    {
                        return;
                    }

                    headerLength = (ip[position + 1] + 2) * 4;
                    break;
                default:
                    frame.IpProtocol = next;
                    DecodeTransport(next, data, offset + position, offset + end, announcedEnd - position, ref frame);
                    return;
            }

            next = ip[position];
            position += headerLength;
        }
    }

    /// <summary>
    /// Decodes the transport of a datagram reassembled from the fragments <paramref name="frame"/> ended, so the
    /// frame is dispatched as if the datagram had come whole; its payload range then refers to <paramref name="datagram"/>.
    /// </summary>
    public static void DecodeReassembled(ReadOnlySpan<byte> datagram, ref DecodedFrame frame)
    {
        frame.IsFragment = false;
        frame.PayloadOffset = 0;
        frame.PayloadLength = 0;
        DecodeTransport(frame.IpProtocol, datagram, 0, datagram.Length, datagram.Length, ref frame);
    }

    private static void SetFragment(uint id, int fragmentOffset, bool more, int start, int end, int announcedLength, ref DecodedFrame frame)
    {
        if (start > end)
        {
            return;
        }

        frame.FragmentId = id;
        frame.FragmentOffset = fragmentOffset;
        frame.MoreFragments = more;
        frame.PayloadOffset = start;
        frame.PayloadLength = end - start;
        frame.FragmentLength = Math.Max(announcedLength, frame.PayloadLength);
    }

    /// <param name="start">Offset of the transport header in <paramref name="data"/>.</param>
    /// <param name="end">End of the IP payload within the captured bytes (Ethernet padding excluded).</param>
    /// <param name="announcedLength">The transport length the IP header announces, captured or not.</param>
    private static void DecodeTransport(byte protocol, ReadOnlySpan<byte> data, int start, int end, int announcedLength, ref DecodedFrame frame)
    {
        const byte tcp = 6;
        const byte udp = 17;
        if (start > end)
        {
            return;
        }

        var segment = data[start..end];
        if (protocol == tcp && segment.Length >= 20)
        {
            frame.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment);
            frame.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment[2..]);
            var headerLength = (segment[12] >> 4) * 4;
            if (headerLength < 20 || headerLength > segment.Length)
            {
                return;
            }

            frame.Layer = FrameLayer.Tcp;
            frame.TcpSequence = BinaryPrimitives.ReadUInt32BigEndian(segment[4..]);
            frame.TcpFlags = (TcpFlags)(segment[13] & 0x1F);
            frame.PayloadOffset = start + headerLength;
            frame.PayloadLength = segment.Length - headerLength;
            frame.TcpSegmentLength = Math.Max(frame.PayloadLength, announcedLength - headerLength);
        }
        else if (protocol == udp && segment.Length >= 8)
        {
            frame.Layer = FrameLayer.Udp;
            frame.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment);
            frame.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment[2..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(segment[4..]);
            frame.PayloadOffset = start + 8;
            frame.PayloadLength = length >= 8 && length <= segment.Length ? length - 8 : segment.Length - 8;
        }
    }
}
