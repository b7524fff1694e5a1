using Seam.Protocols.Dissection;
using static Seam.Protocols.Tests.Capture.Packets;

namespace Seam.Protocols.Tests.Capture;

/// <summary>Which dissector gets which frame, and how frames are counted per protocol.</summary>
public sealed class DispatchTests
{
    private static readonly byte[] Pdu = ProbeDissector.Pdu(7, 7);

    [Fact]
    public void Udp_goes_to_the_destination_ports_dissector_before_the_source_ports()
    {
        var atDestination = new ProbeDissector(ProtocolId.Dns, DissectorBinding.Udp(53));
        var atSource = new ProbeDissector(ProtocolId.Snmp, DissectorBinding.Udp(161));
        var file = new PcapFile(1)
            .Add(1, EthernetUdp(161, 53, Pdu))
            .Add(2, EthernetUdp(161, 40000, Pdu))
            .Add(3, EthernetUdp(40000, 40001, Pdu))
            .ToArray();

        var summary = CaptureRun.Of(file, atDestination, atSource);

        Assert.Equal([1L], atDestination.Seen.Select(s => s.Frame));
        Assert.Equal([2L], atSource.Seen.Select(s => s.Frame));
        Assert.Equal(Transport.Udp, atSource.Seen[0].Info.Transport);
        Assert.Equal(1, summary.FramesByProtocol[ProtocolId.Dns]);
        Assert.Equal(1, summary.FramesByProtocol[ProtocolId.Snmp]);
    }

    [Fact]
    public void Layer_2_frames_go_to_the_dissectors_of_their_ethertype()
    {
        var lldp = new ProbeDissector(ProtocolId.Lldp, DissectorBinding.Ethernet(0x88CC));
        var cdp = new ProbeDissector(ProtocolId.Cdp, DissectorBinding.Ethernet(0x2000));
        byte[] snap = [0xAA, 0xAA, 0x03, 0x00, 0x00, 0x0C, 0x20, 0x00, .. Pdu];
        var file = new PcapFile(1)
            .Add(1, Ethernet(0x88CC, Pdu))
            .Add(2, Ethernet((ushort)snap.Length, snap))
            .Add(3, Ethernet(0x8892, Pdu))
            .ToArray();

        CaptureRun.Of(file, lldp, cdp);

        Assert.Equal([1L], lldp.Seen.Select(s => s.Frame));
        Assert.Equal([2L], cdp.Seen.Select(s => s.Frame));
        Assert.Equal(Pdu, cdp.Seen[0].Pdu);
        Assert.Equal(Transport.Ethernet, cdp.Seen[0].Info.Transport);
    }

    [Fact]
    public void Dissectors_sharing_a_port_each_see_the_pdu_and_only_those_that_report_count()
    {
        var reporting = new ProbeDissector(ProtocolId.S7Comm, DissectorBinding.Tcp(102));
        var silent = new SilentDissector(DissectorBinding.Tcp(102));
        var file = new PcapFile(1)
            .Add(1, EthernetTcp(40000, 102, 1, 0x18, [.. Pdu, .. Pdu]))
            .Add(2, EthernetTcp(40000, 102, 1 + (2 * (uint)Pdu.Length), 0x18, Pdu))
            .ToArray();

        var summary = CaptureRun.Of(file, reporting, silent);

        Assert.Equal(3, reporting.Seen.Count);
        Assert.Equal(3, silent.Seen);
        Assert.Equal(2, summary.FramesByProtocol[ProtocolId.S7Comm]);
        Assert.False(summary.FramesByProtocol.ContainsKey(ProtocolId.S7CommPlus));
    }

    [Fact]
    public void Frames_no_dissector_claims_are_counted_as_frames_but_under_no_protocol()
    {
        var file = new PcapFile(1)
            .Add(1, EthernetUdp(1, 2, Pdu))
            .Add(2, Ethernet(0x0806, new byte[28]))
            .Add(3, [1, 2, 3])
            .ToArray();

        var summary = CaptureRun.Of(file, CaptureRun.UdpProbe());

        Assert.Equal(3, summary.Frames);
        Assert.Empty(summary.FramesByProtocol);
        Assert.Empty(summary.Problems);
    }

    [Fact]
    public void Tcp_on_unbound_ports_is_not_tracked_when_no_dissector_can_recognise_a_stream_opening()
    {
        var silent = new SilentDissector(DissectorBinding.Tcp(102));
        var file = new PcapFile(1)
            .Add(1, EthernetTcp(40000, 40001, 1, 0x18, Pdu))
            .Add(2, EthernetTcp(40000, 102, 1, 0x18, Pdu))
            .ToArray();

        var summary = CaptureRun.Of(file, silent);

        // Only the connection to port 102 is tracked (its bytes are not the silent dissector's, so it sees no PDU).
        Assert.Equal(1, summary.Tcp.Streams);
        Assert.Equal(0, silent.Seen);
    }

    private sealed class SilentDissector(DissectorBinding binding) : IDissector
    {
        public int Seen { get; private set; }

        public ProtocolId Protocol => ProtocolId.S7CommPlus;

        public DissectorBinding Binding => binding;

        public int PduLength(ReadOnlySpan<byte> stream) => -1;

        public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink) => Seen++;
    }
}
