using Seam.Protocols.Dissection;
using Seam.Protocols.S7;
using Seam.Protocols.Tests.Modbus;

namespace Seam.Protocols.Tests.S7;

public sealed class S7DissectorTests
{
    private readonly S7Dissector dissector = new();

    private RecordingSink Dissect(FrameInfo frame, string hex)
    {
        var sink = new RecordingSink();
        var bytes = Convert.FromHexString(hex);
        Assert.Equal(bytes.Length, dissector.PduLength(bytes));
        dissector.Dissect(frame, bytes, sink);
        return sink;
    }

    [Fact]
    public void Cotp_connection_request_is_a_session_operation_but_not_an_s7comm_pdu()
    {
        // The connection request nmap's s7-info sends (REFERENCE.md §11.3).
        var sink = Dissect(TcpFrames.ToServer(102), "0300001611e00000001400c1020100c2020102c0010a");

        Assert.Empty(sink.Pdus);
        var operation = Assert.Single(sink.Operations);
        Assert.Equal(("COTP Connection Request", OperationKind.Session, true), (operation.Name, operation.Kind, operation.IsRequest));
    }

    [Theory]
    [InlineData("0300001902f08032010000020000080000f0000001000101e0", 0xF0, "Setup Communication", OperationKind.Session, true)] // s7comm_downloading_block_db1.pcap #7
    [InlineData("0300002b02f080320100000009001a00000402120a10020001001984000000120a10020001001884000000", 0x04, "Read Var", OperationKind.Read, true)] // Plant1_S7comm.pcap #2
    [InlineData("0300002402f080320100000000000e00050501120a100100010015840000000003000100", 0x05, "Write Var", OperationKind.Write, true)] // Plant1_S7comm.pcap #17
    [InlineData("0300001602f0803203000000000002000100000501ff", 0x05, "Write Var", OperationKind.Write, false)] // Plant1_S7comm.pcap #18
    [InlineData("0300003102f080320100000e00002000001a00010000000000095f30413030303031500d31303030353030303030343030", 0x1A, "Request Download", OperationKind.ProgramDownload, true)] // s7comm_downloading_block_db1.pcap #43
    [InlineData("0300002302f080320100000100001200001b00000000000000095f3041303030303150", 0x1B, "Download Block", OperationKind.ProgramDownload, true)] // #46
    [InlineData("0300002302f080320100000700001200001c00000000000000095f3041303030303150", 0x1C, "Download Ended", OperationKind.ProgramDownload, true)] // #55
    [InlineData("0300002302f080320100000600001200001d00000000000000095f3042303030303041", 0x1D, "Start Upload", OperationKind.ProgramUpload, true)] // s7ident.pcap #20
    [InlineData("0300001902f080320100000900000800001e00000000000007", 0x1E, "Upload", OperationKind.ProgramUpload, true)] // snap7.pcap #19
    [InlineData("0300001902f080320100000a00000800001f00000000000007", 0x1F, "End Upload", OperationKind.ProgramUpload, true)] // snap7.pcap #21
    [InlineData("0300002b02f080320100000f00001a000028000000000000fd000a01003041303030303150055f494e5345", 0x28, "PLC Control", OperationKind.Control, true)] // s7comm_downloading_block_db1.pcap #58
    [InlineData("0300002102f080320100001c000010000029000000000009505f50524f4752414d", 0x29, "PLC Stop", OperationKind.Control, true)] // snap7.pcap #57
    public void Job_and_ack_data_functions_are_named_and_classified(string hex, int code, string name, OperationKind kind, bool isRequest)
    {
        var sink = Dissect(TcpFrames.ToServer(102), hex);

        Assert.Equal([(1L, ProtocolId.S7Comm)], sink.Pdus);
        var operation = Assert.Single(sink.Operations);
        Assert.Equal((ProtocolId.S7Comm, (ushort)code, name, kind, isRequest),
            (operation.Protocol, operation.Code, operation.Name, operation.Kind, operation.IsRequest));
    }

    [Fact]
    public void Ack_data_with_an_error_class_is_an_error()
    {
        // Plant1_S7comm.pcap #18 with error class 0x81 instead of 0.
        var sink = Dissect(TcpFrames.FromServer(102), "0300001602f0803203000000000002000181040501ff");

        Assert.Equal(OperationKind.Error, Assert.Single(sink.Operations).Kind);
    }

    [Fact]
    public void Szl_0011_response_gives_the_order_number_and_firmware()
    {
        // s7ident.pcap #11 (a snap7 server). tshark shows MlfB "6ES7 315-2EH14-0AB0" for index 0x0001 and, for
        // index 0x0007, Ausbg 22019 (0x5603 = 'V' 3) and Ausbe 518 (0x0206 = 2.6): firmware V3.2.6.
        var sink = Dissect(TcpFrames.FromServer(102),
            "0300009902f080320700000100000c007c000112081284010000000000ff09007800110000001c0004000136455337203331352d32454831342d304142302000c000040001000636455337203331352d32454831342d304142302000c0000400010007202020202020202020202020202020202020202000c0560302060081426f6f74204c6f61646572202020202020202020000041200909");

        Assert.All(sink.Identities, i => Assert.Equal(TcpFrames.Server, i.Device));
        Assert.Equal(["6ES7 315-2EH14-0AB0"], sink.Values(IdentityField.Model));
        Assert.Equal(["V3.2.6"], sink.Values(IdentityField.FirmwareVersion));
        var operation = Assert.Single(sink.Operations);
        Assert.Equal(("Read SZL", OperationKind.Identify, false), (operation.Name, operation.Kind, operation.IsRequest));
    }

