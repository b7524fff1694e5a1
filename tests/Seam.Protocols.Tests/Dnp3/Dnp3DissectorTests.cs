using Seam.Protocols.Dissection;
using Seam.Protocols.Dnp3;
using Seam.Protocols.Tests.Modbus;

namespace Seam.Protocols.Tests.Dnp3;

public sealed class Dnp3DissectorTests
{
    private readonly Dnp3Dissector dissector = new();

    private RecordingSink Dissect(FrameInfo frame, string hex)
    {
        var sink = new RecordingSink();
        var bytes = Convert.FromHexString(hex);
        Assert.Equal(bytes.Length, dissector.PduLength(bytes));
        dissector.Dissect(frame, bytes, sink);
        return sink;
    }

    // Payloads copied with `tshark -T fields -e tcp.payload` from the named captures.
    [Theory]
    [InlineData("05641ac40200030040f2c6c7030c0128010001000301640000008fda6400000000005b", 3, "Select", OperationKind.Write, true)] // dnp3_select_operate.pcap #4
    [InlineData("05641ac40200030040f2c7c8040c012801000100030164000000a9cf6400000000005b", 4, "Operate", OperationKind.Write, true)] // #7
    [InlineData("05641c44030002004b91fcc78100000c0128010001000301640001a400006400000000005b", 129, "Response", OperationKind.Other, false)] // #6
    [InlineData("056412c4040003001e7cc1c10232010701ebe45a87ff002801", 2, "Write", OperationKind.Write, true)] // dnp3.pcap #7
    [InlineData("056408c404000300b4b8cdc30daf84", 13, "Cold Restart", OperationKind.Control, true)] // dnp3.pcap #70
    [InlineData("056408c404000300b4b8c8c80e2a7e", 14, "Warm Restart", OperationKind.Control, true)] // dnp3.pcap #143
    [InlineData("056411c4040003004eefc2c2153c02063c03063c0406b1ec", 21, "Disable Unsolicited", OperationKind.Other, true)] // dnp3.pcap #11
    [InlineData("05640bc404000300e42bc1c20102000678a6", 1, "Read", OperationKind.Read, true)] // dnp3.pcap #82
    [InlineData("05640a44030004007caee6f78210004fbd", 130, "Unsolicited Response", OperationKind.Other, false)] // dnp3.pcap #4
    public void Application_functions_are_named_and_classified(string hex, int code, string name, OperationKind kind, bool isRequest)
    {
        var sink = Dissect(TcpFrames.ToServer(20000), hex);

        Assert.Equal([(1L, ProtocolId.Dnp3)], sink.Pdus);
        Assert.Empty(sink.Events);
        var operation = Assert.Single(sink.Operations);
        Assert.Equal(((ushort)code, name, kind, isRequest), (operation.Code, operation.Name, operation.Kind, operation.IsRequest));
    }

    [Fact]
    public void Link_addresses_are_the_device_addresses_of_each_end()
    {
        // dnp3_select_operate.pcap #4: tshark shows Source 3, Destination 2.
        var sink = Dissect(TcpFrames.ToServer(20000), "05641ac40200030040f2c6c7030c0128010001000301640000008fda6400000000005b");

        Assert.Contains(sink.Identities, i => i.Device == TcpFrames.Client && i.Field == IdentityField.DeviceAddress && i.Value == "3");
        Assert.Contains(sink.Identities, i => i.Device == TcpFrames.Server && i.Field == IdentityField.DeviceAddress && i.Value == "2");
    }

    [Fact]
    public void Open_file_is_reported_as_a_file_transfer()
    {
        // dnp3_file_read.pcap #4: Open File "./test.xml".
        var sink = Dissect(TcpFrames.ToServer(20000),
            "056432c4040003009c8df7ce1946035b0124001a000a00000000b3c50000000000000000000000000001000047e60404002e2f746573742e786d6ced8f");

        Assert.Equal("Open File", Assert.Single(sink.Operations).Name);
        Assert.Equal(DiscoveryEventKind.FileTransfer, Assert.Single(sink.Events).Kind);
    }

