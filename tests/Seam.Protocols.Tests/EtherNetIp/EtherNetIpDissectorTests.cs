using Seam.Protocols.Dissection;
using Seam.Protocols.EtherNetIp;
using Seam.Protocols.Tests.Modbus;

namespace Seam.Protocols.Tests.EtherNetIp;

public sealed class EtherNetIpDissectorTests
{
    // enip_cip_example.pcap #372; tshark -V shows Vendor ID Rockwell Automation/Allen-Bradley (0x0001), Device
    // Type Communications Adapter (12), Product Code 58, Revision 4.03, Serial Number 0x00524d8e, Product Name
    // 1756-ENBT/A and sin_addr 10.1.1.164.
    private const string ListIdentityReplyHex =
        "63003300000000000000000000000000c1debed10000000001000c002d0001000002af120a0101a4000000000000000001000c003a00040330008e4d52000b313735362d454e42542f4103";

    private readonly EtherNetIpDissector dissector = new();

    private RecordingSink Dissect(FrameInfo frame, string hex)
    {
        var sink = new RecordingSink();
        var bytes = Convert.FromHexString(hex);
        Assert.Equal(bytes.Length, dissector.PduLength(bytes));
        dissector.Dissect(frame, bytes, sink);
        return sink;
    }

    [Fact]
    public void List_identity_reply_reports_what_tshark_shows_for_the_replying_device()
    {
        var sink = Dissect(TcpFrames.FromServer(44818), ListIdentityReplyHex);

        Assert.All(sink.Identities, i => Assert.Equal(TcpFrames.Server, i.Device));
        Assert.Equal(["1"], sink.Values(IdentityField.VendorId));
        Assert.Equal(["Rockwell Automation/Allen-Bradley"], sink.Values(IdentityField.Vendor));
        Assert.Equal(["Communications Adapter"], sink.Values(IdentityField.DeviceType));
        Assert.Equal(["58"], sink.Values(IdentityField.ProductCode));
        Assert.Equal(["4.03"], sink.Values(IdentityField.FirmwareVersion));
        Assert.Equal(["0x00524d8e"], sink.Values(IdentityField.SerialNumber));
        Assert.Equal(["1756-ENBT/A"], sink.Values(IdentityField.Product));
        Assert.Equal(["10.1.1.164"], sink.Values(IdentityField.IpAddress));
        Assert.Equal([(1L, ProtocolId.EtherNetIp)], sink.Pdus);
        var operation = Assert.Single(sink.Operations);
        Assert.Equal((EncapsulationCommand.ListIdentity, OperationKind.Identify, false), (operation.Code, operation.Kind, operation.IsRequest));
    }

    [Fact]
    public void List_identity_request_over_udp_broadcast_is_a_request_even_between_two_44818_ports()
    {
        // enip_cip_example.pcap #371 (header only, length 0).
        var frame = TcpFrames.ToServer(44818, transport: Transport.Udp) with { SourcePort = 44818 };
        var sink = Dissect(frame, "63000000000000000000000000000000c1debed100000000");

        Assert.Empty(sink.Identities);
        Assert.True(Assert.Single(sink.Operations).IsRequest);
    }

    [Fact]
    public void A_list_identity_reply_cut_short_is_reported_as_malformed_without_identities()
    {
        var truncated = ListIdentityReplyHex[..^40];
        var bytes = Convert.FromHexString(truncated);
        var sink = new RecordingSink();
        dissector.Dissect(TcpFrames.FromServer(44818), bytes, sink);

        Assert.Empty(sink.Identities);
        Assert.Contains(sink.Events, e => e.Kind == DiscoveryEventKind.Malformed);
    }

    [Theory]
    // specialCIP.pcap #2: Read Tag "_IO_EM_DO_00" in SendUnitData (connected data item).
    [InlineData("7000280082824e23000000000000000000000000000000000000000000000200a1000400a6c9834cb10014003c764c07910c5f494f5f454d5f444f5f30300100",
        0x4C, "Read Tag", OperationKind.Read)]
    // EIP-ChangeTimeAttempt.pcap #386: Set Attribute List on class 0x8B (time synchronisation).
    [InlineData("7000280000010211000000000000000000000000000000000000000001000200a1000400010b7c00b1001400b2040402208b240101000600c0325cfff3590400",
        0x04, "Set Attribute List", OperationKind.Write)]
    // ControlLogix_Logix5000_download_upload_run.pcap #142: Forward Open in SendRRData (unconnected data item).
    [InlineData("6f0040000001021200000000050000000000000000000000000000000000020000000000b2003000540220062401069b000000004905008049054d004561fa110200000080841e00f84380841e00f843a303010020022401",
        0x54, "Forward Open", OperationKind.Session)]
    // ControlLogix_Logix5000_download_upload_run.pcap #140: Forward Close to the Connection Manager.
    [InlineData("6f0028000001021200000000040000000000000000000000000000000000020000000000b20018004e0220062401069b4a054d004561fa110300010020022401",
        0x4E, "Forward Close", OperationKind.Session)]
    public void Cip_requests_are_reported_with_their_service(string hex, int service, string name, OperationKind kind)
    {
        var sink = Dissect(TcpFrames.ToServer(44818), hex);

        Assert.Equal([(1L, ProtocolId.EtherNetIp), (1L, ProtocolId.Cip)], sink.Pdus);
        var operation = Assert.Single(sink.Operations);
        Assert.Equal((ProtocolId.Cip, (ushort)service, name, kind, true),
            (operation.Protocol, operation.Code, operation.Name, operation.Kind, operation.IsRequest));
    }

