using Seam.Protocols.Dissection;
using Seam.Protocols.Profinet;

namespace Seam.Protocols.Tests.Profinet;

/// <summary>
/// Payloads (after the EtherType, or the UDP payload) copied with tshark out of corpus/pcaps/profinet; the Set
/// request is built from the standard and checked in a pcap: tshark reads "Set Req, NameOfStation:"plc-new", IP
/// 10.0.0.9".
/// </summary>
public sealed class ProfinetDissectorTests
{
    // profinet_io_cm_mixed_1.pcap frame 466: Identify response from 00:09:91:43:e0:67.
    internal const string IdentifyResponse =
        "feff0501000000010000006402020010000076657273616d61782d706e7331310205000e00000102020102020203020406010201000d00004943323030504e5330303100020300060000015a000302040004000001000102000e0001c0a80102ffffff00c0a801020601000400000001";

    // PROFINET-RT.pcap frame 1: Identify request filtered on NameOfStation "switch3", then Ethernet padding.
    internal const string IdentifyRequest = "fefe05000300bf9a0001000c02020007737769746368330069656d656e732c2053494d41544900000000";

    internal const string SetNameAndIp = "fefd04000000004200000020020200090001706c632d6e6577000102000e00010a000009ffffff000a000001";

    // profinet_io_cm_connect_minimal.pcapng frame 1: Connect request to the device interface (DEA00001…) on 34964.
    internal const string CmConnectRequest =
        "0400200000000000dea000006c9711d1827100010003015adea000016c9711d1827100a02442df7d13142f9000001000a994d2106890ca5a0000000000000001000000000000ffffffff01c90000000000001000000001b50000100000000000000001b50101004f010000017c74224e166c4a58bf6b6c25a75870f0000100a0456dd343dea000006c9711d182710001003c00b00000001102588892";

    private static readonly MacAddress Responder = MacAddress.Read([0x00, 0x09, 0x91, 0x43, 0xe0, 0x67]);

    [Fact]
    public void Identify_response_describes_the_responding_station()
    {
        var sink = Dissect(new ProfinetDcpDissector(), IdentifyResponse);

        Assert.Equal([(1L, ProtocolId.ProfinetDcp)], sink.Pdus);
        Assert.Equal(("Identify", OperationKind.Identify, false), (sink.Operations[0].Name, sink.Operations[0].Kind, sink.Operations[0].IsRequest));
        Assert.Equal(["versamax-pns11"], sink.Values(IdentityField.StationName));
        Assert.Equal(["IC200PNS001"], sink.Values(IdentityField.Product));
        Assert.Equal(["0x015a"], sink.Values(IdentityField.VendorId));
        Assert.Equal(["0x0003"], sink.Values(IdentityField.ProductCode));
        Assert.Equal(["IO-Device"], sink.Values(IdentityField.DeviceType));
        Assert.Equal(["192.168.1.2"], sink.Values(IdentityField.IpAddress));
        Assert.All(sink.Identities, i => Assert.Equal(Responder, i.Device.Mac));
    }

    [Fact]
    public void Identify_request_names_what_it_looks_for_but_not_who_sent_it()
    {
        var sink = Dissect(new ProfinetDcpDissector(), IdentifyRequest);

        Assert.Equal(("Identify", OperationKind.Identify, true), (sink.Operations[0].Name, sink.Operations[0].Kind, sink.Operations[0].IsRequest));
        Assert.Empty(sink.Identities);
    }

    [Fact]
    public void Set_request_reports_a_write_per_thing_it_changes()
    {
        var sink = Dissect(new ProfinetDcpDissector(), SetNameAndIp);

        Assert.Equal(["Set NameOfStation", "Set IP parameter"], sink.Operations.Select(o => o.Name));
        Assert.All(sink.Operations, o => Assert.Equal((OperationKind.Write, true), (o.Kind, o.IsRequest)));
    }

    [Theory]
    [InlineData(IdentifyResponse)]
    [InlineData("8000aabbccdd")]
    [InlineData("fc01000000")]
    public void Every_rt_frame_counts_as_pn_rt_as_tshark_counts_it(string hex) =>
        Assert.Equal([(1L, ProtocolId.ProfinetRt)], Dissect(new ProfinetRtDissector(), hex).Pdus);

    [Fact]
    public void Cyclic_data_is_not_dcp()
    {
        Assert.Empty(Dissect(new ProfinetDcpDissector(), "8000aabbccddeeff00112233445566").Pdus);
    }

    [Fact]
    public void Cm_connect_request_is_a_session_operation()
    {
        var sink = Dissect(new ProfinetCmDissector(), CmConnectRequest);

        Assert.Equal([(1L, ProtocolId.ProfinetCm)], sink.Pdus);
        var operation = Assert.Single(sink.Operations);
        Assert.Equal(((ushort)0, "Connect", OperationKind.Session, true), (operation.Code, operation.Name, operation.Kind, operation.IsRequest));
    }

    [Fact]
    public void Dce_rpc_of_another_interface_is_not_profinet_cm()
    {
        // The same call with the endpoint mapper's interface id (E1AF8308-5D1F-11C9-91A4-08002B14A0FA).
        var bytes = Convert.FromHexString(CmConnectRequest);
        Convert.FromHexString("0883afe11f5dc91191a408002b14a0fa").CopyTo(bytes, 24);
        var sink = new RecordingSink();

        new ProfinetCmDissector().Dissect(Frame, bytes, sink);

        Assert.Empty(sink.Pdus);
    }

    private static readonly FrameInfo Frame = new()
    {
        Number = 1,
        Transport = Transport.Ethernet,
        EtherType = 0x8892,
        SourceMac = Responder,
        DestinationMac = MacAddress.Read([0x00, 0xa0, 0x45, 0x6d, 0xd3, 0x43]),
    };

    private static RecordingSink Dissect(IDissector dissector, string hex)
    {
        var sink = new RecordingSink();
        dissector.Dissect(Frame, Convert.FromHexString(hex), sink);
        return sink;
    }
}
