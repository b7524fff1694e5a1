using Seam.Protocols.Dissection;
using Seam.Protocols.EtherNetIp;
using Seam.Protocols.Tests.Modbus;

namespace Seam.Protocols.Tests.EtherNetIp;

/// <summary>
/// CIP replies carry no path: they are paired with their request on the same connection (SendRRData by sender
/// context, SendUnitData by sequence count), so an Identity Get_Attributes_All reply yields the responder's
/// identity and an object-specific reply gets its request's name.
/// </summary>
public sealed class CipPairingTests
{
    // ControlLogix_Logix5000_download_upload_run.pcap #221 and #222: an Unconnected Send carrying Get_Attributes_All
    // to Identity instance 1, and its reply. tshark: vendor 0x0001, device type 0x000e, product code 56, revision
    // 15.4, status 0x3160, serial 0x0014cd8a, product name "1756-L63/A L6x_15_31".
    private const string UnconnectedRequest =
        "6f00240000020213000000000b0000004051d20000000000000000002000020000000000b200140052022006240107f9060001022001240101000100";

    private const string UnconnectedReply =
        "6f00370000020213000000000b0000004051d20000000000000000002000020000000000b20027008100000001000e0038000f0460318acd140014313735362d4c36332f41204c36785f31355f3331";

    private readonly EtherNetIpDissector dissector = new();

    [Fact]
    public void An_identity_reply_after_its_unconnected_request_reports_the_responders_identity()
    {
        var sink = new RecordingSink();
        Dissect(TcpFrames.ToServer(44818, 221), UnconnectedRequest, sink);
        Dissect(TcpFrames.FromServer(44818, 222), UnconnectedReply, sink);

        var server = DeviceRef.Source(TcpFrames.FromServer(44818));
        Assert.All(sink.Identities, i => Assert.Equal((222L, ProtocolId.EtherNetIp, server), (i.Frame, i.Protocol, i.Device)));
        Assert.Equal(
            [
                (IdentityField.VendorId, "1"), (IdentityField.Vendor, "Rockwell Automation/Allen-Bradley"),
                (IdentityField.DeviceType, "Programmable Logic Controller"), (IdentityField.ProductCode, "56"),
                (IdentityField.FirmwareVersion, "15.04"), (IdentityField.SerialNumber, "0x0014cd8a"),
                (IdentityField.Product, "1756-L63/A L6x_15_31"),
            ],
            sink.Identities.Select(i => (i.Field, i.Value)));
        Assert.Equal(("Get Attributes All", OperationKind.Read, false), (sink.Operations[^1].Name, sink.Operations[^1].Kind, sink.Operations[^1].IsRequest));
    }

    [Fact]
    public void A_reply_without_its_request_reports_no_identity()
    {
        var sink = new RecordingSink();
        Dissect(TcpFrames.FromServer(44818, 222), UnconnectedReply, sink);

        Assert.Empty(sink.Identities);
        Assert.Equal("Get Attributes All", Assert.Single(sink.Operations).Name);
    }

    [Fact]
    public void A_reply_with_another_sender_context_is_not_paired()
    {
        var sink = new RecordingSink();
        Dissect(TcpFrames.ToServer(44818), UnconnectedRequest, sink);
        // Sender context byte 12 changed from 0x0b to 0x0c.
        Dissect(TcpFrames.FromServer(44818), UnconnectedReply[..24] + "0c" + UnconnectedReply[26..], sink);

        Assert.Empty(sink.Identities);
    }

    [Fact]
    public void A_reply_from_another_connection_is_not_paired()
    {
        var sink = new RecordingSink();
        Dissect(TcpFrames.ToServer(44818), UnconnectedRequest, sink);
        Dissect(TcpFrames.FromServer(44818) with { SourceIp = IpAddr.Parse("10.0.0.99") }, UnconnectedReply, sink);

        Assert.Empty(sink.Identities);
    }

    [Fact]
    public void A_get_attributes_all_to_another_object_reports_no_identity()
    {
        var sink = new RecordingSink();
        // Same request to the TCP/IP Interface object (class 0xF5) instead of Identity.
        Dissect(TcpFrames.ToServer(44818), UnconnectedRequest.Replace("0102200124010100", "010220f524010100", StringComparison.Ordinal), sink);
        Dissect(TcpFrames.FromServer(44818), UnconnectedReply, sink);

        Assert.Empty(sink.Identities);
    }

    [Fact]
    public void A_connected_identity_reply_is_paired_by_sequence_count()
    {
        var sink = new RecordingSink();
        // SendUnitData: connected address item (0xA1, connection id), connected data item (0xB1): sequence count
        // 0x0007, then Get_Attributes_All on class 1 instance 1. The reply echoes sequence count 7.
        Dissect(TcpFrames.ToServer(44818), SendUnitData("44332211", "0700", "01022001" + "2401"), sink);
        Dissect(TcpFrames.ToServer(44818), SendUnitData("44332211", "0800", "0e022001" + "2401"), sink);
        Dissect(TcpFrames.FromServer(44818), SendUnitData("88776655", "0700",
            "81000000" + "01000e0038000f0460318acd1400" + "0431373536"), sink);

        Assert.Equal(["1", "Rockwell Automation/Allen-Bradley", "Programmable Logic Controller", "56", "15.04", "0x0014cd8a", "1756"],
            sink.Identities.Select(i => i.Value));
    }

