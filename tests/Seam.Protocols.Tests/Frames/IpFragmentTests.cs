using System.Buffers.Binary;
using Seam.Protocols.Dissection;
using Seam.Protocols.Reassembly;
using Seam.Protocols.Tests.Capture;

namespace Seam.Protocols.Tests.Frames;

/// <summary>
/// Fragmented datagrams are put back together and dissected whole, in the frame of the fragment that completed
/// them; tshark, which defragments by default, is the reference for which frame that is and what it holds.
/// </summary>
public sealed class IpFragmentTests
{
    private const ushort Port = 20000;
    private const byte Udp = 17;

    [Fact]
    public void A_udp_message_in_three_ipv4_fragments_is_dissected_once_and_whole_in_the_last_fragment()
    {
        var message = ProbeDissector.Pdu([.. Enumerable.Range(0, 3000).Select(i => (byte)i)]);
        var probe = CaptureRun.UdpProbe(Port);
        var sink = new RecordingSink();

        var summary = CaptureRun.Of(Capture(Ipv4Fragments(message, id: 0x1234, fragmentBytes: 1480, order: [0, 1, 2])), sink, probe);

        var (frame, pdu, info) = Assert.Single(probe.Seen);
        Assert.Equal(3, frame);
        Assert.Equal(message, pdu);
        Assert.Equal(Transport.Udp, info.Transport);
        Assert.Equal(Port, info.DestinationPort);
        Assert.Equal([(3L, ProtocolId.BacnetIp)], sink.Pdus);
        Assert.Empty(sink.Events);
        Assert.Equal(3, summary.Frames);
    }

    [Fact]
    public void Fragments_in_any_order_make_the_same_datagram_when_the_last_hole_fills()
    {
        var message = ProbeDissector.Pdu([.. Enumerable.Range(0, 4000).Select(i => (byte)(i * 7))]);
        var probe = CaptureRun.UdpProbe(Port);

        CaptureRun.Of(Capture(Ipv4Fragments(message, id: 7, fragmentBytes: 1000, order: [4, 2, 0, 3, 1])), probe);

        var (frame, pdu, _) = Assert.Single(probe.Seen);
        Assert.Equal(5, frame);
        Assert.Equal(message, pdu);
    }

