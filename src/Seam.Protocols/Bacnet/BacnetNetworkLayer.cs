using System.Buffers.Binary;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Bacnet;

/// <summary>
/// The BACnet NPDU (ASHRAE 135 §6.2): version, control, optional destination and source network addresses,
/// hop count; then a network-layer message or an APDU. Shared by BACnet/IP and BACnet over Ethernet.
/// </summary>
internal static class BacnetNetworkLayer
{
    private const byte Version = 0x01;
    private const byte NetworkMessage = 0x80;
    private const byte DestinationPresent = 0x20;
    private const byte SourcePresent = 0x08;

    private static readonly string[] MessageNames =
    [
        "Who-Is-Router-To-Network", "I-Am-Router-To-Network", "I-Could-Be-Router-To-Network", "Reject-Message-To-Network",
        "Router-Busy-To-Network", "Router-Available-To-Network", "Initialize-Routing-Table", "Initialize-Routing-Table-Ack",
        "Establish-Connection-To-Network", "Disconnect-Connection-To-Network", "Challenge-Request", "Security-Payload",
        "Security-Response", "Request-Key-Update", "Update-Key-Set", "Update-Distribution-Key", "Request-Master-Key",
        "Set-Master-Key", "What-Is-Network-Number", "Network-Number-Is",
    ];

    public static void Dissect(in FrameInfo frame, ReadOnlySpan<byte> npdu, BacnetSegments segments, IDissectionSink sink)
    {
        if (npdu.Length < 2 || npdu[0] != Version)
        {
            return;
        }

        var control = npdu[1];
        var offset = 2;
        if ((control & DestinationPresent) != 0 && !TrySkipAddress(npdu, ref offset))
        {
            return;
        }

        var fromRemoteNetwork = (control & SourcePresent) != 0;
        if (fromRemoteNetwork && !TrySkipAddress(npdu, ref offset))
        {
            return;
        }

        if ((control & DestinationPresent) != 0)
        {
            offset++;
        }

        if (offset > npdu.Length)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.Bacnet);
        if ((control & NetworkMessage) != 0)
        {
            ReportNetworkMessage(frame, npdu[offset..], sink);
            return;
        }

        BacnetApplicationLayer.Dissect(frame, npdu[offset..], fromRemoteNetwork, segments, sink);
    }

    private static void ReportNetworkMessage(in FrameInfo frame, ReadOnlySpan<byte> message, IDissectionSink sink)
    {
        if (message.IsEmpty)
        {
            return;
        }

        var type = message[0];
        var name = type < MessageNames.Length ? MessageNames[type] : "network message";
        var kind = type switch
        {
            0 or 1 or 2 or 0x12 or 0x13 => OperationKind.Identify,
            6 => OperationKind.Write,
            3 => OperationKind.Error,
            _ => OperationKind.Other,
        };
        sink.Operation(frame, ProtocolId.Bacnet, type, name, kind, type is 0 or 6 or 0x12);
    }

    /// <summary>NET u16, LEN u8, ADR[LEN]: the shape of both DNET/DADR and SNET/SADR.</summary>
    private static bool TrySkipAddress(ReadOnlySpan<byte> npdu, ref int offset)
    {
        if (npdu.Length < offset + 3)
        {
            return false;
        }

        _ = BinaryPrimitives.ReadUInt16BigEndian(npdu[offset..]);
        offset += 3 + npdu[offset + 2];
        return offset <= npdu.Length;
    }
}
