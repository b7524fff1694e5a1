using System.Globalization;
using Seam.Protocols.Capture;
using Seam.Protocols.Dissection;
using Seam.Protocols.Frames;

namespace Seam.Protocols.Tests.Capture;

/// <summary>
/// Every corpus capture reads as tshark reads it: the same frames at the same times, and per frame the same
/// addresses, ports and VLAN id. One tshark run per capture serves both comparisons.
/// </summary>
public sealed class CorpusAgreesWithTsharkTests
{
    private static readonly string[] Fields =
    [
        "frame.number", "frame.time_epoch", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst",
        "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "vlan.id", "ip.flags.mf", "ip.frag_offset", "ipv6.fragment",
    ];

    public static TheoryData<string> Captures => CorpusCaptures.Theory();

    [Fact]
    public void The_corpus_has_captures_of_every_container_format_seam_reads()
    {
        var captures = CorpusCaptures.All();

        Assert.True(captures.Count >= 50, $"expected the corpus's pcaps, found {captures.Count}");
        Assert.Contains(captures, c => c.EndsWith(".pcapng", StringComparison.Ordinal));
        Assert.Contains(captures, c => c.EndsWith(".pcap", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Frames_times_and_lower_layers_equal_tsharks(string capture)
    {
        var path = CorpusCaptures.Full(capture);
        var expected = Tshark.Fields(path, Fields);

        using (var file = File.OpenRead(path))
        {
            var summary = PassiveDissection.Run(file, [], new RecordingSink(), capture);

            Assert.Equal(expected.Count, summary.Frames);
            Assert.Empty(summary.Problems);
            Assert.Equal(EpochNanos(expected[0][1]), summary.FirstTimestampNanos);
            Assert.Equal(EpochNanos(expected[^1][1]), summary.LastTimestampNanos);
            Assert.Equal(new FileInfo(path).Length, summary.Bytes);
        }

        var compared = CompareLowerLayers(path, expected);
        Assert.True(compared > 0 || expected.All(row => row[2].Length == 0 && row[4].Length == 0), "no IP frame was compared");
    }

    /// <summary>tshark prints seconds with nine decimals; exact in nanoseconds, no floating point.</summary>
    internal static long EpochNanos(string text)
    {
        var parts = text.Split('.');
        var seconds = long.Parse(parts[0], CultureInfo.InvariantCulture);
        var fraction = parts.Length > 1 ? parts[1].PadRight(9, '0')[..9] : "0";
        return (seconds * 1_000_000_000) + long.Parse(fraction, CultureInfo.InvariantCulture);
    }

    /// <returns>How many frames carried IP and were compared.</returns>
    private static int CompareLowerLayers(string path, IReadOnlyList<string[]> expected)
    {
        using var stream = File.OpenRead(path);
        using var input = CaptureInput.Open(stream, path);
        var reader = CaptureRecordReader.Open(input, new ProblemLog(10));
        var decoded = default(DecodedFrame);
        var compared = 0;
        while (reader.MoveNext())
        {
            var row = expected[(int)reader.Records - 1];
            FrameDecoder.Decode(reader.LinkType, reader.Data, ref decoded);
            var where = $"frame {reader.Records}";

            // Frames tshark sees more than one IP header in (ICMP errors, tunnels) carry the inner packet's ports too.
            var v4 = row[2].Length > 0 && !row[2].Contains(',', StringComparison.Ordinal);
            var v6 = row[4].Length > 0 && !row[4].Contains(',', StringComparison.Ordinal);
            if (!v4 && !v6)
            {
                continue;
            }

            compared++;
            Assert.Equal((where, IpAddr.Parse(v4 ? row[2] : row[4])), (where, decoded.SourceIp));
            Assert.Equal((where, IpAddr.Parse(v4 ? row[3] : row[5])), (where, decoded.DestinationIp));
            Assert.Equal((where, Last(row[10])), (where, decoded.VlanId.ToString(CultureInfo.InvariantCulture)));

            // tshark reassembles fragments and shows the ports on the last one; Seam dispatches no fragment.
            var fragment = row[11] is "1" or "True" || (row[12].Length > 0 && row[12] != "0") || row[13].Length > 0;
            if (fragment)
            {
                Assert.True(decoded.IsFragment, where + " is a fragment");
                continue;
            }

            var (sourcePort, destinationPort) = row[6].Length > 0 ? (row[6], row[7]) : (row[8], row[9]);
            if (sourcePort.Length > 0 && !sourcePort.Contains(',', StringComparison.Ordinal))
            {
                Assert.Equal((where, sourcePort), (where, decoded.SourcePort.ToString(CultureInfo.InvariantCulture)));
                Assert.Equal((where, destinationPort), (where, decoded.DestinationPort.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return compared;
    }

    private static string Last(string aggregated) =>
        aggregated.Length == 0 ? "0" : aggregated.Split(',')[^1];
}
