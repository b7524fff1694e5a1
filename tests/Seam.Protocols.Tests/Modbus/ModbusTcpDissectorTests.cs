using Seam.Protocols.Dissection;
using Seam.Protocols.Modbus;

namespace Seam.Protocols.Tests.Modbus;

public sealed class ModbusTcpDissectorTests
{
    private readonly ModbusTcpDissector dissector = new();

    private RecordingSink Dissect(FrameInfo frame, string hex)
    {
        var sink = new RecordingSink();
        var bytes = Convert.FromHexString(hex);
        Assert.Equal(bytes.Length, dissector.PduLength(bytes));
        dissector.Dissect(frame, bytes, sink);
        return sink;
    }

    // Payloads copied from corpus captures with `tshark -T fields -e tcp.payload` (file and frame named).
    [Theory]
    [InlineData("000100000006040100010001", 1, "Read Coils", OperationKind.Read)] // modbus_example.pcap #4
    [InlineData("00090000000606050001ff00", 5, "Write Single Coil", OperationKind.Write)] // modbus_example.pcap #36
    [InlineData("000a0000000607060001abcd", 6, "Write Single Register", OperationKind.Write)] // modbus_example.pcap #40
    [InlineData("000e0000000f0710000100040800aa00bb00cc00dd", 16, "Write Multiple Registers", OperationKind.Write)] // #56
    [InlineData("0012000000080416000adead0000", 22, "Mask Write Register", OperationKind.Write)] // modbus_example.pcap #72
    [InlineData("00140000000d061700010001000200010200ff", 23, "Read/Write Multiple Registers", OperationKind.Write)] // #80
    [InlineData("000c00000006020800020000", 8, "Diagnostics", OperationKind.Diagnostic)] // modbus_example.pcap #48
    [InlineData("001700000005012b0e0100", 43, "Read Device Identification", OperationKind.Identify)] // modbus_example.pcap #92
    public void Requests_to_port_502_are_named_and_classified(string hex, int code, string name, OperationKind kind)
    {
        var sink = Dissect(TcpFrames.ToServer(502), hex);

        Assert.Equal([(1L, ProtocolId.ModbusTcp)], sink.Pdus);
        var operation = Assert.Single(sink.Operations);
        Assert.Equal((ProtocolId.ModbusTcp, (ushort)code, name, kind, true),
            (operation.Protocol, operation.Code, operation.Name, operation.Kind, operation.IsRequest));
    }

    [Fact]
    public void Diagnostics_force_listen_only_is_a_control_operation()
    {
        var sink = Dissect(TcpFrames.ToServer(502), "000100000006010800040000");

        Assert.Equal(OperationKind.Control, Assert.Single(sink.Operations).Kind);
    }

    [Fact]
    public void A_response_from_port_502_is_not_a_request()
    {
        // modbus_example.pcap #6: Read Coils response.
        var sink = Dissect(TcpFrames.FromServer(502), "00010000000404010101");

        Assert.False(Assert.Single(sink.Operations).IsRequest);
    }

    [Theory]
    [InlineData("000100000003008302", 2, "Illegal Data Address")] // modbus_example.pcap #100
    [InlineData("0000000000030a880b", 11, "Gateway Target Device Failed to Respond")] // MODBUS-TestDataPart1.pcap #9
    public void Exception_responses_are_errors_with_the_exception_code(string hex, int exception, string name)
    {
        var sink = Dissect(TcpFrames.FromServer(502), hex);

        var operation = Assert.Single(sink.Operations);
        Assert.Equal(((ushort)exception, name, OperationKind.Error, false),
            (operation.Code, operation.Name, operation.Kind, operation.IsRequest));
    }

