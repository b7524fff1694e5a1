using System.Buffers.Binary;
using Seam.Protocols.Dissection;
using Seam.Protocols.Http;

namespace Seam.Protocols.FileTransfer;

/// <summary>
/// TFTP requests (RFC 1350, options RFC 2347). PLCs, switches and IP phones fetch firmware and configuration
/// this way, without any authentication, so every read or write request is an event. Only the request goes
/// to port 69; the transfer itself runs between two other ports and is not bound here.
/// </summary>
public sealed class TftpDissector : IDissector
{
    private const ushort ReadRequest = 1;
    private const ushort WriteRequest = 2;
    private const ushort Error = 5;
    private const ushort OptionAck = 6;

    private static readonly string[] Names = ["", "RRQ", "WRQ", "DATA", "ACK", "ERROR", "OACK"];

    public ProtocolId Protocol => ProtocolId.Tftp;

    public DissectorBinding Binding { get; } = DissectorBinding.Udp(69);

    public int PduLength(ReadOnlySpan<byte> stream) => -1;

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.Length < 4)
        {
            return;
        }

        var opcode = BinaryPrimitives.ReadUInt16BigEndian(pdu);
        if (opcode is < ReadRequest or > OptionAck)
        {
            return;
        }

        if (opcode is not (ReadRequest or WriteRequest))
        {
            sink.Pdu(frame, ProtocolId.Tftp);
            sink.Operation(frame, ProtocolId.Tftp, opcode, Names[opcode], opcode == Error ? OperationKind.Error : OperationKind.Other, isRequest: false);
            return;
        }

        // filename NUL mode NUL: both must be there and the mode must be one RFC 1350 defines.
        var body = pdu[2..];
        var fileEnd = body.IndexOf((byte)0);
        if (fileEnd <= 0)
        {
            return;
        }

        var modeBytes = body[(fileEnd + 1)..];
        var modeEnd = modeBytes.IndexOf((byte)0);
        var mode = modeEnd < 0 ? modeBytes : modeBytes[..modeEnd];
        if (!IsMode(mode))
        {
            return;
        }

        var fileName = AsciiText.ToPrintable(body[..fileEnd]);
        var isWrite = opcode == WriteRequest;
        sink.Pdu(frame, ProtocolId.Tftp);
        sink.Operation(frame, ProtocolId.Tftp, opcode, Names[opcode], isWrite ? OperationKind.Write : OperationKind.Read, isRequest: true);
        sink.Event(frame, ProtocolId.Tftp, DiscoveryEventKind.FileTransfer, isWrite
            ? "TFTP upload of '" + fileName + "' from " + frame.SourceIp + " to " + frame.DestinationIp + " (write request, no authentication)"
            : "TFTP download of '" + fileName + "' from " + frame.DestinationIp + " to " + frame.SourceIp + " (read request, no authentication)");
    }

    private static bool IsMode(ReadOnlySpan<byte> mode) =>
        (mode.Length == 5 && AsciiText.StartsWithIgnoreCase(mode, "octet"u8))
        || (mode.Length == 8 && AsciiText.StartsWithIgnoreCase(mode, "netascii"u8))
        || (mode.Length == 4 && AsciiText.StartsWithIgnoreCase(mode, "mail"u8));
}
