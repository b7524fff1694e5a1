using Seam.Protocols.Dissection;
using Seam.Protocols.Frames;
using Seam.Protocols.Tests.Capture;
using static Seam.Protocols.Tests.Capture.Packets;

namespace Seam.Protocols.Tests.Frames;

/// <summary>Link, network and transport headers of every shape the decoder knows, down to the payload it hands on.</summary>
public sealed class FrameDecodingTests
{
    private static readonly byte[] Body = ProbeDissector.Pdu(0xC0, 0xFF, 0xEE);
    private static readonly byte[] UdpIpv4 = Ipv4(Udp, UdpDatagram(1000, 20000, Body), "192.168.1.10", "192.168.1.20");

    [Fact]
    public void Ethernet_ipv4_udp_gives_addresses_ports_and_payload()
    {
        var decoded = Decode(1, Ethernet(0x0800, UdpIpv4), out var payload);

        Assert.Equal(FrameLayer.Udp, decoded.Layer);
        Assert.Equal(MacAddress.Read(ClientMac), decoded.SourceMac);
        Assert.Equal(MacAddress.Read(ServerMac), decoded.DestinationMac);
        Assert.Equal((ushort)0x0800, decoded.EtherType);
        Assert.Equal(IpAddr.Parse("192.168.1.10"), decoded.SourceIp);
        Assert.Equal(IpAddr.Parse("192.168.1.20"), decoded.DestinationIp);
        Assert.Equal((ushort)1000, decoded.SourcePort);
        Assert.Equal((ushort)20000, decoded.DestinationPort);
        Assert.Equal(Body, payload);
    }

    [Theory]
    [InlineData(0x8100, 0x8100)]
    [InlineData(0x88A8, 0x8100)]
    [InlineData(0x9100, 0x8100)]
    public void Stacked_vlan_tags_are_passed_and_the_innermost_id_kept(ushort outer, ushort inner)
    {
        var frame = Ethernet(0x0800, UdpIpv4, (outer, 100), (inner, 0x2000 | 42));

        var decoded = Decode(1, frame, out var payload);

        Assert.Equal((ushort)42, decoded.VlanId);
        Assert.Equal(FrameLayer.Udp, decoded.Layer);
        Assert.Equal(Body, payload);
    }

    [Fact]
    public void Ethernet_padding_after_the_ip_packet_is_not_payload()
    {
        var frame = Ethernet(0x0800, [.. UdpIpv4, 0, 0, 0, 0, 0, 0]);

        Decode(1, frame, out var payload);

        Assert.Equal(Body, payload);
    }

    [Fact]
    public void Ip_options_and_tcp_options_are_skipped_by_their_header_lengths()
    {
        var segment = TcpSegment(20000, 1000, 7, 0x18, Body, optionBytes: 12);
        var frame = Ethernet(0x0800, Ipv4(Tcp, segment, optionBytes: 8));

        var decoded = Decode(1, frame, out var payload);

        Assert.Equal(FrameLayer.Tcp, decoded.Layer);
        Assert.Equal(7u, decoded.TcpSequence);
        Assert.Equal(TcpFlags.Psh | TcpFlags.Ack, decoded.TcpFlags);
        Assert.Equal(Body, payload);
        Assert.Equal(Body.Length, decoded.TcpSegmentLength);
    }

    [Theory]
    [InlineData((ushort)0x2000)]
    [InlineData((ushort)0x0010)]
    [InlineData((ushort)0x2010)]
    public void Ipv4_fragments_are_not_dispatched_whether_first_middle_or_last(ushort fragmentField)
    {
        var frame = Ethernet(0x0800, Ipv4(Udp, UdpDatagram(1000, 20000, Body), fragmentField: fragmentField));

        var decoded = Decode(1, frame, out _);

        Assert.Equal(FrameLayer.Network, decoded.Layer);
        Assert.True(decoded.IsFragment);
        Assert.Equal(IpAddr.Parse("10.0.0.1"), decoded.SourceIp);
    }

    [Fact]
    public void Ipv4_with_only_dont_fragment_set_is_whole()
    {
        var decoded = Decode(1, Ethernet(0x0800, Ipv4(Udp, UdpDatagram(1000, 20000, Body), fragmentField: 0x4000)), out _);

        Assert.Equal(FrameLayer.Udp, decoded.Layer);
    }

    [Fact]
    public void Ipv6_extension_headers_are_walked_to_the_transport()
    {
        var packet = Ipv6(Udp, UdpDatagram(1000, 20000, Body), "fd00::10", "fd00::20",
            Ipv6Options(0), Ipv6Options(43, 1), (44, [0, 0, 0, 0, 0, 0, 1]), Ipv6Options(60));

        var decoded = Decode(1, Ethernet(0x86DD, packet), out var payload);

        Assert.Equal(FrameLayer.Udp, decoded.Layer);
        Assert.Equal(IpAddr.Parse("fd00::10"), decoded.SourceIp);
        Assert.Equal(IpAddr.Parse("fd00::20"), decoded.DestinationIp);
        Assert.Equal(Body, payload);
    }

    [Fact]
    public void An_ipv6_fragment_is_not_dispatched()
    {
        var packet = Ipv6(Udp, UdpDatagram(1000, 20000, Body), extensions: [(44, [0, 0, 1, 0, 0, 0, 1])]);

        var decoded = Decode(1, Ethernet(0x86DD, packet), out _);

        Assert.Equal(FrameLayer.Network, decoded.Layer);
        Assert.True(decoded.IsFragment);
    }