    [Fact]
    public void Read_device_identification_response_names_the_responding_device()
    {
        // modbus_example.pcap #94; tshark shows VendorName "Zeek Modbus Test", ProductCode "Protocol Parsing is
        // fun!", MajorMinorRevision "1.2.3.6".
        var sink = Dissect(TcpFrames.FromServer(502),
            "00170000003d012b0e018300000300105a65656b204d6f646275732054657374011850726f746f636f6c2050617273696e672069732066756e210207312e322e332e36");

        Assert.All(sink.Identities, i => Assert.Equal(TcpFrames.Server, i.Device));
        Assert.Equal(["Zeek Modbus Test"], sink.Values(IdentityField.Vendor));
        Assert.Equal(["Protocol Parsing is fun!"], sink.Values(IdentityField.ProductCode));
        Assert.Equal(["1.2.3.6"], sink.Values(IdentityField.FirmwareVersion));
    }

    [Fact]
    public void Product_and_model_names_come_from_objects_4_and_5()
    {
        var sink = Dissect(TcpFrames.FromServer(502), Mbap(
            "2b0e0283000002" + "0403504d37" + "05054d6f64656c"));

        Assert.Equal(["PM7"], sink.Values(IdentityField.Product));
        Assert.Equal(["Model"], sink.Values(IdentityField.Model));
    }

    [Fact]
    public void An_object_whose_length_runs_past_the_pdu_ends_the_list_without_a_value()
    {
        var sink = Dissect(TcpFrames.FromServer(502), Mbap("2b0e0183000002" + "0003414243" + "01ff41"));

        Assert.Equal(["ABC"], sink.Values(IdentityField.Vendor));
        Assert.Empty(sink.Values(IdentityField.ProductCode));
    }

    [Theory]
    // modicon_test.pcap #76, #78, #186: the client asks for 0x34 blocks and the PLC sends the application back.
    [InlineData("002300000008005a01330001fb00", 0x5A33, OperationKind.ProgramUpload)]
    [InlineData("002400000008005a013400010100", 0x5A34, OperationKind.ProgramUpload)]
    [InlineData("005900000008005a013500013500", 0x5A35, OperationKind.ProgramUpload)]
    [InlineData("000a0000000d005a0020001300000000006400", 0x5A20, OperationKind.Other)] // #25, read memory block
    [InlineData("002400000008005a013100010100", 0x5A31, OperationKind.ProgramDownload)]
    [InlineData("002400000004005a0141", 0x5A41, OperationKind.Control)]
    public void Umas_program_transfers_and_start_stop_are_recognised(string hex, int code, OperationKind kind)
    {
        var sink = Dissect(TcpFrames.ToServer(502), hex);

        var operation = Assert.Single(sink.Operations);
        Assert.Equal(((ushort)code, kind), (operation.Code, operation.Kind));
    }

    [Theory]
    [InlineData("00010001000601030000", -1)] // protocol id 1
    [InlineData("0001000000ff01", 261)] // length 255 is over the specification's 254, but tshark frames it too
    [InlineData("000100000001ff", -1)] // length 1 leaves no function code
    [InlineData("00010000", 0)]
    [InlineData("", 0)]
    public void Pdu_length_rejects_what_is_not_modbus_and_waits_for_a_header(string hex, int expected)
    {
        Assert.Equal(expected, dissector.PduLength(Convert.FromHexString(hex)));
    }

    [Fact]
    public void A_length_over_254_is_read_and_reported_as_malformed()
    {
        // modicon_test.pcap #19 (cut to its first bytes): UMAS with MBAP length 255; tshark shows it as Modbus.
        var sink = new RecordingSink();
        dissector.Dissect(TcpFrames.ToServer(502), Convert.FromHexString("0007000000ff005a000a00000102030405"), sink);

        Assert.Equal([(1L, ProtocolId.ModbusTcp)], sink.Pdus);
        Assert.Equal(0x5A0A, Assert.Single(sink.Operations).Code);
        Assert.Equal(DiscoveryEventKind.Malformed, Assert.Single(sink.Events).Kind);
    }

    [Fact]
    public void A_wrong_protocol_id_is_not_counted()
    {
        var sink = new RecordingSink();
        dissector.Dissect(TcpFrames.ToServer(502), Convert.FromHexString("000100010006010300000001"), sink);

        Assert.Empty(sink.Pdus);
    }

    private static string Mbap(string pduHex) =>
        $"0001000000{(pduHex.Length / 2) + 1:x2}01{pduHex}";
}
