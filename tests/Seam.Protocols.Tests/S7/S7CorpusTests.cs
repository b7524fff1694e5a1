using Seam.Protocols.Dissection;
using static Seam.Protocols.Tests.Modbus.ProtocolFrameComparison;

namespace Seam.Protocols.Tests.S7;

/// <summary>
/// Every S7 corpus capture through the capture pipeline, frame by frame against tshark. S7comm is compared with
/// tshark's s7comm. tshark 4.0 has no S7comm-plus dissector (it is an out-of-tree plugin) and shows those frames
/// as tpkt:cotp with the COTP payload as data, so S7comm-plus is compared with the COTP frames whose data starts
/// with the protocol id 0x72.
/// </summary>
public sealed class S7CorpusTests
{
    private const string SpuriousRetransmission =
        "tshark marks the segment a spurious TCP retransmission and does not dissect it; the capture pipeline hands it over";

    private static readonly Dictionary<string, long[]> RetransmittedS7Comm = new()
    {
        ["s7comm/s7comm_clean.pcap"] = [398, 412, 1273, 1456, 1611, 1746, 2002, 2296, 2299, 2859, 3654, 4060],
    };

    private static readonly HashSet<string> WithoutS7Comm =
    [
        "s7comm/S7-1200-Uploading-OB1-TIAV12.pcap",
        "s7comm/S7-1511_db2_var1_HMI.pcap",
        "s7comm/S7-1511_db6w0_HMI.pcap",
        "s7comm/V13_1200_TP1200sim_MW100_Int_SPS_5s_MW102_Int_SPS_10s_MW102_ab_1000_Timer_sync.pcapng",
    ];

    public static TheoryData<string> Captures => Seam.Protocols.Tests.Modbus.ProtocolFrameComparison.Captures("s7comm", "mixed");

    [Theory]
    [MemberData(nameof(Captures))]
    public void S7comm_frames_are_the_ones_tshark_shows_as_s7comm(string capture)
    {
        var known = RetransmittedS7Comm.GetValueOrDefault(capture, []).Select(f => new Difference(f, OnlySeam: true, SpuriousRetransmission)).ToList();

        var result = AssertMatches(capture, ProtocolId.S7Comm, "s7comm", known);

        Assert.Equal(WithoutS7Comm.Contains(capture), result.TsharkFrames == 0);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void S7comm_plus_frames_are_the_cotp_data_tshark_shows_starting_with_0x72(string capture)
    {
        var result = AssertMatches(
            capture,
            ProtocolId.S7CommPlus,
            fields => fields[1].Split(':').Contains("cotp") && fields[2].StartsWith("72", StringComparison.Ordinal),
            [],
            "data.data");

        Assert.Equal(WithoutS7Comm.Contains(capture) || capture == "s7comm/s7comm_plus.pcap", result.SeamFrames > 0);
    }
}
