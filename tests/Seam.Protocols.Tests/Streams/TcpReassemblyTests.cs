using Seam.Protocols.Capture;
using Seam.Protocols.Dissection;
using Seam.Protocols.Tests.Capture;
using static Seam.Protocols.Tests.Capture.Packets;

namespace Seam.Protocols.Tests.Streams;

/// <summary>TCP byte streams cut into PDUs: across segments, several per segment, with losses and repeats.</summary>
public sealed class TcpReassemblyTests
{
    private const byte Syn = 0x02;
    private const byte Ack = 0x10;
    private const byte PshAck = 0x18;
    private const byte Fin = 0x01;
    private const byte Rst = 0x04;
    private const uint ClientIsn = 1000;

    private static readonly byte[] First = ProbeDissector.Pdu(1, 1, 1, 1, 1, 1, 1, 1);
    private static readonly byte[] Second = ProbeDissector.Pdu(2, 2, 2, 2);
    private static readonly byte[] Third = ProbeDissector.Pdu(3, 3, 3, 3, 3, 3);

    [Fact]
    public void A_pdu_split_across_segments_is_dissected_once_whole_in_the_frame_that_completes_it()
    {
        var probe = CaptureRun.TcpProbe();
        var file = Conversation(
            ToServer(ClientIsn, First[..2]),
            ToServer(ClientIsn + 2, First[2..5]),
            ToServer(ClientIsn + 5, First[5..]));

        var summary = CaptureRun.Of(file, probe);

        var (frame, pdu, _) = Assert.Single(probe.Seen);
        Assert.Equal(First, pdu);
        Assert.Equal(5, frame);
        Assert.Equal(1, summary.FramesByProtocol[ProtocolId.ModbusTcp]);
    }

    [Fact]
    public void Several_pdus_in_one_segment_are_each_dissected_and_the_frame_counts_once()
    {
        var probe = CaptureRun.TcpProbe();
        var file = Conversation(ToServer(ClientIsn, [.. First, .. Second, .. Third]));

        var summary = CaptureRun.Of(file, probe);

        Assert.Equal([First, Second, Third], probe.Seen.Select(s => s.Pdu));
        Assert.Equal(1, summary.FramesByProtocol[ProtocolId.ModbusTcp]);
    }

    [Fact]
    public void A_segment_ending_one_pdu_and_starting_the_next_carries_both_over()
    {
        var probe = CaptureRun.TcpProbe();
        byte[] stream = [.. First, .. Second, .. Third];
        var file = Conversation(
            ToServer(ClientIsn, stream[..5]),
            ToServer(ClientIsn + 5, stream[5..(First.Length + 3)]),
            ToServer(ClientIsn + (uint)First.Length + 3, stream[(First.Length + 3)..]));

        CaptureRun.Of(file, probe);

        Assert.Equal([First, Second, Third], probe.Seen.Select(s => s.Pdu));
        Assert.Equal([4L, 5L, 5L], probe.Seen.Select(s => s.Frame));
    }

    [Fact]
    public void A_retransmitted_segment_is_not_dissected_twice()
    {
        var probe = CaptureRun.TcpProbe();
        var file = Conversation(
            ToServer(ClientIsn, First),
            ToServer(ClientIsn, First),
            ToServer(ClientIsn + (uint)First.Length, Second));

        var summary = CaptureRun.Of(file, probe);

        Assert.Equal([First, Second], probe.Seen.Select(s => s.Pdu));
        Assert.Equal(1, summary.Tcp.RetransmittedSegments);
    }

    [Fact]
    public void A_segment_overlapping_data_already_seen_contributes_only_its_new_bytes()
    {
        var probe = CaptureRun.TcpProbe();
        byte[] stream = [.. First, .. Second];
        var file = Conversation(
            ToServer(ClientIsn, stream[..6]),
            ToServer(ClientIsn + 2, stream[2..]));

        CaptureRun.Of(file, probe);

        Assert.Equal([First, Second], probe.Seen.Select(s => s.Pdu));
    }

