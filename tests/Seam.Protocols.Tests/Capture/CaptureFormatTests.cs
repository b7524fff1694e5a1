using System.IO.Compression;
using Seam.Protocols.Capture;
using static Seam.Protocols.Tests.Capture.Packets;

namespace Seam.Protocols.Tests.Capture;

/// <summary>The container formats: pcap and pcapng in their variants, gzip, and what happens to damaged files.</summary>
public sealed class CaptureFormatTests
{
    private const long T0 = 1_700_000_000_123_456_789;

    private static readonly byte[] Probe = EthernetUdp(1000, 20000, ProbeDissector.Pdu(1, 2, 3));

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Pcap_reads_in_either_byte_order_at_either_precision(bool bigEndian, bool nanoseconds)
    {
        var file = new PcapFile(1, bigEndian, nanoseconds).Add(T0, Probe).Add(T0 + 5_000_000_000, Probe).ToArray();
        var probe = CaptureRun.UdpProbe();

        var summary = CaptureRun.Of(file, probe);

        var precision = nanoseconds ? 1 : 1000;
        Assert.Equal(2, summary.Frames);
        Assert.Equal(T0 / precision * precision, summary.FirstTimestampNanos);
        Assert.Equal((T0 + 5_000_000_000) / precision * precision, summary.LastTimestampNanos);
        Assert.Equal([1u], summary.LinkTypes);
        Assert.Equal(2, probe.Seen.Count);
        Assert.Equal(ProbeDissector.Pdu(1, 2, 3), probe.Seen[0].Pdu);
        Assert.Equal(file.Length, summary.Bytes);
        Assert.Empty(summary.Problems);
    }

