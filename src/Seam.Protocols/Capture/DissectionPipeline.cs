using Seam.Protocols.Dissection;
using Seam.Protocols.Frames;
using Seam.Protocols.Reassembly;
using Seam.Protocols.Streams;

namespace Seam.Protocols.Capture;

/// <summary>
/// Routes each decoded frame to its dissectors: layer-2 payloads by EtherType, UDP by destination then source
/// port, TCP through the reassembler. One instance per run; nothing here allocates per frame.
/// </summary>
internal sealed class DissectionPipeline
{
    private readonly DissectorTable table;
    private readonly SafeDissection dissection;
    private readonly FrameCountingSink counter;
    private readonly IDissectionSink sink;
    private readonly IpDefragmenter fragments = new();
    private DecodedFrame decoded;

    public DissectionPipeline(IReadOnlyList<IDissector> dissectors, IDissectionSink sink, ProblemLog problems, CaptureLimits limits)
    {
        table = new DissectorTable(dissectors);
        this.sink = sink;
        counter = new FrameCountingSink(sink);
        dissection = new SafeDissection(counter, problems);
        Tcp = new TcpReassembler(table, dissection, problems, limits);
    }

    public TcpReassembler Tcp { get; }

    public IReadOnlyDictionary<ProtocolId, long> FramesByProtocol() => counter.Counts();

    public void Process(long number, long timestampNanos, uint linkType, ReadOnlySpan<byte> data, int wireLength, long recordOffset)
    {
        dissection.RecordOffset = recordOffset;
        FrameDecoder.Decode(linkType, data, ref decoded);
        var packet = data;
        var outcome = FragmentOutcome.Pending;
        if (decoded.IsFragment && decoded.PayloadLength > 0)
        {
            // The fragment that completes a datagram is dispatched as the whole datagram, as tshark shows it.
            outcome = fragments.Add(decoded, data, out var datagram);
            if (!datagram.IsEmpty)
            {
                packet = datagram;
                FrameDecoder.DecodeReassembled(datagram, ref decoded);
            }
        }

        var frame = decoded.ToFrameInfo(number, timestampNanos, wireLength);
        sink.Frame(frame);
        if (outcome is FragmentOutcome.ConflictingOverlap or FragmentOutcome.TooLong)
        {
            ReportFragment(frame, outcome);
        }

        var payload = packet.Slice(decoded.PayloadOffset, decoded.PayloadLength);
        switch (decoded.Layer)
        {
            case FrameLayer.Link:
                if (table.EtherType(decoded.EtherType) is { } layer2)
                {
                    dissection.Dissect(layer2, frame, payload);
                }

                break;
            case FrameLayer.Udp:
                if ((table.Udp(decoded.DestinationPort) ?? table.Udp(decoded.SourcePort)) is { } udp)
                {
                    dissection.Dissect(udp, frame, payload);
                }

                break;
            case FrameLayer.Tcp:
                Tcp.OnSegment(frame, decoded, payload);
                break;
        }

        counter.EndFrame();
    }

    public void Finish() => Tcp.Finish();

    private void ReportFragment(in FrameInfo frame, FragmentOutcome outcome) => counter.Event(frame, ProtocolId.Ip, DiscoveryEventKind.Malformed, outcome switch
    {
        FragmentOutcome.ConflictingOverlap =>
            $"fragments of datagram {decoded.FragmentId} overlap with different bytes, which hides what the receiver will see (an evasion or a faulty stack)",
        _ => $"a fragment of datagram {decoded.FragmentId} reaches past 65,535 bytes, which no datagram can (an attack on the receiver's reassembly)",
    });
}