    [Fact]
    public void Unconnected_send_is_unwrapped_to_the_request_it_carries()
    {
        // ControlLogix_Logix5000_download_upload_run.pcap #221: Unconnected Send carrying Identity Get Attributes All.
        var sink = Dissect(TcpFrames.ToServer(44818),
            "6f00240000020213000000000b0000004051d20000000000000000002000020000000000b200140052022006240107f9060001022001240101000100");

        Assert.Equal([("Unconnected Send", OperationKind.Other), ("Get Attributes All", OperationKind.Read)],
            sink.Operations.Select(o => (o.Name, o.Kind)));
    }

    [Fact]
    public void Multiple_service_packet_reports_each_embedded_request()
    {
        // ControlLogix_Logix5000_download_upload_run.pcap #296: five Get Attribute List requests in one packet.
        var sink = Dissect(TcpFrames.ToServer(44818),
            "70005e0000020213000000000000000000000000000000000000000001000200a1000400010f5101b1004a0009000a022002240105000c00160022002c0036000302208e2401010008000302206424010200010002000302200124010100050003022069240001000b00030220692401020004000a00");

        Assert.Equal(["Multiple Service Packet", .. Enumerable.Repeat("Get Attribute List", 5)], sink.Operations.Select(o => o.Name));
    }

    [Fact]
    public void A_cip_reply_with_a_failed_status_is_an_error()
    {
        // EIP-SoftwareUpload.pcap #34 is a successful Forward Close reply; the same reply with general status 0x01.
        var ok = Dissect(TcpFrames.FromServer(44818),
            "6f001e00000102110000000049a902002008e10000000000000000002000020000000000b2000e00ce00000019004d00f32b95320000");
        var failed = Dissect(TcpFrames.FromServer(44818),
            "6f001e00000102110000000049a902002008e10000000000000000002000020000000000b2000e00ce00010019004d00f32b95320000");

        Assert.Equal((OperationKind.Other, false), (Assert.Single(ok.Operations).Kind, ok.Operations[0].IsRequest));
        Assert.Equal(OperationKind.Error, Assert.Single(failed.Operations).Kind);
    }

    [Theory]
    [InlineData("4d", "Write Tag", OperationKind.Write)]
    [InlineData("4e", "Read Modify Write Tag", OperationKind.Write)]
    [InlineData("53", "Write Tag Fragmented", OperationKind.Write)]
    public void Logix_tag_writes_to_a_symbolic_path_are_writes(string service, string name, OperationKind kind)
    {
        // Service, path of 3 words: symbolic segment "Pump" (0x91, length 4), then data type and count.
        var message = $"{service}03" + "910450756d70" + "c4000100" + "01000000";
        var sink = Dissect(TcpFrames.ToServer(44818), SendRRData(message));

        var operation = Assert.Single(sink.Operations);
        Assert.Equal((name, kind), (operation.Name, operation.Kind));
    }

    [Theory]
    [InlineData("05", "Reset", OperationKind.Control)]
    [InlineData("07", "Stop", OperationKind.Control)]
    [InlineData("10", "Set Attribute Single", OperationKind.Write)]
    [InlineData("0e", "Get Attribute Single", OperationKind.Read)]
    public void Common_services_keep_their_meaning_on_any_object(string service, string name, OperationKind kind)
    {
        var sink = Dissect(TcpFrames.ToServer(44818), SendRRData($"{service}02" + "20012401"));

        var operation = Assert.Single(sink.Operations);
        Assert.Equal((name, kind), (operation.Name, operation.Kind));
    }

    [Theory]
    [InlineData("6f00", 0)]
    [InlineData("650004000000000000000000000000000000000001000000", -1)] // options field not zero
    [InlineData("650004000000000000000000000000000000000000000000", 28)]
    public void Pdu_length_reads_the_header_and_rejects_nonzero_options(string hex, int expected)
    {
        Assert.Equal(expected, dissector.PduLength(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Register_session_is_a_session_operation_without_cip()
    {
        var sink = Dissect(TcpFrames.ToServer(44818), "650004000000000000000000000000000000000000000000" + "01000000");

        Assert.Equal([(1L, ProtocolId.EtherNetIp)], sink.Pdus);
        Assert.Equal(OperationKind.Session, Assert.Single(sink.Operations).Kind);
    }

    /// <summary>A SendRRData carrying <paramref name="cipHex"/> in an unconnected data item.</summary>
    private static string SendRRData(string cipHex)
    {
        var cipLength = cipHex.Length / 2;
        var body = "00000000" + "0000" + "0200" + "00000000" + $"b200{cipLength & 0xFF:x2}{cipLength >> 8:x2}" + cipHex;
        var length = body.Length / 2;
        return $"6f00{length & 0xFF:x2}{length >> 8:x2}" + "00000000" + "00000000" + "0000000000000000" + "00000000" + body;
    }
}
