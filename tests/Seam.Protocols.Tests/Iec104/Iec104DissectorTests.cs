using Seam.Protocols.Dissection;
using Seam.Protocols.Iec104;

namespace Seam.Protocols.Tests.Iec104;

/// <summary>
/// TCP payloads copied with tshark out of corpus/pcaps/iec104/60.pcap (frames 5, 6, 18, 25); expectations as
/// tshark shows them (type id, cause of transmission, common address).
/// </summary>
public sealed class Iec104DissectorTests
{
    // Frame 5, controlling station → 2404: C_RC_TA_1 (60), COT 6 activation, CA 1.
    internal const string RegulatingStepActivation = "681510003a003c0106000100b80b0000b80b310d020b13";

    // Frame 6, 2404 → controlling station: C_RC_TA_1, COT 0x47 = activation confirmation with P/N set (negative).
    internal const string NegativeConfirmation = "68153a0012003c0147000100b80b0000b80b310d020b13";

    // Frame 18: two APDUs in one segment, C_RC_TA_1 activation termination then M_ST_TB_1 (32) spontaneous.
    internal const string TwoApdus = "68153e0014003c010a000100b80b0001581b310d020b136816400014002001030001002c0100ff00581b310d020b13";

    internal const string SupervisoryAck = "680401001600";

    private static readonly FrameInfo ToOutstation = new()
    {
        Number = 5,
        Transport = Transport.Tcp,
        SourceIp = IpAddr.Parse("10.0.0.1"),
        DestinationIp = IpAddr.Parse("10.0.0.2"),
        SourcePort = 50262,
        DestinationPort = 2404,
    };

    private static readonly FrameInfo FromOutstation = new()
    {
        Number = 6,
        Transport = Transport.Tcp,
        SourceIp = IpAddr.Parse("10.0.0.2"),
        DestinationIp = IpAddr.Parse("10.0.0.1"),
        SourcePort = 2404,
        DestinationPort = 50262,
    };

    private readonly Iec104Dissector _dissector = new();

    [Fact]
    public void Regulating_step_command_is_a_write_request_to_the_outstations_common_address()
    {
        var sink = Dissect(RegulatingStepActivation, ToOutstation);

        Assert.Equal([(5L, ProtocolId.Iec104)], sink.Pdus);
        var operation = Assert.Single(sink.Operations);
        Assert.Equal(((ushort)60, "C_RC_TA_1", OperationKind.Write, true), (operation.Code, operation.Name, operation.Kind, operation.IsRequest));
        var address = Assert.Single(sink.Identities);
        Assert.Equal((IdentityField.DeviceAddress, "1", ToOutstation.DestinationIp), (address.Field, address.Value, address.Device.Ip));
    }

    [Fact]
    public void Negative_confirmation_is_an_error()
    {
        var sink = Dissect(NegativeConfirmation, FromOutstation);

        var operation = Assert.Single(sink.Operations);
        Assert.Equal((OperationKind.Error, false), (operation.Kind, operation.IsRequest));
        Assert.Equal(FromOutstation.SourceIp, sink.Identities[0].Device.Ip);
    }

    [Fact]
    public void A_segment_with_two_apdus_is_cut_by_the_apci_length()
    {
        var stream = Convert.FromHexString(TwoApdus);
        var first = _dissector.PduLength(stream);
        var second = _dissector.PduLength(stream.AsSpan(first));

        Assert.Equal((23, 24), (first, second));
        var sink = new RecordingSink();
        _dissector.Dissect(FromOutstation, stream.AsSpan(0, first), sink);
        _dissector.Dissect(FromOutstation, stream.AsSpan(first), sink);
        Assert.Equal(["C_RC_TA_1", "M_ST_TB_1"], sink.Operations.Select(o => o.Name));
        Assert.Equal(OperationKind.Read, sink.Operations[1].Kind);
    }

    [Theory]
    [InlineData("680407000000", "STARTDT act", OperationKind.Session, true)]
    [InlineData("68040b000000", "STARTDT con", OperationKind.Session, false)]
    [InlineData("680413000000", "STOPDT act", OperationKind.Session, true)]
    [InlineData("680443000000", "TESTFR act", OperationKind.Diagnostic, true)]
    [InlineData("680483000000", "TESTFR con", OperationKind.Diagnostic, false)]
    public void Unnumbered_functions_are_named(string hex, string name, OperationKind kind, bool isRequest)
    {
        var sink = Dissect(hex, ToOutstation);

        var operation = Assert.Single(sink.Operations);
        Assert.Equal((name, kind, isRequest), (operation.Name, operation.Kind, operation.IsRequest));
    }

    [Fact]
    public void Supervisory_ack_counts_but_is_no_operation()
    {
        var sink = Dissect(SupervisoryAck, FromOutstation);

        Assert.Single(sink.Pdus);
        Assert.Empty(sink.Operations);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("68", 0)]
    [InlineData("6804", 6)]
    [InlineData("6802", -1)]
    [InlineData("68fe", -1)]
    [InlineData("1603", -1)]
    public void Pdu_length_is_two_plus_the_apci_length(string hex, int expected) =>
        Assert.Equal(expected, _dissector.PduLength(Convert.FromHexString(hex)));

    private RecordingSink Dissect(string hex, FrameInfo frame)
    {
        var sink = new RecordingSink();
        _dissector.Dissect(frame, Convert.FromHexString(hex), sink);
        return sink;
    }
}