    [Fact]
    public void After_a_gap_the_partial_pdu_is_dropped_and_parsing_resumes_at_the_next_pdu()
    {
        var probe = CaptureRun.TcpProbe();
        var lostStart = ClientIsn + 4;
        var file = Conversation(
            ToServer(ClientIsn, First[..4]),
            ToServer(lostStart + 100, Second),
            ToServer(lostStart + 100 + (uint)Second.Length, Third));

        var summary = CaptureRun.Of(file, probe);

        Assert.Equal([Second, Third], probe.Seen.Select(s => s.Pdu));
        Assert.Equal(1, summary.Tcp.Gaps);
    }

    [Fact]
    public void Bytes_that_are_not_the_protocol_are_dropped_and_the_next_segment_resynchronises()
    {
        var probe = CaptureRun.TcpProbe();
        var file = Conversation(
            ToServer(ClientIsn, [0x00, 0x01, 0x02, .. First]),
            ToServer(ClientIsn + 3 + (uint)First.Length, Second));

        CaptureRun.Of(file, probe);

        Assert.Equal([Second], probe.Seen.Select(s => s.Pdu));
    }

    [Fact]
    public void A_pdu_longer_than_the_stream_buffer_is_skipped_and_the_one_after_it_is_dissected()
    {
        var probe = CaptureRun.TcpProbe();
        var huge = ProbeDissector.Pdu(new byte[20_000]);
        var segments = new List<byte[]>();
        var sequence = ClientIsn;
        foreach (var chunk in huge.Chunk(1400))
        {
            segments.Add(ToServer(sequence, chunk));
            sequence += (uint)chunk.Length;
        }

        var limits = CaptureLimits.Default with { StreamBufferBytes = 16 * 1024 };
        segments.Add(ToServer(sequence, Second));
        var summary = Run(Conversation([.. segments]), limits, probe);

        Assert.Equal([Second], probe.Seen.Select(s => s.Pdu));
        Assert.Contains(summary.Problems, p => p.Reason.Contains("longer than the 16384-byte stream buffer", StringComparison.Ordinal));
    }

    [Fact]
    public void Both_directions_are_reassembled_separately_and_both_reach_the_server_ports_dissector()
    {
        var probe = CaptureRun.TcpProbe();
        var file = Conversation(
            ToServer(ClientIsn, First[..3]),
            ToClient(5000 + 1, Second[..2]),
            ToServer(ClientIsn + 3, First[3..]),
            ToClient(5000 + 3, Second[2..]));

        CaptureRun.Of(file, probe);

        Assert.Equal([First, Second], probe.Seen.Select(s => s.Pdu));
        Assert.Equal((ushort)20000, probe.Seen[1].Info.SourcePort);
    }

    [Fact]
    public void A_stream_on_unbound_ports_is_claimed_by_the_dissector_that_recognises_its_opening()
    {
        var recogniser = new ProbeDissector(ProtocolId.OpcUa, DissectorBinding.Tcp(4840), recognises: true);
        var file = new PcapFile(1)
            .Add(1, EthernetTcp(40000, 55555, 1, PshAck, First))
            .Add(2, EthernetTcp(40000, 55555, 1 + (uint)First.Length, PshAck, Second))
            .ToArray();

        var summary = CaptureRun.Of(file, recogniser);

        Assert.Equal([First, Second], recogniser.Seen.Select(s => s.Pdu));
        Assert.Equal(2, summary.FramesByProtocol[ProtocolId.OpcUa]);
    }

    [Fact]
    public void Fin_from_both_sides_and_rst_close_the_stream()
    {
        var probe = CaptureRun.TcpProbe();
        var file = Conversation(
            ToServer(ClientIsn, First),
            ToServer(ClientIsn + (uint)First.Length, [], Fin | Ack),
            ToClient(5001, [], Fin | Ack),
            EthernetTcp(40001, 20000, 1, PshAck, Second),
            EthernetTcp(40001, 20000, 1 + (uint)Second.Length, Rst, []));

        var summary = Run(file, CaptureLimits.Default, probe, out var pipeline);

        Assert.Equal(2, summary.Tcp.Streams);
        Assert.Equal(0, pipeline.Tcp.StreamCount);
    }

