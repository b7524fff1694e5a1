using System.Buffers.Binary;
using System.Globalization;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Iec104;

/// <summary>
/// IEC 60870-5-104: the APCI (start 0x68, length, four control octets in I, S or U format) and, in I-format
/// APDUs, the ASDU header (type id, variable structure qualifier, cause of transmission, originator, common
/// address). The common address is the outstation's address, reported as its <see cref="IdentityField.DeviceAddress"/>.
/// </summary>
public sealed class Iec104Dissector : IDissector
{
    private const byte StartByte = 0x68;
    private const ushort ServerPort = 2404;
    private const int ApciLength = 6;
    private const int AsduHeaderLength = 6;
    private const ushort GlobalAddress = 0xFFFF;

    public ProtocolId Protocol => ProtocolId.Iec104;

    public DissectorBinding Binding { get; } = DissectorBinding.Tcp(ServerPort);

    public int PduLength(ReadOnlySpan<byte> stream)
    {
        if (stream.IsEmpty)
        {
            return 0;
        }

        if (stream[0] != StartByte)
        {
            return -1;
        }

        if (stream.Length < 2)
        {
            return 0;
        }

        // The length counts the four control octets and the ASDU; 253 is the most an APDU may carry.
        return stream[1] is < 4 or > 253 ? -1 : 2 + stream[1];
    }

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        var length = PduLength(pdu);
        if (length < ApciLength || pdu.Length < length)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.Iec104);
        var control = pdu[2];
        if ((control & 0x01) == 0)
        {
            DissectAsdu(frame, pdu[ApciLength..length], sink);
        }
        else if ((control & 0x03) == 0x03)
        {
            ReportUnnumbered(frame, control, sink);
        }

        // S-format APDUs only acknowledge received I-format APDUs: no operation to report.
    }

    private static void ReportUnnumbered(in FrameInfo frame, byte control, IDissectionSink sink)
    {
        var (name, isRequest) = control switch
        {
            0x07 => ("STARTDT act", true),
            0x0B => ("STARTDT con", false),
            0x13 => ("STOPDT act", true),
            0x23 => ("STOPDT con", false),
            0x43 => ("TESTFR act", true),
            0x83 => ("TESTFR con", false),
            _ => (null, false),
        };
        if (name is null)
        {
            sink.Event(frame, ProtocolId.Iec104, DiscoveryEventKind.Malformed,
                $"IEC 104 U-format control octet 0x{control:X2} sets no single function (or several)");
            return;
        }

        sink.Operation(frame, ProtocolId.Iec104, control, name, control >= 0x43 ? OperationKind.Diagnostic : OperationKind.Session, isRequest);
    }

    private static void DissectAsdu(in FrameInfo frame, ReadOnlySpan<byte> asdu, IDissectionSink sink)
    {
        if (asdu.Length < AsduHeaderLength)
        {
            sink.Event(frame, ProtocolId.Iec104, DiscoveryEventKind.Malformed,
                $"IEC 104 I-format APDU with a {asdu.Length}-byte ASDU, shorter than the {AsduHeaderLength}-byte ASDU header");
            return;
        }

        var typeId = asdu[0];
        var cause = asdu[2];
        var type = Iec104TypeIds.Of(typeId);
        var cot = cause & 0x3F;
        var negative = (cause & 0x40) != 0;
        var isRequest = cot is 5 or 6 or 8;
        var kind = negative || cot is >= 44 and <= 47 ? OperationKind.Error : type.Kind;
        sink.Operation(frame, ProtocolId.Iec104, typeId, type.Name, kind, isRequest);

        var commonAddress = BinaryPrimitives.ReadUInt16LittleEndian(asdu[4..]);
        if (commonAddress != GlobalAddress)
        {
            sink.Identity(frame, ProtocolId.Iec104, Outstation(frame, type, isRequest), IdentityField.DeviceAddress,
                commonAddress.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// The controlled station listens on 2404; on another port the direction of the ASDU says which end it is:
    /// it sends monitor data and confirmations, and receives commands and requests.
    /// </summary>
    private static DeviceRef Outstation(in FrameInfo frame, Iec104Type type, bool isRequest)
    {
        if (frame.DestinationPort == ServerPort)
        {
            return DeviceRef.Destination(frame);
        }

        if (frame.SourcePort == ServerPort)
        {
            return DeviceRef.Source(frame);
        }

        return isRequest && !type.IsMonitor ? DeviceRef.Destination(frame) : DeviceRef.Source(frame);
    }
}
