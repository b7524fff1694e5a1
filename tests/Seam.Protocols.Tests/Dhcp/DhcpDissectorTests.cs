using Seam.Protocols.Dhcp;
using Seam.Protocols.Dissection;
using Seam.Protocols.Tests.ItProtocols;

namespace Seam.Protocols.Tests.Dhcp;

public sealed class DhcpDissectorTests
{
    /// <summary>corpus profinet/profinet_io_cm_mixed_1.pcap frame 1237 (tshark -e udp.payload): a Windows DHCP Discover.</summary>
    private const string CorpusWindowsDiscover =
        "0101060012c1249f0000800000000000000000000000000000000000e4115b5ad9730000000000000000000000000000000000000000000000000000" +
        "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" +
        "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" +
        "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000063825363" +
        "3501013d0701e4115b5ad9730c0e4c542d55532d445357414e534f4e3c084d53465420352e30370c010f03062c2e2f1f2179f92bff00000000000000";

    /// <summary>corpus profinet/profinet_io_cm_mixed_1.pcap frame 118: a Siemens switch's Discover.</summary>
    private const string CorpusSwitchDiscover =
        "010106003cfef3b60000000000000000000000000000000000000000000e8cef75c50000000000000000000000000000000000000000000000000000" +
        "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" +
        "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" +
        "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000063825363" +
        "3501013902024e3703011c030c137369656d656e732d783230382d7377697463683d0700000e8cef75c5ff";

    private readonly DhcpDissector _dissector = new();

    [Fact]
    public void A_windows_discover_names_the_client_mac_and_its_vendor_class()
    {
        var sink = TestFrames.Dissect(_dissector, TestFrames.Udp("0.0.0.0", 68, "255.255.255.255", 67), TestFrames.Hex(CorpusWindowsDiscover));

        var mac = DeviceRef.ForMac(MacAddress.Read(TestFrames.Hex("e4115b5ad973")));
        Assert.Equal(("Discover", true), (Assert.Single(sink.Operations).Name, sink.Operations[0].IsRequest));
        Assert.Contains((1L, ProtocolId.Dhcp, mac, IdentityField.HostName, "LT-US-DSWANSON"), sink.Identities);
        Assert.Contains((1L, ProtocolId.Dhcp, mac, IdentityField.Software, "MSFT 5.0"), sink.Identities);
    }

    [Fact]
    public void A_switch_discover_names_the_switch()
    {
        var sink = TestFrames.Dissect(_dissector, TestFrames.Udp("0.0.0.0", 68, "255.255.255.255", 67), TestFrames.Hex(CorpusSwitchDiscover));

        Assert.Equal(["siemens-x208-switch"], sink.Values(IdentityField.HostName));
        Assert.Equal("00:0e:8c:ef:75:c5", sink.Identities[0].Device.Mac.ToString());
    }

    [Fact]
    public void An_ack_gives_the_client_its_address_and_a_request_its_fqdn_and_tshark_agrees()
    {
        var ack = Message(op: 2, yiaddr: [10, 20, 0, 15], options: [53, 1, 5, 255]);
        var request = Message(op: 1, yiaddr: [0, 0, 0, 0],
            options: [53, 1, 3, 50, 4, 10, 20, 0, 15, 81, 15, 0x05, 0, 0, 4, (byte)'p', (byte)'l', (byte)'c', (byte)'7', 4, (byte)'s', (byte)'i', (byte)'t', (byte)'e', 0, 255]);

        var ackSink = TestFrames.Dissect(_dissector, TestFrames.Udp("10.20.0.1", 67, "10.20.0.15", 68), ack);
        var requestSink = TestFrames.Dissect(_dissector, TestFrames.Udp("0.0.0.0", 68, "255.255.255.255", 67), request);

        Assert.Equal(["10.20.0.15"], ackSink.Values(IdentityField.IpAddress));
        Assert.Equal(["10.20.0.15"], requestSink.Values(IdentityField.IpAddress));
        Assert.Equal(["plc7.site"], requestSink.Values(IdentityField.HostName));
        Assert.Equal("3\t10.20.0.15\tplc7.site", TsharkOnBytes.Fields(tcp: false, 68, 67, request, "dhcp.option.dhcp", "dhcp.option.requested_ip_address", "dhcp.fqdn.name"));
        Assert.Equal("5\t10.20.0.15", TsharkOnBytes.Fields(tcp: false, 67, 68, ack, "dhcp.option.dhcp", "dhcp.ip.your"));
    }

    [Fact]
    public void An_option_running_past_the_end_is_ignored()
    {
        var message = Message(op: 1, yiaddr: [0, 0, 0, 0], options: [53, 1, 1, 12, 200, (byte)'x']);

        var sink = TestFrames.Dissect(_dissector, TestFrames.Udp("0.0.0.0", 68, "255.255.255.255", 67), message);

        Assert.Single(sink.Pdus);
        Assert.Empty(sink.Identities);
    }

    /// <summary>RFC 2131 §2 layout: op, htype 1, hlen 6, hops, xid, secs, flags, four addresses, chaddr, sname, file, cookie, options.</summary>
    private static byte[] Message(byte op, byte[] yiaddr, byte[] options)
    {
        var message = new byte[240];
        message[0] = op;
        message[1] = 1;
        message[2] = 6;
        TestFrames.Hex("3903f326").CopyTo(message, 4);
        yiaddr.CopyTo(message, 16);
        TestFrames.Hex("001b1b0a0b0c").CopyTo(message, 28);
        TestFrames.Hex("63825363").CopyTo(message, 236);
        return [.. message, .. options];
    }
}