    [Fact]
    public void A_bad_header_crc_still_counts_and_is_malformed()
    {
        var sink = Dissect(TcpFrames.ToServer(20000), "056408c404000300b4b9cdc30daf84");

        Assert.Equal([(1L, ProtocolId.Dnp3)], sink.Pdus);
        Assert.Contains(sink.Events, e => e.Kind == DiscoveryEventKind.Malformed && e.Detail.Contains("header CRC", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_data_crc_is_malformed_and_its_application_layer_is_not_read()
    {
        var sink = Dissect(TcpFrames.ToServer(20000), "056408c404000300b4b8cdc30daf85");

        Assert.Empty(sink.Operations);
        Assert.Contains(sink.Events, e => e.Kind == DiscoveryEventKind.Malformed && e.Detail.Contains("data block CRC", StringComparison.Ordinal));
    }

    [Fact]
    public void A_link_length_below_five_counts_as_malformed_dnp3_like_tshark()
    {
        // DNP3-Malformed.pcap #1: length 2; tshark shows dnp3 with "Malformed Packet".
        var sink = Dissect(TcpFrames.ToServer(20000), "056402c40a00010097fec1c10125323534782532");

        Assert.Equal([(1L, ProtocolId.Dnp3)], sink.Pdus);
        Assert.Equal(DiscoveryEventKind.Malformed, Assert.Single(sink.Events).Kind);
    }

    [Fact]
    public void Group_zero_device_attributes_name_the_outstation()
    {
        // Response: g0v252 "Acme", g0v250 "RTU-9", g0v248 "SN42", g0v242 "2.1", each with qualifier 0x00 and
        // range 0..0, data type 1 (visible string), built per IEEE 1815 and encoded with our CRC.
        var application = "c0" + "81" + "0000"
            + "00fc000000" + "0104" + "41636d65"
            + "00fa000000" + "0105" + "5254552d39"
            + "00f8000000" + "0104" + "534e3432"
            + "00f2000000" + "0103" + "322e31";
        var sink = Dissect(TcpFrames.FromServer(20000), LinkFrame(0x44, destination: 3, source: 4, "c0" + application));

        Assert.All(sink.Identities.Where(i => i.Field != IdentityField.DeviceAddress), i => Assert.Equal(TcpFrames.Server, i.Device));
        Assert.Equal(["Acme"], sink.Values(IdentityField.Vendor));
        Assert.Equal(["RTU-9"], sink.Values(IdentityField.Product));
        Assert.Equal(["SN42"], sink.Values(IdentityField.SerialNumber));
        Assert.Equal(["2.1"], sink.Values(IdentityField.FirmwareVersion));
    }

    [Fact]
    public void A_udp_datagram_may_carry_several_link_frames()
    {
        var hex = "056408c404000300b4b8cdc30daf84" + "056408c404000300b4b8c8c80e2a7e";
        var sink = new RecordingSink();
        dissector.Dissect(TcpFrames.ToServer(20000, transport: Transport.Udp), Convert.FromHexString(hex), sink);

        Assert.Equal(["Cold Restart", "Warm Restart"], sink.Operations.Select(o => o.Name));
    }

    [Theory]
    [InlineData(5, 10)]
    [InlineData(6, 13)]
    [InlineData(21, 28)]
    [InlineData(22, 31)]
    [InlineData(255, 292)]
    public void Wire_length_adds_a_crc_per_sixteen_bytes_of_user_data(int lengthField, int wireLength)
    {
        Assert.Equal(wireLength, Dnp3Dissector.WireLength((byte)lengthField));
    }

    [Theory]
    [InlineData("0564", 0)]
    [InlineData("0565", -1)]
    [InlineData("06", -1)]
    public void Pdu_length_needs_the_start_bytes(string hex, int expected)
    {
        Assert.Equal(expected, dissector.PduLength(Convert.FromHexString(hex)));
    }

    /// <summary>A link frame with correct CRCs around <paramref name="userDataHex"/> (transport byte included).</summary>
    private static string LinkFrame(byte control, ushort destination, ushort source, string userDataHex)
    {
        var userData = Convert.FromHexString(userDataHex);
        var header = new byte[] { 0x05, 0x64, (byte)(5 + userData.Length), control, (byte)destination, (byte)(destination >> 8), (byte)source, (byte)(source >> 8) };
        var frame = new List<byte>(header);
        AppendCrc(frame, header);
        foreach (var block in userData.Chunk(16))
        {
            frame.AddRange(block);
            AppendCrc(frame, block);
        }

        return Convert.ToHexString([.. frame]);
    }

    private static void AppendCrc(List<byte> frame, byte[] block)
    {
        var crc = Dnp3Crc.Compute(block);
        frame.Add((byte)crc);
        frame.Add((byte)(crc >> 8));
    }
}
