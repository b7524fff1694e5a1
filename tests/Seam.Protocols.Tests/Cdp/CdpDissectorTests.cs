using Seam.Protocols.Cdp;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Tests.Cdp;

/// <summary>
/// The corpus has no CDP, so this CDPv2 frame is built from Cisco's TLV layout and was checked by writing it
/// into a pcap (802.3, LLC/SNAP OUI 00-00-0C, protocol 0x2000): tshark reads checksum correct, Device ID
/// sw-core-1, IP address 10.1.2.3, interface GigabitEthernet0/1, platform cisco WS-C2960-24TT-L.
/// </summary>
public sealed class CdpDissectorTests
{
    internal const string Announcement =
        "02b4ea2d0001000d73772d636f72652d3100020011000000010101cc00040a010203000300164769676162697445746865726e6574302f310005004d436973636f20494f5320536f6674776172652c20433239363020536f667477617265202843323936302d4c414e424153454b392d4d292c2056657273696f6e2031352e30283229534500060019636973636f2057532d43323936302d323454542d4c";

    private static readonly FrameInfo Frame = new()
    {
        Number = 3,
        Transport = Transport.Ethernet,
        EtherType = 0x2000,
        SourceMac = MacAddress.Read([0x00, 0x00, 0x0c, 0x11, 0x22, 0x33]),
    };

    [Fact]
    public void Cdp_announcement_describes_the_sending_switch()
    {
        var sink = Dissect(Announcement);

        Assert.Equal([(3L, ProtocolId.Cdp)], sink.Pdus);
        Assert.Equal(["sw-core-1"], sink.Values(IdentityField.HostName));
        Assert.Equal(["10.1.2.3"], sink.Values(IdentityField.IpAddress));
        Assert.Equal(["GigabitEthernet0/1"], sink.Values(IdentityField.SwitchPort));
        Assert.Equal(["cisco WS-C2960-24TT-L"], sink.Values(IdentityField.Model));
        Assert.Equal(["Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 15.0(2)SE"], sink.Values(IdentityField.Software));
        Assert.All(sink.Identities, i => Assert.Equal(Frame.SourceMac, i.Device.Mac));
    }

    [Theory]
    [InlineData("03b4ea2d0001000d")]
    [InlineData("02b4")]
    public void Unknown_version_or_short_header_is_not_cdp(string hex) => Assert.Empty(Dissect(hex).Pdus);

    [Fact]
    public void A_tlv_shorter_than_its_header_is_malformed()
    {
        var sink = Dissect("02b4ea2d00010002");

        Assert.Equal(DiscoveryEventKind.Malformed, Assert.Single(sink.Events).Kind);
    }

    private static RecordingSink Dissect(string hex)
    {
        var sink = new RecordingSink();
        new CdpDissector().Dissect(Frame, Convert.FromHexString(hex), sink);
        return sink;
    }
}
