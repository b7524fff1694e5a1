using System.Buffers.Binary;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.S7;

/// <summary>
/// Siemens S7 on ISO-TSAP (TCP 102): TPKT (RFC 1006) framing, COTP (ISO 8073 class 0) connection set-up and
/// data, then S7comm (protocol id 0x32) or S7comm-plus (0x72). Only COTP data units with the end-of-TSDU bit
/// are read: a PDU split over several data units would need the stream's earlier units, which a stateless
/// dissector does not keep (tshark reassembles them; see the corpus tests).
/// </summary>
public sealed class S7Dissector : IDissector
{
    public const ushort Port = 102;

    private const int TpktLength = 4;
    private const byte TpktVersion = 3;
    private const byte S7CommId = 0x32;
    private const byte S7CommPlusId = 0x72;

    private const byte CotpConnectRequest = 0xE0;
    private const byte CotpConnectConfirm = 0xD0;
    private const byte CotpData = 0xF0;
    private const byte CotpEndOfTsdu = 0x80;

    public ProtocolId Protocol => ProtocolId.S7Comm;

    public DissectorBinding Binding { get; } = DissectorBinding.Tcp(Port);

    public int PduLength(ReadOnlySpan<byte> stream)
    {
        if (stream.Length >= 2 && (stream[0] != TpktVersion || stream[1] != 0))
        {
            return -1;
        }

        if (stream.Length < TpktLength)
        {
            return 0;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(stream[2..]);
        return length < TpktLength + 2 ? -1 : length;
    }

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.Length < TpktLength + 2 || pdu[0] != TpktVersion)
        {
            return;
        }

        var cotp = pdu[TpktLength..];
        var headerLength = cotp[0];
        if (1 + headerLength > cotp.Length || headerLength < 1)
        {
            sink.Event(frame, ProtocolId.S7Comm, DiscoveryEventKind.Malformed,
                $"COTP: header length {headerLength} at byte 4 runs past the {cotp.Length}-byte TPKT payload");
            return;
        }

        var type = (byte)(cotp[1] & 0xF0);
        var isRequest = frame.DestinationPort == Port && frame.SourcePort != Port;
        switch (type)
        {
            case CotpConnectRequest:
                sink.Operation(frame, ProtocolId.S7Comm, type, "COTP Connection Request", OperationKind.Session, isRequest: true);
                return;
            case CotpConnectConfirm:
                sink.Operation(frame, ProtocolId.S7Comm, type, "COTP Connection Confirm", OperationKind.Session, isRequest: false);
                return;
            case CotpData when headerLength >= 2 && (cotp[2] & CotpEndOfTsdu) != 0:
                var payload = cotp[(1 + headerLength)..];
                if (payload.IsEmpty)
                {
                    return;
                }

                if (payload[0] == S7CommId)
                {
                    S7CommPdu.Report(frame, payload, sink);
                }
                else if (payload[0] == S7CommPlusId)
                {
                    ReportS7CommPlus(frame, payload, isRequest, sink);
                }

                return;
        }
    }

    /// <summary>
    /// S7comm-plus: <c>72 version length</c>, then (version 3 and later firmware) a 32-byte integrity digest
    /// preceded by its length, then the opcode (0x31 request, 0x32 response, 0x33 notification) and function.
    /// Frames whose opcode is not where it should be (continuations, other digest layouts) count as PDUs only.
    /// </summary>
    private static void ReportS7CommPlus(in FrameInfo frame, ReadOnlySpan<byte> payload, bool isRequest, IDissectionSink sink)
    {
        if (payload.Length < 4 || payload[1] is 0 or > 0x03)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.S7CommPlus);
        var body = payload[4..];
        if (payload[1] == 0x03 && body.Length > 33 && body[0] == 32)
        {
            body = body[33..];
        }

        if (body.Length < 5)
        {
            return;
        }

        var function = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
        switch (body[0])
        {
            case 0x31:
                sink.Operation(frame, ProtocolId.S7CommPlus, function, "S7comm-plus Request", OperationKind.Other, isRequest: true);
                break;
            case 0x32:
                sink.Operation(frame, ProtocolId.S7CommPlus, function, "S7comm-plus Response", OperationKind.Other, isRequest: false);
                break;
            case 0x33:
                sink.Operation(frame, ProtocolId.S7CommPlus, function, "S7comm-plus Notification", OperationKind.Other, isRequest);
                break;
        }
    }
}