    [Fact]
    public void A_connected_get_attribute_list_on_identity_gives_the_attributes_it_lists()
    {
        // EIP-SoftwareUpload.pcap #263 and #264: Get_Attribute_List of attributes 1-7 on Identity instance 1 over
        // a connection, sequence count 94. tshark: vendor 0x0001, device type 0x000e, product code 54, revision
        // 16.20, serial 0x0051823f, product name "1756-L61/B LOGIX5561".
        var sink = new RecordingSink();
        Dissect(TcpFrames.ToServer(44818, 263),
            "70002c0000010211000000000000000000000000000000000000000001000200a1000400010f7900b10018005e0003022001240107000100020003000400050006000700",
            sink);
        Dissect(TcpFrames.FromServer(44818, 264),
            "70005b0000010211000000000000000000000000000000000000000000000200a10004001900fe80b10047005e00830000000700010000000100020000000e00030000003600040000001014050000006030060000003f8251000700000014313735362d4c36312f42204c4f47495835353631",
            sink);

        Assert.Equal(
            [
                (IdentityField.VendorId, "1"), (IdentityField.Vendor, "Rockwell Automation/Allen-Bradley"),
                (IdentityField.DeviceType, "Programmable Logic Controller"), (IdentityField.ProductCode, "54"),
                (IdentityField.FirmwareVersion, "16.20"), (IdentityField.SerialNumber, "0x0051823f"),
                (IdentityField.Product, "1756-L61/B LOGIX5561"),
            ],
            sink.Identities.Select(i => (i.Field, i.Value)));
        Assert.All(sink.Identities, i => Assert.Equal(264L, i.Frame));
    }

    [Theory]
    [InlineData("0200" + "0100" + "0000" + "0100" + "0700" + "0000" + "03414243", "1|ABC")] // vendor, then name
    [InlineData("0200" + "0100" + "0500" + "0300" + "0000" + "3600", "54")] // a failed attribute has no value
    [InlineData("0200" + "6400" + "0000" + "0100" + "0300" + "0000" + "3600", "")] // attribute 100: size unknown, stop
    [InlineData("0100" + "0700" + "0000" + "09414243", "")] // name longer than the reply
    public void Get_attribute_list_values_are_read_by_their_attribute_ids(string listHex, string expected)
    {
        var sink = new RecordingSink();
        Dissect(TcpFrames.ToServer(44818), SendUnitData("44332211", "0d00", "030220012401" + "0100" + "0100"), sink);
        Dissect(TcpFrames.FromServer(44818), SendUnitData("88776655", "0d00", "83000000" + listHex), sink);

        var values = sink.Identities.Where(i => i.Field is IdentityField.VendorId or IdentityField.ProductCode or IdentityField.Product);
        Assert.Equal(expected, string.Join('|', values.Select(i => i.Value)));
    }

    [Fact]
    public void A_truncated_identity_reply_is_malformed_not_a_crash()
    {
        var sink = new RecordingSink();
        Dissect(TcpFrames.ToServer(44818), SendUnitData("44332211", "0700", "010220012401"), sink);
        Dissect(TcpFrames.FromServer(44818), SendUnitData("88776655", "0700", "81000000" + "01000e00380010"), sink);

        Assert.Empty(sink.Identities);
        Assert.Contains(sink.Events, e => e.Kind == DiscoveryEventKind.Malformed && e.Detail.Contains("Identity", StringComparison.Ordinal));
    }

    [Fact]
    public void An_object_specific_reply_is_named_after_its_request()
    {
        var sink = new RecordingSink();
        // Read Tag (0x4C) on the symbolic path "Pump", then its reply (0xCC), which carries only the service code.
        Dissect(TcpFrames.ToServer(44818), SendUnitData("44332211", "0900", "4c03910450756d700100"), sink);
        Dissect(TcpFrames.FromServer(44818), SendUnitData("88776655", "0900", "cc000000c4002a000000"), sink);

        Assert.Equal([("Read Tag", OperationKind.Read, true), ("Read Tag", OperationKind.Read, false)],
            sink.Operations.Select(o => (o.Name, o.Kind, o.IsRequest)));
    }

