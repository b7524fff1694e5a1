using Seam.Protocols.Dissection;
using Seam.Protocols.Lldp;

namespace Seam.Protocols.Tests.Lldp;

/// <summary>
/// LLDPDUs copied with tshark out of corpus/pcaps/iec104/104ikiIP.pcap (frame 17, a PC running PROFINET's LLDP)
/// and corpus/pcaps/profinet/profinet_io_cm_mixed_1.pcap (frame 38, a VersaMax IO device).
/// </summary>
public sealed class LldpDissectorTests
{
    internal const string Desktop17 =
        "0210076465736b746f702d6d3563376c3134040907706f72742d303031060200140a0f4445534b544f502d4d3543374c31340c314153555354654b20434f4d505554455220494e432e20473735304a48412c312e302c44394e3043593238303436333338390e040080008010140501000000000200000001082b0601040181c06efe08000ecf0200000000fe0a000ecf05d850e605a31efe0900120f0103ec03001e0000";

    internal const string IoDevice38 =
        "020f0776657273616d61782d706e733131040907706f72742d30303106020014100c0501c0a80102020000000100fe08000ecf0200000000fe0a000ecf0500099143e067fe0900120f01036c0000100000";

    private static readonly FrameInfo Frame = new()
    {
        Number = 17,
        Transport = Transport.Ethernet,
        EtherType = 0x88CC,
        SourceMac = MacAddress.Read([0xd8, 0x50, 0xe6, 0x05, 0xa3, 0x1e]),
    };

    [Fact]
    public void Lldpdu_gives_the_senders_name_description_and_port()
    {
        var sink = Dissect(Desktop17);

        Assert.Equal([(17L, ProtocolId.Lldp)], sink.Pdus);
        Assert.Equal(["DESKTOP-M5C7L14"], sink.Values(IdentityField.HostName));
        Assert.Equal(["ASUSTeK COMPUTER INC. G750JHA,1.0,D9N0CY280463389"], sink.Values(IdentityField.Software));
        Assert.Equal(["port-001"], sink.Values(IdentityField.SwitchPort));
        Assert.Empty(sink.Values(IdentityField.IpAddress));
        Assert.All(sink.Identities, i => Assert.Equal(Frame.SourceMac, i.Device.Mac));
    }

    [Fact]
    public void Management_address_and_chassis_name_stand_in_when_there_is_no_system_name()
    {
        var sink = Dissect(IoDevice38);

        Assert.Equal(["192.168.1.2"], sink.Values(IdentityField.IpAddress));
        Assert.Equal(["versamax-pns11"], sink.Values(IdentityField.HostName));
        Assert.Equal(["port-001"], sink.Values(IdentityField.SwitchPort));
    }

    [Fact]
    public void A_tlv_longer_than_the_frame_is_malformed_and_ends_the_walk()
    {
        var sink = Dissect("0210076465736b746f702d6d3563376c31340a7f4445");

        Assert.Single(sink.Pdus);
        Assert.Equal(DiscoveryEventKind.Malformed, Assert.Single(sink.Events).Kind);
        Assert.Equal(["desktop-m5c7l14"], sink.Values(IdentityField.HostName));
    }

    [Fact]
    public void A_frame_not_starting_with_a_chassis_id_is_not_lldp() =>
        Assert.Empty(Dissect("040907706f72742d303031").Pdus);

    private static RecordingSink Dissect(string hex)
    {
        var sink = new RecordingSink();
        new LldpDissector().Dissect(Frame, Convert.FromHexString(hex), sink);
        return sink;
    }
}
