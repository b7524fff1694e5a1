using Seam.Protocols.Dissection;
using static Seam.Protocols.Tests.Modbus.ProtocolFrameComparison;

namespace Seam.Protocols.Tests.Modbus;

/// <summary>Every Modbus corpus capture through the capture pipeline, frame by frame against tshark's mbtcp.</summary>
public sealed class ModbusCorpusTests
{
    private const string Retransmission =
        "tshark marks the segment a TCP retransmission and does not dissect it; the capture pipeline hands it over as new data";

    private static readonly Dictionary<string, Difference[]> Known = new()
    {
        ["modbus/fuzz-1011.pcap"] = [new(4, OnlySeam: true, Retransmission)],
        ["modbus/modbusBig.pcap"] = [new(3150, OnlySeam: true, Retransmission + " (spurious retransmission)")],
        ["mixed/mb2.pcap"] =
        [
            new(1131, OnlySeam: true, Retransmission),
            new(3674, OnlySeam: true, Retransmission),
            new(13176, OnlySeam: true, Retransmission),
        ],
    };

    public static TheoryData<string> Captures => ProtocolFrameComparison.Captures("modbus", "mixed");

    [Theory]
    [MemberData(nameof(Captures))]
    public void Modbus_frames_are_the_ones_tshark_shows_as_mbtcp(string capture)
    {
        var result = AssertMatches(capture, ProtocolId.ModbusTcp, "mbtcp", Known.GetValueOrDefault(capture, []));

        Assert.True(result.TsharkFrames > 0, $"{capture} has no Modbus frames to compare");
    }
}