    [Fact]
    public void A_repeated_fragment_is_harmless_but_one_that_rewrites_bytes_is_reported()
    {
        var message = ProbeDissector.Pdu([.. new byte[2000]]);
        var fragments = Ipv4Fragments(message, id: 9, fragmentBytes: 1000, order: [0, 1, 2]);
        var repeated = new RecordingSink();
        var repeatedProbe = CaptureRun.UdpProbe(Port);
        CaptureRun.Of(Capture([fragments[0], fragments[0], fragments[1], fragments[2]]), repeated, repeatedProbe);
        Assert.Single(repeatedProbe.Seen);
        Assert.Empty(repeated.Events);

        var rewritten = (byte[])fragments[0].Clone();
        rewritten[^1] ^= 0xFF;
        var attacked = new RecordingSink();
        var attackedProbe = CaptureRun.UdpProbe(Port);
        CaptureRun.Of(Capture([fragments[0], rewritten, fragments[1], fragments[2]]), attacked, attackedProbe);

        var (_, pdu, _) = Assert.Single(attackedProbe.Seen);
        Assert.Equal(message, pdu); // The first bytes to arrive stand.
        var (frame, _, kind, detail) = Assert.Single(attacked.Events);
        Assert.Equal(2, frame);
        Assert.Equal(DiscoveryEventKind.Malformed, kind);
        Assert.Contains("overlap with different bytes", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fragment_reaching_past_65535_bytes_is_reported_and_dropped()
    {
        var sink = new RecordingSink();
        var probe = CaptureRun.UdpProbe(Port);
        // Offset 8189 × 8 = 65,512 bytes, plus 100 bytes of data: past the largest datagram IP can carry.
        var fragment = Packets.Ethernet(0x0800, Packets.Ipv4(Udp, new byte[100], fragmentField: 8189));

        CaptureRun.Of(Capture([fragment]), sink, probe);

        Assert.Empty(probe.Seen);
        Assert.Contains("past 65,535 bytes", Assert.Single(sink.Events).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipv6_fragments_are_reassembled_too()
    {
        var message = ProbeDissector.Pdu([.. Enumerable.Range(0, 2500).Select(i => (byte)(i + 1))]);
        var datagram = Packets.UdpDatagram(40000, Port, message);
        var first = datagram[..1448];
        var second = datagram[1448..];
        var probe = CaptureRun.UdpProbe(Port);

        CaptureRun.Of(Capture([Ipv6Fragment(first, offset: 0, more: true, id: 0xABCDEF01), Ipv6Fragment(second, offset: 1448, more: false, id: 0xABCDEF01)]), probe);

        var (frame, pdu, info) = Assert.Single(probe.Seen);
        Assert.Equal(2, frame);
        Assert.Equal(message, pdu);
        Assert.False(info.SourceIp.IsV4);
    }

    [Fact]
    public void Datagrams_that_never_complete_are_forgotten_beyond_the_bound()
    {
        var defragmenter = new IpDefragmenter();
        var decoded = default(Seam.Protocols.Frames.DecodedFrame);
        for (uint id = 0; id < IpDefragmenter.MaxDatagramsInFlight * 4; id++)
        {
            // First fragments only: each opens a datagram that never completes.
            var frame = Packets.Ethernet(0x0800, Id(Packets.Ipv4(Udp, new byte[64], fragmentField: 0x2000), (ushort)id));
            Seam.Protocols.Frames.FrameDecoder.Decode(1, frame, ref decoded);
            Assert.Equal(FragmentOutcome.Pending, defragmenter.Add(decoded, frame, out _));
        }

        Assert.Equal(IpDefragmenter.MaxDatagramsInFlight, defragmenter.Pending);
    }

    [Fact]
    public void Reassembly_agrees_with_tshark_on_the_frame_and_the_datagram()
    {
        var message = ProbeDissector.Pdu([.. Enumerable.Range(0, 3500).Select(i => (byte)(i * 3))]);
        var frames = Ipv4Fragments(message, id: 0x4242, fragmentBytes: 1480, order: [1, 0, 2]);
        frames.Insert(1, Packets.EthernetUdp(40001, Port, ProbeDissector.Pdu(1, 2, 3)));
        var path = Path.Combine(Path.GetTempPath(), $"seam-fragments-{Guid.NewGuid():N}.pcap");
        File.WriteAllBytes(path, Capture(frames));
        try
        {
            var probe = CaptureRun.UdpProbe(Port);
            CaptureRun.Of(File.ReadAllBytes(path), probe);

            // tshark shows the UDP header only where the datagram was whole: the unfragmented one and the last fragment.
            var expected = Tshark.Fields(path, "frame.number", "udp.length")
                .Where(row => row[1].Length > 0)
                .Select(row => (long.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture) - 8))
                .ToList();
            Assert.Equal(expected, probe.Seen.Select(s => (s.Frame, s.Pdu.Length)).ToList());
            Assert.Equal([2L, 4L], expected.Select(e => e.Item1));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Capture(IEnumerable<byte[]> frames)
    {
        var file = new PcapFile(1);
        var time = 1_700_000_000_000_000_000L;
        foreach (var frame in frames)
        {
            file.Add(time += 1_000_000, frame);
        }

        return file.ToArray();
    }

    /// <summary>The UDP datagram carrying <paramref name="message"/>, cut into IPv4 fragments of <paramref name="fragmentBytes"/> (a multiple of 8), in the given order.</summary>
    private static List<byte[]> Ipv4Fragments(byte[] message, ushort id, int fragmentBytes, int[] order)
    {
        var datagram = Packets.UdpDatagram(40000, Port, message);
        var parts = new List<byte[]>();
        for (var offset = 0; offset < datagram.Length; offset += fragmentBytes)
        {
            var length = Math.Min(fragmentBytes, datagram.Length - offset);
            var more = offset + length < datagram.Length;
            var field = (ushort)((more ? 0x2000 : 0) | (offset / 8));
            parts.Add(Packets.Ethernet(0x0800, Id(Packets.Ipv4(Udp, datagram[offset..(offset + length)], fragmentField: field), id)));
        }

        Assert.Equal(order.Length, parts.Count);
        return [.. order.Select(i => parts[i])];
    }

    private static byte[] Id(byte[] ipv4, ushort id)
    {
        BinaryPrimitives.WriteUInt16BigEndian(ipv4.AsSpan(4), id);
        return ipv4;
    }

    private static byte[] Ipv6Fragment(byte[] part, int offset, bool more, uint id)
    {
        // The fragment header's next header is UDP; Packets.Ipv6 writes each extension as (type, bytes after its next-header byte).
        var fragmentHeader = new byte[7];
        fragmentHeader[0] = 0; // reserved
        BinaryPrimitives.WriteUInt16BigEndian(fragmentHeader.AsSpan(1), (ushort)(offset | (more ? 1 : 0)));
        BinaryPrimitives.WriteUInt32BigEndian(fragmentHeader.AsSpan(3), id);
        return Packets.Ethernet(0x86DD, Packets.Ipv6(Udp, part, extensions: [(44, fragmentHeader)]));
    }
}
