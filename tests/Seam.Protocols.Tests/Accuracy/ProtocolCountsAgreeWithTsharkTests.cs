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
        // tshark 4.0 shows PROFINET CM as DCE/RPC; only that on UDP 34964 is PROFINET's (see TsharkCounts).
        [ProtocolId.ProfinetCm] = ["dcerpc"],
        [ProtocolId.Lldp] = ["lldp"],
        [ProtocolId.Cdp] = ["cdp"],
        [ProtocolId.Tls] = ["tls"],
        [ProtocolId.Http] = ["http"],
        [ProtocolId.Dns] = ["dns", "mdns"],
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
            [("bacnet/mstp_20090227094623.pcap", ProtocolId.Bacnet)] = (0, 403,
                "BACnet MS/TP on a serial line (link type 165): Seam reads Ethernet, SLL and raw IP captures, not MS/TP."),
            [("bacnet/BACnet-MSTP-SNAP-Mixed.cap", ProtocolId.Bacnet)] = (68, 137,
                "69 frames carry MS/TP inside Cimetrics' own SNAP wrapping, which Seam does not bind; the 68 BACnet/IP frames agree."),
            [("dnp3/DNP3ValueBinary.pcap", ProtocolId.Snmp)] = (0, 2,
                "The two SNMP packets are only quoted inside ICMP errors; Seam does not dissect packets quoted by ICMP."),
            [("opcua/open62541_client-server_mainloop.pcap", ProtocolId.Dns)] = (0, 4,
                "DNS between two ephemeral UDP ports, which tshark finds by a heuristic; Seam dispatches UDP by port only."),
            [("opcua/opc-ua-ap-method-wireshark-freeze.pcap", ProtocolId.OpcUa)] = (24, 0,
                "OPC UA on TCP 12001: tshark decodes it only when told (-d tcp.port==12001,opcua); Seam recognises the Hello that opens the stream."),
            [("opcua/opcua_with-gap.pcap", ProtocolId.OpcUa)] = (172, 171,
                "tshark marks the segments of one message as spurious retransmissions although their bytes follow on; Seam completes that message."),
            [("iec104/TestDissectIec104.pcap", ProtocolId.Iec104)] = (49, 61,
                "12 deliberately broken segments whose APCI does not hold together; tshark still labels them IEC 104, Seam refuses them."),
            [("s7comm/s7comm_clean.pcap", ProtocolId.S7Comm)] = (5274, 5262, Resynchronised),
            [("enip_cip/specialCIP.pcap", ProtocolId.EtherNetIp)] = (232, 230, Resynchronised + " (frames 229 and 232)"),
            [("enip_cip/specialCIP.pcap", ProtocolId.Cip)] = (232, 230, Resynchronised + " (frames 229 and 232)"),
            [("mixed/mb2.pcap", ProtocolId.ModbusTcp)] = (2717, 2714, Resynchronised + " (frames 1131, 3674 and 13176)"),
            [("modbus/modbusBig.pcap", ProtocolId.ModbusTcp)] = (5549, 5548, Resynchronised + " (frame 3150)"),
            [("modbus/fuzz-1011.pcap", ProtocolId.ModbusTcp)] = (5, 4, Resynchronised + " (frame 4)"),
        };

    private const string Resynchronised =
        "Segments whose sequence numbers lie behind data already seen, while the segments between are missing from the capture: " +
        "tshark labels them retransmissions and does not dissect them, Seam resynchronises on them and reads the PDU they carry";

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
        foreach (var fields in Tshark.Fields(path, "frame.protocols", "udp.port"))
        {
            var layers = fields[0].Split(':');
            var onProfinetCmPort = fields.Length > 1 && fields[1].Split(',').Contains("34964", StringComparer.Ordinal);
            foreach (var (protocol, names) in TsharkNames)
            {
                if (names.Any(n => layers.Contains(n, StringComparer.Ordinal)) && (protocol != ProtocolId.ProfinetCm || onProfinetCmPort))
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