    [Fact]
    public void Szl_001c_response_gives_station_module_type_serial_and_vendor()
    {
        // s7ident.pcap #13: tshark shows Name of the PLC "SNAP7-SERVER", module type name "CPU 315-2 PN/DP", serial
        // "S C-C2UR28922012" and copyright "Original Siemens Equipment".
        var sink = Dissect(TcpFrames.FromServer(102),
            "0300017d02f080320700000200000c0160000112081284010000000000ff09015c001c00000022000a0001534e4150372d53455256455200000000000000000000000000000000000000000002435055203331352d3220504e2f445000000000000000000000000000000000000003000000000000000000000000000000000000000000000000000000000000000000044f726967696e616c205369656d656e732045717569706d656e7400000000000000055320432d433255523238393232303132000000000000000000000000000000000007435055203331352d3220504e2f4450000000000000000000000000000000000000084d4d4320323637464631314600000000000000000000000000000000000000000009002af60000010000000000000000000000000000000000000000000000000000000a0000000000000000000000000000000000000000000000000000000000000000000b0000000000000000000000000000000000000000000000000000000000000000");

        Assert.Equal(["SNAP7-SERVER"], sink.Values(IdentityField.StationName));
        Assert.Equal(["CPU 315-2 PN/DP"], sink.Values(IdentityField.Product));
        Assert.Equal(["S C-C2UR28922012"], sink.Values(IdentityField.SerialNumber));
        Assert.Equal(["Siemens"], sink.Values(IdentityField.Vendor));
    }

    [Fact]
    public void Szl_request_is_an_identify_request_without_identities()
    {
        // s7ident.pcap #10.
        var sink = Dissect(TcpFrames.ToServer(102), "0300002102f080320700000100000800080001120411440100ff09000400110000");

        Assert.Empty(sink.Identities);
        var operation = Assert.Single(sink.Operations);
        Assert.Equal(((ushort)0x7401, OperationKind.Identify, true), (operation.Code, operation.Kind, operation.IsRequest));
    }

    // tshark 4.0 has no S7comm-plus dissector (it is an out-of-tree plugin): for these frames it shows only
    // tpkt:cotp, so these values come from the byte layout in REFERENCE.md §11.3, not from a tshark comparison.
    [Theory]
    // V13_1200_TP1200sim_…_Timer_sync.pcapng #11: version 2, response (0x32), function 0x0542.
    [InlineData("0300001f02f080720200103200000542000000023400000000000072020000", 0x0542, "S7comm-plus Response", false)]
    // s7comm_plus.pcap #4: version 3 with a 32-byte digest, then a notification (0x33).
    [InlineData("0300006602f080720300572078fb7dbb6ff24dad4346304fb45a1779042f4cd127b4e690b2d25a82aad4e65b3370000e51040000000000ca8ec149019200000019000e417e2084920000001a000e4146c000920000001b000e4193e798000000000072030000",
        0x0E51, "S7comm-plus Notification", false)]
    public void S7comm_plus_is_counted_with_its_opcode(string hex, int function, string name, bool isRequest)
    {
        var sink = Dissect(TcpFrames.FromServer(102), hex);

        Assert.Equal([(1L, ProtocolId.S7CommPlus)], sink.Pdus);
        var operation = Assert.Single(sink.Operations);
        Assert.Equal(((ushort)function, name, isRequest), (operation.Code, operation.Name, operation.IsRequest));
    }

    [Fact]
    public void A_cotp_data_unit_without_end_of_tsdu_is_not_read()
    {
        var sink = Dissect(TcpFrames.ToServer(102), "0300001902f00032010000020000080000f0000001000101e0");

        Assert.Empty(sink.Pdus);
        Assert.Empty(sink.Operations);
    }

    [Fact]
    public void S7comm_lengths_past_the_pdu_are_malformed_but_counted()
    {
        var sink = Dissect(TcpFrames.ToServer(102), "0300001902f08032010000020000ff0000f0000001000101e0");

        Assert.Equal([(1L, ProtocolId.S7Comm)], sink.Pdus);
        Assert.Equal(DiscoveryEventKind.Malformed, Assert.Single(sink.Events).Kind);
    }

    [Theory]
    [InlineData("0400", -1)]
    [InlineData("0300", 0)]
    [InlineData("03000003", -1)]
    [InlineData("03000007", 7)]
    public void Pdu_length_follows_tpkt(string hex, int expected)
    {
        Assert.Equal(expected, dissector.PduLength(Convert.FromHexString(hex)));
    }
}
