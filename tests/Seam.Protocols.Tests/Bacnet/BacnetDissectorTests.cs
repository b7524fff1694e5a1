using Seam.Protocols.Bacnet;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Tests.Bacnet;

/// <summary>
/// UDP payloads copied with tshark out of corpus/pcaps/bacnet (file and frame named on each), expectations
/// as tshark -V shows them. The ReadPropertyMultiple acknowledgement is built from the standard and was
/// checked by writing it into a pcap: tshark reads device 111, vendor-name 'ACME', model-name 'PX-100',
/// object-name 'AHU-1'.
/// </summary>
public sealed class BacnetDissectorTests
{
    // bacnet-ip.cap frame 1: I-Am device 111, vendor 42, broadcast to DNET 0xFFFF.
    internal const string IAm = "810b00170120ffff00ff1000c40200006f21329103212a";

    // bacnet-ip.cap frame 16: ComplexACK readProperty device 111 vendor-name 'Lithonia Lighting'.
    internal const string VendorNameAck = "810a002b0120000d013dff30cf0c0c0200006f19793e7512004c6974686f6e6961204c69676874696e673f";

    // bacnet_test.pcap frame 8: ComplexACK readProperty vendor-name in UCS-2, 'JCI'.
    internal const string Ucs2VendorNameAck = "810a001b010030010c0c023fffff19793e750704004a004300493f";

    // bacnet_services.pcap frames 3, 265: WriteProperty and DeviceCommunicationControl requests from a remote network.
    internal const string WriteProperty = "810a001f01240003016cff0203020f0c0040006519553e44424800003f490a";
    internal const string CommunicationControl = "810a001301240003016cff0203841119012900";

    internal const string ReadPropertyMultipleAck =
        "810a0034010030050e0c0200006f1e29794e75050041434d454f29464e75070050582d3130304f294d4e7506004148552d314f1f";

    // The Who-Is of REFERENCE §11.6: global broadcast, hop count 255.
    internal const string WhoIs = "810b000c0120ffff00ff1008";

    private static readonly FrameInfo Frame = new()
    {
        Number = 7,
        Transport = Transport.Udp,
        SourceIp = IpAddr.Parse("192.168.0.13"),
        DestinationIp = IpAddr.Parse("192.168.0.5"),
        SourcePort = 47808,
        DestinationPort = 47808,
    };

    [Fact]
    public void I_am_gives_device_instance_vendor_id_and_vendor_name_of_the_sender()
    {
        var sink = Dissect(IAm);

        Assert.Equal([(7L, ProtocolId.BacnetIp), (7L, ProtocolId.Bacnet)], sink.Pdus);
        Assert.Equal(((ushort)0, "i-Am", OperationKind.Identify), Op(sink));
        Assert.Equal(["111"], sink.Values(IdentityField.DeviceAddress));
        Assert.Equal(["42"], sink.Values(IdentityField.VendorId));
        Assert.Equal(["Acuity Brands Lighting, Inc."], sink.Values(IdentityField.Vendor));
        Assert.All(sink.Identities, i => Assert.Equal(Frame.SourceIp, i.Device.Ip));
    }

    [Fact]
    public void Who_is_is_an_identify_request()
    {
        var sink = Dissect(WhoIs);

        Assert.Equal(((ushort)8, "who-Is", OperationKind.Identify), Op(sink));
        Assert.True(sink.Operations[0].IsRequest);
        Assert.Empty(sink.Identities);
    }

    [Theory]
    [InlineData(VendorNameAck, "Lithonia Lighting")]
    [InlineData(Ucs2VendorNameAck, "JCI")]
    public void Read_property_ack_of_vendor_name_names_the_vendor(string hex, string vendor)
    {
        var sink = Dissect(hex);

        Assert.Equal(((ushort)12, "readProperty", OperationKind.Read), Op(sink));
        Assert.False(sink.Operations[0].IsRequest);
        Assert.Equal([vendor], sink.Values(IdentityField.Vendor));
    }

    [Fact]
    public void Read_property_multiple_ack_gives_every_device_property_it_carries()
    {
        var sink = Dissect(ReadPropertyMultipleAck);

        Assert.Equal(["ACME"], sink.Values(IdentityField.Vendor));
        Assert.Equal(["PX-100"], sink.Values(IdentityField.Model));
        Assert.Equal(["AHU-1"], sink.Values(IdentityField.HostName));
    }

    [Theory]
    [InlineData(WriteProperty, 15, "writeProperty", OperationKind.Write)]
    [InlineData(CommunicationControl, 17, "deviceCommunicationControl", OperationKind.Control)]
    public void Confirmed_requests_are_named_and_classified(string hex, int code, string name, OperationKind kind)
    {
        var sink = Dissect(hex);

        Assert.Equal(((ushort)code, name, kind), Op(sink));
        Assert.True(sink.Operations[0].IsRequest);
    }

    [Fact]
    public void Bacnet_on_ethernet_starts_at_the_npdu()
    {
        // bacnet-ip.cap frame 2: the same I-Am sent over 802.2 LLC (DSAP 0x82), from MAC address only.
        var frame = new FrameInfo { Number = 2, Transport = Transport.Ethernet, EtherType = 0x82, SourceMac = new MacAddress(0x0000_0000_0001) };
        var sink = new RecordingSink();

        new BacnetEthernetDissector().Dissect(frame, Convert.FromHexString(IAm[8..]), sink);

        Assert.Equal([(2L, ProtocolId.Bacnet)], sink.Pdus);
        Assert.Equal(["111"], sink.Values(IdentityField.DeviceAddress));
        Assert.Equal(frame.SourceMac, sink.Identities[0].Device.Mac);
    }

    [Theory]
    [InlineData("810a0040010030")]
    [InlineData("820a000601")]
    [InlineData("81ff0004")]
    public void Wrong_type_function_or_length_is_not_counted(string hex) =>
        Assert.Empty(Dissect(hex).Pdus);

    [Fact]
    public void Bvlc_without_npdu_counts_only_bvlc()
    {
        // Register-Foreign-Device with a time-to-live of 60 s.
        var sink = Dissect("81050006003c");

        Assert.Equal([(7L, ProtocolId.BacnetIp)], sink.Pdus);
        Assert.Equal(((ushort)5, "Register-Foreign-Device", OperationKind.Write), (sink.Operations[0].Code, sink.Operations[0].Name, sink.Operations[0].Kind));
    }

    private static RecordingSink Dissect(string hex)
    {
        var sink = new RecordingSink();
        new BacnetIpDissector().Dissect(Frame, Convert.FromHexString(hex), sink);
        return sink;
    }

    private static (ushort, string, OperationKind) Op(RecordingSink sink)
    {
        var operation = Assert.Single(sink.Operations);
        return (operation.Code, operation.Name, operation.Kind);
    }
}
