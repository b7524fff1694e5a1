using Seam.Protocols.Capture;
using Seam.Protocols.Dissection;
using Seam.Protocols.Tests.Capture;

namespace Seam.Protocols.Tests.Accuracy;

/// <summary>
/// For every capture in the corpus: the frames Seam attributes to each protocol against tshark's dissection of the
/// same file (its <c>frame.protocols</c>, default settings). A difference must be fixed or listed in
/// <see cref="ExplainedDifferences"/> with both exact counts and the reason, so a listed difference that moves fails too.
/// </summary>
public sealed class ProtocolCountsAgreeWithTsharkTests
{
    /// <summary>tshark's protocol names for each protocol Seam counts; a frame counts if any of them is present.</summary>
    internal static readonly IReadOnlyDictionary<ProtocolId, string[]> TsharkNames = new Dictionary<ProtocolId, string[]>
    {
        [ProtocolId.ModbusTcp] = ["mbtcp"],
        [ProtocolId.EtherNetIp] = ["enip"],
        [ProtocolId.Cip] = ["cip"],
        [ProtocolId.S7Comm] = ["s7comm"],
        [ProtocolId.Dnp3] = ["dnp3"],
        [ProtocolId.OpcUa] = ["opcua"],
        [ProtocolId.BacnetIp] = ["bvlc"],
        [ProtocolId.Bacnet] = ["bacnet"],
        [ProtocolId.Iec104] = ["iec60870_104"],
        [ProtocolId.ProfinetDcp] = ["pn_dcp"],
        [ProtocolId.ProfinetRt] = ["pn_rt"],
        // tshark 4.0 shows PROFINET CM as plain DCE/RPC over UDP unless it saw the connection set up.
        [ProtocolId.ProfinetCm] = ["dcerpc"],
        [ProtocolId.Lldp] = ["lldp"],
        [ProtocolId.Cdp] = ["cdp"],
        [ProtocolId.Tls] = ["tls"],
        [ProtocolId.Http] = ["http"],
        [ProtocolId.Dns] = ["dns"],
        [ProtocolId.Dhcp] = ["dhcp"],
        [ProtocolId.Ssh] = ["ssh"],
        [ProtocolId.Rdp] = ["rdp"],
        [ProtocolId.Vnc] = ["vnc"],
        [ProtocolId.Smb] = ["smb", "smb2"],
        [ProtocolId.Telnet] = ["telnet"],
        [ProtocolId.Ftp] = ["ftp"],
        [ProtocolId.Tftp] = ["tftp"],
        [ProtocolId.Snmp] = ["snmp"],
    };

    /// <summary>(capture, protocol) → Seam's count, tshark's count, and why they differ.</summary>
    internal static readonly IReadOnlyDictionary<(string Capture, ProtocolId Protocol), (long Seam, long Tshark, string Reason)> ExplainedDifferences =
        new Dictionary<(string, ProtocolId), (long, long, string)>
        {
        };

    public static TheoryData<string> Captures() => CorpusCaptures.Theory();

    [Theory]
    [MemberData(nameof(Captures))]
    public void Frames_per_protocol_match_tshark_or_the_difference_is_explained(string capture)
    {
        var path = CorpusCaptures.Full(capture);
        var seam = SeamCounts(path);
        var tshark = TsharkCounts(path);

        var problems = new List<string>();
        foreach (var protocol in TsharkNames.Keys)
        {
            var ours = seam.GetValueOrDefault(protocol);
            var theirs = tshark.GetValueOrDefault(protocol);
            var explained = ExplainedDifferences.TryGetValue((capture, protocol), out var why);
            if (ours == theirs && !explained)
            {
                continue;
            }

            if (!explained)
            {
                problems.Add($"{protocol}: Seam {ours} frames, tshark {theirs}");
            }
            else if (why.Seam != ours || why.Tshark != theirs)
            {
                problems.Add($"{protocol}: explained as Seam {why.Seam} vs tshark {why.Tshark} ({why.Reason}), now Seam {ours} vs tshark {theirs}");
            }
        }

        Assert.True(problems.Count == 0, $"{capture}:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void Every_explained_difference_names_a_capture_of_the_corpus()
    {
        var captures = CorpusCaptures.All().ToHashSet(StringComparer.Ordinal);

        Assert.All(ExplainedDifferences.Keys, key => Assert.Contains(key.Capture, captures));
    }

    internal static IReadOnlyDictionary<ProtocolId, long> SeamCounts(string path)
    {
        using var stream = File.OpenRead(path);
        return PassiveDissection.Run(stream, DissectorCatalog.All(), new NullSink(), path).FramesByProtocol;
    }

    internal static Dictionary<ProtocolId, long> TsharkCounts(string path)
    {
        var counts = new Dictionary<ProtocolId, long>();
        foreach (var fields in Tshark.Fields(path, "frame.protocols"))
        {
            var layers = fields[0].Split(':');
            foreach (var (protocol, names) in TsharkNames)
            {
                if (names.Any(n => layers.Contains(n, StringComparer.Ordinal)))
                {
                    counts[protocol] = counts.GetValueOrDefault(protocol) + 1;
                }
            }
        }

        return counts;
    }

    private sealed class NullSink : IDissectionSink
    {
        public void Pdu(in FrameInfo frame, ProtocolId protocol)
        {
        }

        public void Operation(in FrameInfo frame, ProtocolId protocol, ushort code, string name, OperationKind kind, bool isRequest)
        {
        }

        public void Identity(in FrameInfo frame, ProtocolId protocol, DeviceRef device, IdentityField field, string value)
        {
        }

        public void Event(in FrameInfo frame, ProtocolId protocol, DiscoveryEventKind kind, string detail)
        {
        }
    }
}
