using Seam.Protocols.Capture;
using Seam.Protocols.Dissection;
using Seam.Protocols.Tests.Capture;

namespace Seam.Protocols.Tests.Modbus;

/// <summary>
/// Runs a corpus capture through the capture pipeline with the industrial dissectors and through tshark, and
/// lists per frame where the two disagree about one protocol (tshark's <c>frame.protocols</c> name given).
/// </summary>
internal static class ProtocolFrameComparison
{
    public sealed record Result(long SeamFrames, long TsharkFrames, IReadOnlyList<long> OnlySeam, IReadOnlyList<long> OnlyTshark);

    /// <summary>A frame where Seam and tshark are known to disagree, and why.</summary>
    public sealed record Difference(long Frame, bool OnlySeam, string Reason);

    public static TheoryData<string> Captures(params string[] folders)
    {
        var data = new TheoryData<string>();
        foreach (var capture in CorpusCaptures.All().Where(c => folders.Any(f => c.StartsWith(f + "/", StringComparison.Ordinal))))
        {
            data.Add(capture);
        }

        return data;
    }

    /// <summary>Asserts that the frames the two disagree on are exactly the <paramref name="known"/> ones.</summary>
    public static Result AssertMatches(string relativePath, ProtocolId protocol, string tsharkName, IReadOnlyList<Difference> known) =>
        AssertMatches(relativePath, protocol, fields => fields[1].Split(':').Contains(tsharkName), known);

    public static Result AssertMatches(
        string relativePath, ProtocolId protocol, Func<string[], bool> tsharkHas, IReadOnlyList<Difference> known, params string[] extraFields)
    {
        var result = Compare(relativePath, protocol, tsharkHas, extraFields);
        Assert.Equal(known.Where(d => d.OnlySeam).Select(d => d.Frame), result.OnlySeam);
        Assert.Equal(known.Where(d => !d.OnlySeam).Select(d => d.Frame), result.OnlyTshark);
        return result;
    }

    private static readonly IDissector[] Industrial =
        [new Protocols.Modbus.ModbusTcpDissector(), new Protocols.EtherNetIp.EtherNetIpDissector(), new Protocols.S7.S7Dissector(), new Protocols.Dnp3.Dnp3Dissector()];

    /// <param name="tsharkHas">Given frame.number, frame.protocols and <paramref name="extraFields"/>: whether tshark saw the protocol.</param>
    public static Result Compare(string relativePath, ProtocolId protocol, Func<string[], bool> tsharkHas, params string[] extraFields)
    {
        var path = CorpusCaptures.Full(relativePath);
        var sink = new FramesSink(protocol);
        using (var stream = File.OpenRead(path))
        {
            PassiveDissection.Run(stream, Industrial, sink);
        }

        var tshark = new SortedSet<long>();
        foreach (var fields in Tshark.Fields(path, ["frame.number", "frame.protocols", .. extraFields]))
        {
            if (fields.Length == 2 + extraFields.Length && tsharkHas(fields))
            {
                tshark.Add(long.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return new Result(sink.Frames.Count, tshark.Count, sink.Frames.Except(tshark).ToList(), tshark.Except(sink.Frames).ToList());
    }

    private sealed class FramesSink(ProtocolId protocol) : IDissectionSink
    {
        public SortedSet<long> Frames { get; } = [];

        public void Pdu(in FrameInfo frame, ProtocolId reported)
        {
            if (reported == protocol)
            {
                Frames.Add(frame.Number);
            }
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