    [Fact]
    public void A_record_cut_by_the_snapshot_length_is_decoded_as_far_as_it_goes()
    {
        var whole = EthernetUdp(1000, 20000, ProbeDissector.Pdu(1, 2, 3, 4, 5, 6));
        var cut = whole[..^4];
        var file = new PcapFile(1, snapLength: (uint)cut.Length).Add(T0, cut, originalLength: whole.Length).ToArray();
        var probe = CaptureRun.UdpProbe();

        var summary = CaptureRun.Of(file, probe);

        Assert.Equal(1, summary.Frames);
        Assert.Empty(summary.Problems);
        var (_, pdu, frame) = Assert.Single(probe.Seen);
        Assert.Equal(ProbeDissector.Pdu(1, 2, 3, 4, 5, 6)[..^4], pdu);
        Assert.Equal((ushort)20000, frame.DestinationPort);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Pcapng_reads_several_sections_each_with_interfaces_of_their_own(bool bigEndian)
    {
        var raw = Ipv4(Udp, UdpDatagram(1000, 20000, ProbeDissector.Pdu(9)));
        var file = new PcapngFile()
            .Section(bigEndian)
            .Interface(1)
            .Interface(101, resolution: 9)
            .Enhanced(0, 1_700_000_000_000_001, Probe)
            .Enhanced(1, 1_700_000_001_000_000_002, raw)
            .Block(5, new byte[16])
            .Section(!bigEndian)
            .Interface(113, resolution: 3, offsetSeconds: 100)
            .Enhanced(0, 1_700_000_002_003, Sll(raw))
            .ToArray();
        var probe = CaptureRun.UdpProbe();

        var summary = CaptureRun.Of(file, probe);

        Assert.Equal(3, summary.Frames);
        Assert.Empty(summary.Problems);
        Assert.Equal([1u, 101u, 113u], summary.LinkTypes);
        Assert.Equal(1_700_000_000_000_001_000, summary.FirstTimestampNanos);
        Assert.Equal(1_700_000_002_003_000_000 + 100_000_000_000, summary.LastTimestampNanos);
        Assert.Equal([1L, 2L, 3L], probe.Seen.Select(s => s.Frame));
        Assert.Equal(1_700_000_001_000_000_002, probe.Seen[1].Info.TimestampNanos);
    }

    [Fact]
    public void Pcapng_binary_timestamp_resolution_is_converted_to_nanoseconds()
    {
        // 2^-10 s units: 1024 units are one second, 512 half a second.
        var file = new PcapngFile().Section().Interface(1, resolution: 0x80 | 10)
            .Enhanced(0, (1_700_000_000UL * 1024) + 512, Probe).ToArray();

        var summary = CaptureRun.Of(file);

        Assert.Equal(1_700_000_000_500_000_000, summary.FirstTimestampNanos);
    }

    [Fact]
    public void Pcapng_simple_and_obsolete_packet_blocks_are_frames_and_unknown_blocks_are_skipped()
    {
        var file = new PcapngFile().Section().Interface(1)
            .Block(0x0BAD_CAFE, new byte[40])
            .Simple(Probe)
            .ObsoletePacket(0, 1_700_000_000_000_000, Probe)
            .Block(4, new byte[8])
            .ToArray();
        var probe = CaptureRun.UdpProbe();

        var summary = CaptureRun.Of(file, probe);

        Assert.Equal(2, summary.Frames);
        Assert.Equal(2, probe.Seen.Count);
        Assert.Equal(1_700_000_000_000_000_000, summary.LastTimestampNanos);
        Assert.Empty(summary.Problems);
    }

    [Fact]
    public void A_gzip_compressed_capture_is_read_through_the_compression()
    {
        var plain = new PcapFile(1).Add(T0, Probe).Add(T0 + 1000, Probe).ToArray();
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        var probe = CaptureRun.UdpProbe();
        var summary = CaptureRun.Of(compressed.ToArray(), probe);

        Assert.Equal(2, summary.Frames);
        Assert.Equal(2, probe.Seen.Count);
        Assert.Equal(plain.Length, summary.Bytes);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0 }, "504b0304")]
    [InlineData(new byte[] { }, "a file of 0 bytes")]
    [InlineData(new byte[] { 0xD4, 0xC3 }, "a file of 2 bytes")]
    public void A_file_that_is_no_capture_is_refused_at_offset_zero_saying_what_was_expected(byte[] file, string found)
    {
        var error = Assert.Throws<CaptureFormatException>(() => CaptureRun.Of(file));

        Assert.Equal(0, error.ByteOffset);
        Assert.Equal("test.pcap", error.SourceName);
        Assert.Contains("pcapng", error.Expected, StringComparison.Ordinal);
        Assert.Contains(found, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gzip_data_that_is_no_capture_is_refused_too()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("hello, not a capture"u8);
        }

        var error = Assert.Throws<CaptureFormatException>(() => CaptureRun.Of(compressed.ToArray()));

        Assert.Contains("gzip", error.Found, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pcap_record_with_an_absurd_length_stops_the_walk_with_a_problem_naming_offset_and_frame()
    {
        var file = new PcapFile(1).Add(T0, Probe).Add(T0, Probe, capturedLengthField: 300_000_000).Add(T0, Probe).ToArray();

        var summary = CaptureRun.Of(file);

        Assert.Equal(1, summary.Frames);
        var problem = Assert.Single(summary.Problems);
        Assert.Equal(24 + 16 + Probe.Length, problem.ByteOffset);
        Assert.Equal(2, problem.FrameNumber);
        Assert.Contains("300000000", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pcap_truncated_inside_its_last_record_keeps_the_whole_records_and_says_what_was_cut()
    {
        var whole = new PcapFile(1).Add(T0, Probe).Add(T0, Probe).ToArray();

        var summary = CaptureRun.Of(whole[..^5]);

        Assert.Equal(1, summary.Frames);
        var problem = Assert.Single(summary.Problems);
        Assert.Equal(2, problem.FrameNumber);
        Assert.Contains("ends inside the record", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pcapng_block_with_a_damaged_body_but_a_sane_length_is_skipped_and_reading_goes_on()
    {
        var file = new PcapngFile().Section().Interface(1)
            .Enhanced(0, 1, Probe)
            .Enhanced(0, 2, Probe, capturedLengthField: 5000)
            .Enhanced(7, 3, Probe)
            .Enhanced(0, 4, Probe)
            .ToArray();

        var summary = CaptureRun.Of(file);

        Assert.Equal(2, summary.Frames);
        Assert.Equal(2, summary.Problems.Count);
        Assert.Contains("5000", summary.Problems[0].Reason, StringComparison.Ordinal);
        Assert.Contains("interface 7", summary.Problems[1].Reason, StringComparison.Ordinal);
        Assert.Equal(4000, summary.LastTimestampNanos);
    }

    [Fact]
    public void A_pcapng_block_length_that_cannot_be_trusted_stops_the_walk()
    {
        var good = new PcapngFile().Section().Interface(1).Enhanced(0, 1, Probe).ToArray();
        var file = new PcapngFile().Section().Interface(1).Enhanced(0, 1, Probe).Block(6, new byte[32], lengthField: 13).Enhanced(0, 2, Probe).ToArray();

        var summary = CaptureRun.Of(file);

        Assert.Equal(1, summary.Frames);
        var problem = Assert.Single(summary.Problems);
        Assert.Equal(good.Length, problem.ByteOffset);
        Assert.Contains("13", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pcapng_whose_first_section_has_no_byte_order_magic_is_refused()
    {
        var file = new PcapngFile().Section().ToArray();
        file[8] = 0;

        var error = Assert.Throws<CaptureFormatException>(() => CaptureRun.Of(file));

        Assert.Equal(8, error.ByteOffset);
    }

    [Fact]
    public void The_floor_walk_counts_the_same_records_as_the_pipeline()
    {
        var pcap = new PcapFile(1, bigEndian: true).Add(T0, Probe).Add(T0, Probe).Add(T0, Probe).ToArray();
        var pcapng = new PcapngFile().Section(bigEndianSection: true).Interface(1).Enhanced(0, 1, Probe).Block(5, new byte[8])
            .Section().Interface(1).Simple(Probe).ToArray();

        foreach (var file in new[] { pcap, pcapng })
        {
            using var stream = new MemoryStream(file);
            var floor = CaptureFloor.Walk(stream);

            Assert.Equal(CaptureRun.Of(file).Frames, floor.Records);
            Assert.Equal(file.Length, floor.Bytes);
        }
    }

    private static byte[] Sll(byte[] ipv4)
    {
        var header = new byte[16];
        header[3] = 1;
        header[5] = 6;
        ClientMac.CopyTo(header, 6);
        header[14] = 0x08;
        return [.. header, .. ipv4];
    }
}
