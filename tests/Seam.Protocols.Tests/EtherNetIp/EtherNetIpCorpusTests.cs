using Seam.Protocols.Dissection;
using Seam.Protocols.Tests.Modbus;
using static Seam.Protocols.Tests.Modbus.ProtocolFrameComparison;

namespace Seam.Protocols.Tests.EtherNetIp;

/// <summary>
/// Every EtherNet/IP corpus capture through the capture pipeline, frame by frame against tshark's enip and cip.
/// Implicit I/O on UDP 2222 is not compared: tshark calls it cipio, not enip or cip, and Seam does not bind it.
/// </summary>
public sealed class EtherNetIpCorpusTests
{
    private const string SpuriousRetransmission =
        "tshark marks the segment a spurious TCP retransmission and does not dissect it; the capture pipeline hands it over";

    private static readonly Dictionary<string, Difference[]> Known = new()
    {
        ["enip_cip/specialCIP.pcap"] =
        [
            new(229, OnlySeam: true, SpuriousRetransmission),
            new(232, OnlySeam: true, SpuriousRetransmission),
        ],
    };

    public static TheoryData<string> Captures => ProtocolFrameComparison.Captures("enip_cip", "mixed");

    [Theory]
    [MemberData(nameof(Captures))]
    public void Encapsulation_frames_are_the_ones_tshark_shows_as_enip(string capture)
    {
        var result = AssertMatches(capture, ProtocolId.EtherNetIp, "enip", Known.GetValueOrDefault(capture, []));

        Assert.True(result.TsharkFrames > 0, $"{capture} has no EtherNet/IP frames to compare");
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Cip_frames_are_the_ones_tshark_shows_as_cip(string capture)
    {
        var result = AssertMatches(capture, ProtocolId.Cip, "cip", Known.GetValueOrDefault(capture, []));

        Assert.True(result.TsharkFrames > 0, $"{capture} has no CIP frames to compare");
    }
}