    [Fact]
    public void The_stream_table_evicts_when_full_and_never_grows_past_its_bound()
    {
        var probe = CaptureRun.TcpProbe();
        var file = new PcapFile(1);
        for (var i = 0; i < 50; i++)
        {
            // Each connection leaves half a PDU pending, so eviction must also return buffers.
            file.Add(i * 1_000_000L, EthernetTcp((ushort)(30000 + i), 20000, 1, PshAck, First[..4]));
        }

        var limits = CaptureLimits.Default with { MaxTcpStreams = 8 };
        var summary = Run(file.ToArray(), limits, probe, out var pipeline);

        Assert.Equal(50, summary.Tcp.Streams);
        Assert.True(summary.Tcp.PeakStreams <= 8, $"peak {summary.Tcp.PeakStreams}");
        Assert.True(summary.Tcp.EvictedStreams >= 42);
        Assert.Equal(0, pipeline.Tcp.BufferedBytes);
    }

    [Fact]
    public void Idle_streams_are_forgotten_after_the_idle_timeout_of_capture_time()
    {
        var probe = CaptureRun.TcpProbe();
        var file = new PcapFile(1)
            .Add(0, EthernetTcp(30000, 20000, 1, PshAck, First[..4]))
            .Add(400_000_000_000, EthernetTcp(30001, 20000, 1, PshAck, Second))
            .Add(401_000_000_000, EthernetTcp(30000, 20000, 5, PshAck, First[4..]))
            .ToArray();

        var summary = CaptureRun.Of(file, probe);

        // The first stream's half PDU was forgotten; its tail alone is not the protocol.
        Assert.Equal([Second], probe.Seen.Select(s => s.Pdu));
        Assert.Equal(1, summary.Tcp.EvictedStreams);
    }

    [Fact]
    public void A_throwing_dissector_becomes_a_problem_naming_frame_and_dissector_and_the_run_goes_on()
    {
        var thrower = new ThrowingDissector(new DissectorBinding([20000], [20000], []));
        var probe = CaptureRun.UdpProbe(20001);
        var file = new PcapFile(1)
            .Add(1, EthernetTcp(40000, 20000, 1, PshAck, First))
            .Add(2, EthernetUdp(40000, 20000, First))
            .Add(3, EthernetUdp(40000, 20001, First))
            .ToArray();

        var summary = CaptureRun.Of(file, thrower, probe);

        Assert.Equal(3, summary.Frames);
        Assert.Single(probe.Seen);
        Assert.Equal([1L, 2L], summary.Problems.Select(p => p.FrameNumber!.Value));
        Assert.All(summary.Problems, p => Assert.Contains("Dnp3 dissector (ThrowingDissector", p.Reason, StringComparison.Ordinal));
    }

    private static CaptureSummary Run(byte[] file, CaptureLimits limits, params IDissector[] dissectors) =>
        Run(file, limits, dissectors, out _);

    private static CaptureSummary Run(byte[] file, CaptureLimits limits, IDissector dissector, out DissectionPipeline pipeline) =>
        Run(file, limits, [dissector], out pipeline);

    private static CaptureSummary Run(byte[] file, CaptureLimits limits, IDissector[] dissectors, out DissectionPipeline pipeline)
    {
        using var stream = new MemoryStream(file);
        return PassiveDissection.Run(stream, dissectors, new RecordingSink(), limits, "test.pcap", null, default, out pipeline);
    }

    /// <summary>A handshake to port 20000, then the given frames, one millisecond apart.</summary>
    private static byte[] Conversation(params byte[][] frames)
    {
        var file = new PcapFile(1);
        file.Add(0, EthernetTcp(40000, 20000, ClientIsn - 1, Syn, []));
        file.Add(500_000, EthernetTcp(20000, 40000, 5000, Syn | Ack, [], "10.0.0.2", "10.0.0.1"));
        var time = 1_000_000L;
        foreach (var frame in frames)
        {
            file.Add(time, frame);
            time += 1_000_000;
        }

        return file.ToArray();
    }

    private static byte[] ToServer(uint sequence, byte[] payload, byte flags = PshAck) =>
        EthernetTcp(40000, 20000, sequence, flags, payload);

    private static byte[] ToClient(uint sequence, byte[] payload, byte flags = PshAck) =>
        EthernetTcp(20000, 40000, sequence, flags, payload, "10.0.0.2", "10.0.0.1");
}