    [Theory]
    [InlineData(101u)]
    [InlineData(12u)]
    [InlineData(14u)]
    [InlineData(228u)]
    public void Raw_ip_link_types_start_at_the_ip_header(uint linkType)
    {
        var decoded = Decode(linkType, UdpIpv4, out var payload);

        Assert.Equal(FrameLayer.Udp, decoded.Layer);
        Assert.Equal(MacAddress.None, decoded.SourceMac);
        Assert.Equal(Body, payload);
    }

    [Fact]
    public void Linux_cooked_v1_gives_the_sender_mac_and_the_protocol()
    {
        var header = new byte[16];
        header[3] = 1;
        header[5] = 6;
        ClientMac.CopyTo(header, 6);
        header[14] = 0x08;

        var decoded = Decode(113, [.. header, .. UdpIpv4], out var payload);

        Assert.Equal(MacAddress.Read(ClientMac), decoded.SourceMac);
        Assert.Equal(FrameLayer.Udp, decoded.Layer);
        Assert.Equal(Body, payload);
    }

    [Fact]
    public void Linux_cooked_v2_gives_the_sender_mac_and_the_protocol()
    {
        var header = new byte[20];
        header[0] = 0x86;
        header[1] = 0xDD;
        header[9] = 1;
        header[11] = 6;
        ClientMac.CopyTo(header, 12);
        var ipv6 = Ipv6(Udp, UdpDatagram(1000, 20000, Body));

        var decoded = Decode(276, [.. header, .. ipv6], out var payload);

        Assert.Equal(MacAddress.Read(ClientMac), decoded.SourceMac);
        Assert.Equal(FrameLayer.Udp, decoded.Layer);
        Assert.Equal(Body, payload);
    }

    [Theory]
    [InlineData(new byte[] { 2, 0, 0, 0 }, 0u)]
    [InlineData(new byte[] { 0, 0, 0, 2 }, 0u)]
    [InlineData(new byte[] { 0, 0, 0, 2 }, 108u)]
    public void Loopback_family_is_read_in_whichever_byte_order_it_was_written(byte[] family, uint linkType)
    {
        var decoded = Decode(linkType, [.. family, .. UdpIpv4], out var payload);

        Assert.Equal(FrameLayer.Udp, decoded.Layer);
        Assert.Equal(Body, payload);
    }

    [Theory]
    [InlineData(new byte[] { 0xAA, 0xAA, 0x03, 0x00, 0x00, 0x0C, 0x20, 0x00 }, 0x2000)]
    [InlineData(new byte[] { 0x82, 0x82, 0x03 }, 0x82)]
    [InlineData(new byte[] { 0x42, 0x42, 0x03 }, 0x42)]
    public void Ieee_802_3_frames_follow_the_llc_convention(byte[] llc, ushort expectedEtherType)
    {
        byte[] body = [.. llc, .. Body];
        var frame = Ethernet((ushort)body.Length, [.. body, 0, 0, 0]);

        var decoded = Decode(1, frame, out var payload);

        Assert.Equal(FrameLayer.Link, decoded.Layer);
        Assert.Equal(expectedEtherType, decoded.EtherType);
        Assert.Equal(Body, payload);
    }

    [Fact]
    public void Snap_with_an_ethertype_continues_into_ip()
    {
        byte[] body = [0xAA, 0xAA, 0x03, 0, 0, 0, 0x08, 0x00, .. UdpIpv4];

        var decoded = Decode(1, Ethernet((ushort)body.Length, body), out var payload);

        Assert.Equal(FrameLayer.Udp, decoded.Layer);
        Assert.Equal(Body, payload);
    }

    [Fact]
    public void A_layer_2_protocol_gets_the_bytes_after_the_ethertype()
    {
        var decoded = Decode(1, Ethernet(0x8892, Body, (0x8100, 5)), out var payload);

        Assert.Equal(FrameLayer.Link, decoded.Layer);
        Assert.Equal((ushort)0x8892, decoded.EtherType);
        Assert.Equal((ushort)5, decoded.VlanId);
        Assert.Equal(Body, payload);
    }

    [Fact]
    public void Every_prefix_of_a_frame_decodes_without_reading_past_its_end()
    {
        var frames = new[]
        {
            (1u, Ethernet(0x0800, Ipv4(Tcp, TcpSegment(1, 2, 3, 0x18, Body), optionBytes: 4), (0x88A8, 1), (0x8100, 2))),
            (1u, Ethernet(0x86DD, Ipv6(Udp, UdpDatagram(1, 2, Body), extensions: [Ipv6Options(0), Ipv6Options(60, 2)]))),
            (113u, new byte[16]),
        };

        foreach (var (linkType, frame) in frames)
        {
            for (var length = 0; length <= frame.Length; length++)
            {
                var decoded = Decode(linkType, frame[..length], out var payload);
                Assert.True(decoded.PayloadOffset + payload.Length <= length);
            }
        }
    }

    private static DecodedFrame Decode(uint linkType, byte[] frame, out byte[] payload)
    {
        var decoded = default(DecodedFrame);
        FrameDecoder.Decode(linkType, frame, ref decoded);
        payload = frame.AsSpan(decoded.PayloadOffset, decoded.PayloadLength).ToArray();
        return decoded;
    }
}
