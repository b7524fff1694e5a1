using Seam.Protocols.Dissection;
using static Seam.Protocols.Tests.Modbus.ProtocolFrameComparison;

namespace Seam.Protocols.Tests.Dnp3;

/// <summary>
/// Every DNP3 corpus capture through the capture pipeline, frame by frame against tshark's dnp3. All of them
/// agree, including DNP3-Malformed.pcap, where tshark still shows frames with a link length below 5 as DNP3.
/// </summary>
public sealed class Dnp3CorpusTests
{
    public static TheoryData<string> Captures => Seam.Protocols.Tests.Modbus.ProtocolFrameComparison.Captures("dnp3");

    [Theory]
    [MemberData(nameof(Captures))]
    public void Dnp3_frames_are_the_ones_tshark_shows_as_dnp3(string capture)
    {
        var result = AssertMatches(capture, ProtocolId.Dnp3, "dnp3", []);

        Assert.True(result.TsharkFrames > 0, $"{capture} has no DNP3 frames to compare");
    }
}
