using System.Buffers.Binary;
using Seam.Protocols.Dissection;
using Seam.Protocols.Reassembly;

namespace Seam.Protocols.EtherNetIp;

/// <summary>
/// EtherNet/IP explicit messaging on TCP and UDP 44818: the 24-byte little-endian encapsulation header, the
/// ListIdentity reply (a device's vendor, product, revision and serial) and the CIP messages carried in
/// SendRRData / SendUnitData. Reports <see cref="ProtocolId.EtherNetIp"/> for every encapsulation message and
/// <see cref="ProtocolId.Cip"/> when it carries a CIP message, which is how tshark counts <c>enip</c> and
/// <c>cip</c>. Implicit I/O on UDP 2222 is not bound: tshark calls it <c>cipio</c>, which Seam has no id for.
/// </summary>
public sealed class EtherNetIpDissector : IDissector
{
    public const ushort Port = 44818;

    private const int HeaderLength = 24;

    /// <summary>SendRRData / SendUnitData: interface handle u32 and timeout u16 before the CPF item count.</summary>
    private const int CommonPacketOffset = 6;

    private const ushort ConnectedDataItem = 0x00B1;
    private const ushort UnconnectedDataItem = 0x00B2;

    /// <summary>
    /// Requests waiting for their reply, over every connection of the run. Engineering stations keep a handful
    /// in flight per connection, and a large plant's capture holds thousands of connections at once (4,096 lost
    /// pairings in the benchmark's); past this, the oldest unanswered ones are forgotten and their replies go
    /// unnamed. About 1 MB when full.
    /// </summary>
    internal const int MaxPendingRequests = 16_384;

    private readonly BoundedTable<CipExchange, CipRequest> _pending = new(MaxPendingRequests);

    /// <summary>Requests held until their reply, for tests of the bound.</summary>
    internal int PendingRequests => _pending.Count;

    public ProtocolId Protocol => ProtocolId.EtherNetIp;

    public DissectorBinding Binding { get; } = new([Port], [Port], []);

    public int PduLength(ReadOnlySpan<byte> stream)
    {
        if (stream.Length < HeaderLength)
        {
            return 0;
        }

        // The options field must be zero (CIP Vol. 2 §2-3.2); anything else means we are not at a header.
        return BinaryPrimitives.ReadUInt32LittleEndian(stream[20..]) != 0
            ? -1
            : HeaderLength + BinaryPrimitives.ReadUInt16LittleEndian(stream[2..]);
    }

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.Length < HeaderLength)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.EtherNetIp);
        var command = BinaryPrimitives.ReadUInt16LittleEndian(pdu);
        var length = BinaryPrimitives.ReadUInt16LittleEndian(pdu[2..]);
        var status = BinaryPrimitives.ReadUInt32LittleEndian(pdu[8..]);
        var data = pdu[HeaderLength..];
        if (length > data.Length)
        {
            sink.Event(frame, ProtocolId.EtherNetIp, DiscoveryEventKind.Malformed,
                $"EtherNet/IP: length {length} at byte 2 runs past the {data.Length} bytes after the header");
        }
        else
        {
            data = data[..length];
        }

        if (command is EncapsulationCommand.SendRRData or EncapsulationCommand.SendUnitData && status == 0)
        {
            // SendRRData replies echo the request's sender context (CIP Vol. 2 §2-4.7); connected replies echo the
            // request's sequence count instead, read per item below.
            ReportCip(frame, data, BinaryPrimitives.ReadUInt64LittleEndian(pdu[12..]), sink);
            return;
        }

        var isRequest = command == EncapsulationCommand.ListIdentity ? length == 0 : IsTowardsServer(frame);
        var (name, kind) = EncapsulationCommand.Describe(command);
        sink.Operation(frame, ProtocolId.EtherNetIp, command, name, status == 0 ? kind : OperationKind.Error, isRequest);
        if (command == EncapsulationCommand.ListIdentity && !isRequest && status == 0
            && !ListIdentityReply.Report(frame, data, sink))
        {
            sink.Event(frame, ProtocolId.EtherNetIp, DiscoveryEventKind.Malformed,
                "EtherNet/IP: ListIdentity reply at byte 24 holds no complete CIP Identity item (type 0x000C)");
        }
    }

    private static bool IsTowardsServer(in FrameInfo frame) => frame.DestinationPort == Port && frame.SourcePort != Port;

    /// <summary>Walks the Common Packet Format items and reports the CIP message in the data item, if any.</summary>
    private void ReportCip(in FrameInfo frame, ReadOnlySpan<byte> data, ulong senderContext, IDissectionSink sink)
    {
        if (data.Length < CommonPacketOffset + 2)
        {
            return;
        }

        var itemCount = BinaryPrimitives.ReadUInt16LittleEndian(data[CommonPacketOffset..]);
        var offset = CommonPacketOffset + 2;
        for (var i = 0; i < itemCount && offset + 4 <= data.Length; i++)
        {
            var type = BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(data[(offset + 2)..]);
            offset += 4;
            if (offset + length > data.Length)
            {
                sink.Event(frame, ProtocolId.EtherNetIp, DiscoveryEventKind.Malformed,
                    $"EtherNet/IP: CPF item 0x{type:x4} of {length} bytes at byte {HeaderLength + offset - 4} runs past the message");
                return;
            }

            var item = data.Slice(offset, length);
            offset += length;
            var message = type switch
            {
                UnconnectedDataItem => item,
                // Connected data starts with the connection's 16-bit sequence count.
                ConnectedDataItem when item.Length >= 2 => item[2..],
                _ => default,
            };
            if (message.Length >= 2)
            {
                sink.Pdu(frame, ProtocolId.Cip);
                var connected = type == ConnectedDataItem;
                ReportPaired(frame, message, connected ? BinaryPrimitives.ReadUInt16LittleEndian(item) : senderContext, connected, sink);
            }
        }
    }

    /// <summary>
    /// Reports a CIP message; a request is remembered, and a reply is read with the request it answers. A client
    /// that pipelines requests under one sender context has its replies paired with the latest of them; a pairing
    /// is only used when the reply's service code is the request's, so an identity is read only out of a reply to
    /// an Identity request's service.
    /// </summary>
    private void ReportPaired(in FrameInfo frame, ReadOnlySpan<byte> message, ulong tag, bool connected, IDissectionSink sink)
    {
        if ((message[0] & CipService.ReplyBit) == 0)
        {
            var request = CipMessage.Report(frame, message, sink);
            if (request.IsKnown)
            {
                _pending.Set(CipExchange.From(frame, towardsResponder: true, tag, connected), request);
            }

            return;
        }

        _pending.Remove(CipExchange.From(frame, towardsResponder: false, tag, connected), out var answered);
        CipMessage.Report(frame, message, sink, answered);
    }

    /// <summary>One request and its reply: the two ends, and what the reply echoes (sender context or sequence count).</summary>
    private readonly record struct CipExchange(IpAddr Requester, ushort RequesterPort, IpAddr Responder, ushort ResponderPort, ulong Tag, bool Connected)
    {
        public static CipExchange From(in FrameInfo frame, bool towardsResponder, ulong tag, bool connected) => towardsResponder
            ? new(frame.SourceIp, frame.SourcePort, frame.DestinationIp, frame.DestinationPort, tag, connected)
            : new(frame.DestinationIp, frame.DestinationPort, frame.SourceIp, frame.SourcePort, tag, connected);
    }
}
