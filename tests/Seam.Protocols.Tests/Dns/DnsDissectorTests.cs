using Seam.Protocols.Dissection;
using Seam.Protocols.Dns;
using Seam.Protocols.Tests.ItProtocols;

namespace Seam.Protocols.Tests.Dns;

public sealed class DnsDissectorTests
{
    /// <summary>corpus opcua/open62541_client-server_mainloop.pcap frame 4 (tshark -e udp.payload): A gateway.docker.internal.</summary>
    private const string CorpusAnswer =
        "d66a81800001000100000000076761746577617906646f636b657208696e7465726e616c0000010001c00c00010001000000000004c0a84101";

    /// <summary>corpus opcua/open62541_client-server_mainloop.pcap frame 3: the AAAA query answered "No such name".</summary>
    private const string CorpusNoSuchName =
        "d82881830001000000000000076761746577617906646f636b657208696e7465726e616c00001c0001";

    /// <summary>corpus opcua/open62541_discover_getendpoints_discover_urls.pcap frame 1: an mDNS announcement with eight A records.</summary>
    private const string CorpusMdnsAnnouncement =
        "000084000000000c000000000a4d6175692d313637313400000100010000025800040a0160250e4c44532d4d6175692d31363731340a5f6f70637561" +
        "2d746370045f746370056c6f63616c00000100010000025800040a016025c00c00010001000002580004c0a86b01c02600010001000002580004c0a8" +
        "6b01c00c00010001000002580004ac106101c02600010001000002580004ac106101c00c00010001000002580004c0a8e069c0260001000100000258" +
        "0004c0a8e069c00c000100010000025800047f000001c026000100010000025800047f000001c035000c0001000002580002c026095f736572766963" +
        "6573075f646e732d7364045f756470c045000c0001000002580002c035";

    private readonly DnsDissector _dissector = new();

    [Fact]
    public void An_a_answer_names_the_address_it_carries()
    {
        var sink = TestFrames.Dissect(_dissector, TestFrames.Udp("127.0.0.1", 58543, "127.0.0.1", 63974), TestFrames.Hex(CorpusAnswer));

        Assert.Single(sink.Pdus);
        var identity = Assert.Single(sink.Identities);
        Assert.Equal(DeviceRef.ForIp(IpAddr.Parse("192.168.65.1")), identity.Device);
        Assert.Equal((IdentityField.HostName, "gateway.docker.internal"), (identity.Field, identity.Value));
        Assert.Equal(("Response", OperationKind.Read, false), (sink.Operations[0].Name, sink.Operations[0].Kind, sink.Operations[0].IsRequest));
    }

    [Fact]
    public void A_failed_lookup_is_an_error_response_with_no_identity()
    {
        var sink = TestFrames.Dissect(_dissector, TestFrames.Udp("127.0.0.1", 53, "127.0.0.1", 63974), TestFrames.Hex(CorpusNoSuchName));

        Assert.Equal(OperationKind.Error, Assert.Single(sink.Operations).Kind);
        Assert.Empty(sink.Identities);
    }

    [Fact]
    public void An_mdns_announcement_names_each_address_but_not_the_service_instance_nor_loopback()
    {
        var sink = TestFrames.Dissect(_dissector, TestFrames.Udp("192.168.224.105", 5353, "224.0.0.251", 5353), TestFrames.Hex(CorpusMdnsAnnouncement));

        var named = sink.Identities.Where(i => i.Field == IdentityField.HostName).Select(i => (i.Device.Ip.ToString(), i.Value)).ToList();
        Assert.Equal(
            [("10.1.96.37", "Maui-16714"), ("192.168.107.1", "Maui-16714"), ("172.16.97.1", "Maui-16714"), ("192.168.224.105", "Maui-16714")],
            named);
    }

    [Theory]
    [InlineData("10.0.0.7", "7.0.0.10.in-addr.arpa")]
    [InlineData("2001:db8::567:89ab", "b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa")]
    public void A_ptr_answer_names_the_address_its_owner_encodes(string address, string reverse)
    {
        var sink = TestFrames.Dissect(_dissector, TestFrames.Udp("10.0.0.1", 53, "10.0.0.5", 40000), PtrResponse(reverse, "hmi-01.plant.example"));

        var identity = Assert.Single(sink.Identities);
        Assert.Equal(DeviceRef.ForIp(IpAddr.Parse(address)), identity.Device);
        Assert.Equal("hmi-01.plant.example", identity.Value);
    }

    [Fact]
    public void Dns_over_tcp_is_framed_by_its_length_prefix_and_tshark_agrees()
    {
        var message = PtrResponse("7.0.0.10.in-addr.arpa", "hmi-01.plant.example");
        byte[] stream = [(byte)(message.Length >> 8), (byte)message.Length, .. message];

        Assert.Equal(stream.Length, _dissector.PduLength(stream));
        Assert.Equal(0, _dissector.PduLength(stream.AsSpan(0, 1)));
        var sink = TestFrames.Dissect(_dissector, TestFrames.Tcp("10.0.0.1", 53, "10.0.0.5", 40000), stream);
        Assert.Equal("hmi-01.plant.example", Assert.Single(sink.Identities).Value);
        Assert.Equal("7.0.0.10.in-addr.arpa\thmi-01.plant.example", TsharkOnBytes.Fields(tcp: true, 53, 40000, stream, "dns.resp.name", "dns.ptr.domain_name"));
    }

    [Fact]
    public void A_pointer_loop_ends_without_an_identity()
    {
        // Header, one answer whose owner name is a pointer to itself.
        var message = TestFrames.Hex("0001 8180 0000 0001 0000 0000 c00c 0001 0001 00000000 0004 0a000001");

        var sink = TestFrames.Dissect(_dissector, TestFrames.Udp("10.0.0.1", 53, "10.0.0.5", 40000), message);

        Assert.Single(sink.Pdus);
        Assert.Empty(sink.Identities);
    }

    /// <summary>A response to a PTR question with one PTR answer whose owner points back at the question (RFC 1035 §4.1).</summary>
    private static byte[] PtrResponse(string reverse, string target)
    {
        byte[] question = [.. Name(reverse), 0x00, 0x0c, 0x00, 0x01];
        var rdata = Name(target);
        byte[] answer = [0xc0, 0x0c, 0x00, 0x0c, 0x00, 0x01, 0, 0, 0x0e, 0x10, (byte)(rdata.Length >> 8), (byte)rdata.Length, .. rdata];
        return [.. TestFrames.Hex("1234 8180 0001 0001 0000 0000"), .. question, .. answer];
    }

    private static byte[] Name(string dotted) =>
        [.. dotted.Split('.').SelectMany(label => new[] { (byte)label.Length }.Concat(TestFrames.Ascii(label))), 0];
}