    [Fact]
    public void Replies_inside_a_multiple_service_packet_are_named_after_the_requests_inside_its_request()
    {
        var sink = new RecordingSink();
        // Two Read Tag requests ("Pump", "Tank") in a Multiple Service Packet to the Message Router; the reply
        // packet holds two 0xCC replies, each a DINT.
        var request = "0a02" + "20022401" + "0200" + "0600" + "1000" + "4c03910450756d700100" + "4c039104" + "54616e6b" + "0100";
        var reply = "8a000000" + "0200" + "0600" + "1000" + "cc000000c4002a000000" + "cc000000c40007000000";
        Dissect(TcpFrames.ToServer(44818), SendUnitData("44332211", "0b00", request), sink);
        Dissect(TcpFrames.FromServer(44818), SendUnitData("88776655", "0b00", reply), sink);

        Assert.Equal(
            [
                ("Multiple Service Packet", true), ("Read Tag", true), ("Read Tag", true),
                ("Multiple Service Packet", false), ("Read Tag", false), ("Read Tag", false),
            ],
            sink.Operations.Select(o => (o.Name, o.IsRequest)));
    }

    [Fact]
    public void Replies_inside_a_multiple_service_packet_stay_unnamed_when_the_requests_name_different_objects()
    {
        var sink = new RecordingSink();
        // The second request is 0x4C on class 0x72 instead of a tag: the 0xCC replies cannot be told apart.
        var request = "0a02" + "20022401" + "0200" + "0600" + "1000" + "4c03910450756d700100" + "4c02" + "20722400" + "0100";
        var reply = "8a000000" + "0200" + "0600" + "1000" + "cc000000c4002a000000" + "cc000000c40007000000";
        Dissect(TcpFrames.ToServer(44818), SendUnitData("44332211", "0c00", request), sink);
        Dissect(TcpFrames.FromServer(44818), SendUnitData("88776655", "0c00", reply), sink);

        Assert.Equal(["Object-Specific Service", "Object-Specific Service"], sink.Operations.Skip(4).Select(o => o.Name));
    }

    [Fact]
    public void Stop_on_the_logix_controller_object_is_a_change_to_program_mode()
    {
        var sink = new RecordingSink();
        Dissect(TcpFrames.ToServer(44818), SendUnitData("44332211", "0a00", "0702208e2401"), sink);

        var operation = Assert.Single(sink.Operations);
        Assert.Equal(("Change To Program Mode", OperationKind.Control), (operation.Name, operation.Kind));
    }

    [Fact]
    public void Unanswered_requests_are_forgotten_past_a_bound_without_breaking_later_pairs()
    {
        var sink = new RecordingSink();
        for (ushort sequence = 0; sequence < 20_000; sequence++)
        {
            Dissect(TcpFrames.ToServer(44818), SendUnitData("44332211", $"{sequence & 0xFF:x2}{sequence >> 8:x2}", "0e0220012401"), sink);
        }

        Dissect(TcpFrames.ToServer(44818), SendUnitData("44332211", "ffff", "010220012401"), sink);
        Dissect(TcpFrames.FromServer(44818), SendUnitData("88776655", "ffff",
            "81000000" + "01000e0038000f0460318acd1400" + "0431373536"), sink);

        Assert.Contains(sink.Identities, i => i.Field == IdentityField.Product && i.Value == "1756");
        Assert.InRange(dissector.PendingRequests, EtherNetIpDissector.MaxPendingRequests - 1, EtherNetIpDissector.MaxPendingRequests);
    }

    [Fact]
    public void Every_truncation_and_corruption_of_a_paired_identity_reply_is_survived()
    {
        var sink = new RecordingSink();
        var reply = Convert.FromHexString(UnconnectedReply);
        var random = new Random(44818);
        for (var round = 0; round < 3 * reply.Length; round++)
        {
            var corrupted = (byte[])reply.Clone();
            if (round >= reply.Length)
            {
                corrupted[random.Next(24, corrupted.Length)] = (byte)random.Next(256);
            }

            Dissect(TcpFrames.ToServer(44818), UnconnectedRequest, sink);
            dissector.Dissect(TcpFrames.FromServer(44818), corrupted.AsSpan(0, round < reply.Length ? round : corrupted.Length), sink);
        }

        Assert.All(sink.Events, e => Assert.False(string.IsNullOrWhiteSpace(e.Detail)));
        Assert.Contains(sink.Identities, i => i.Value == "1756-L63/A L6x_15_31");
    }

    private void Dissect(FrameInfo frame, string hex, RecordingSink sink)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.Equal(bytes.Length, dissector.PduLength(bytes));
        dissector.Dissect(frame, bytes, sink);
    }

    private static string SendUnitData(string connectionId, string sequence, string cipHex)
    {
        var itemLength = (cipHex.Length / 2) + 2;
        var body = "00000000" + "0000" + "0200" + "a1000400" + connectionId + $"b100{itemLength & 0xFF:x2}{itemLength >> 8:x2}" + sequence + cipHex;
        var length = body.Length / 2;
        return $"7000{length & 0xFF:x2}{length >> 8:x2}" + "00000000" + "00000000" + "0000000000000000" + "00000000" + body;
    }
}
