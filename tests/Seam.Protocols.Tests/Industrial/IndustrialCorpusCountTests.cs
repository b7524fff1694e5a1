using Seam.Protocols.Capture;
using Seam.Protocols.Dissection;
using Seam.Protocols.Tests.Capture;

namespace Seam.Protocols.Tests.Industrial;

/// <summary>
/// Every corpus capture of OPC UA, BACnet, IEC 104 and PROFINET (and the mixed one) through the capture pipeline
/// and all of Seam's dissectors: the frames Seam counts per protocol equal tshark's, or differ by an amount
/// explained below.
/// </summary>
public sealed class IndustrialCorpusCountTests
{
    private static readonly (string TsharkName, ProtocolId Protocol)[] Compared =
    [
        ("opcua", ProtocolId.OpcUa),
        ("bvlc", ProtocolId.BacnetIp),
        ("bacnet", ProtocolId.Bacnet),
        ("iec60870_104", ProtocolId.Iec104),
        ("pn_dcp", ProtocolId.ProfinetDcp),
        ("pn_rt", ProtocolId.ProfinetRt),
        ("lldp", ProtocolId.Lldp),
        ("cdp", ProtocolId.Cdp),
    ];

    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var capture in CorpusCaptures.All())
        {
            if (capture.Split('/', '\\')[0] is "opcua" or "bacnet" or "iec104" or "profinet" or "mixed")
            {
                data.Add(capture);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Frames_per_protocol_equal_tsharks(string capture)
    {
        var path = CorpusCaptures.Full(capture);
        var tshark = TsharkProtocolCounts.Of(path, DecodeAs(capture));

        using var file = File.OpenRead(path);
        var summary = PassiveDissection.Run(file, DissectorCatalog.All(), new RecordingSink(), capture);

        var differences = new List<string>();
        foreach (var (name, protocol) in Compared)
        {
            var expected = tshark.GetValueOrDefault(name) - Explained(capture, protocol);
            var actual = summary.FramesByProtocol.GetValueOrDefault(protocol);
            if (expected != actual)
            {
                differences.Add($"{name}: tshark {tshark.GetValueOrDefault(name)} (expected {expected} after explained differences), Seam {actual}");
            }
        }

        Assert.True(differences.Count == 0, string.Join("; ", differences));
    }

    private static string[] DecodeAs(string capture) =>
        capture.EndsWith("opc-ua-ap-method-wireshark-freeze.pcap", StringComparison.Ordinal) ? ["tcp.port==12001,opcua"] : [];

    /// <summary>How many frames tshark counts that Seam, for the reason given, does not.</summary>
    private static long Explained(string capture, ProtocolId protocol) => (capture.Replace('\\', '/'), protocol) switch
    {
        _ => 0,
    };
}
