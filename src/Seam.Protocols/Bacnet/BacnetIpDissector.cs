using System.Buffers.Binary;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Bacnet;

/// <summary>
/// BACnet/IP (ASHRAE 135 Annex J): the BACnet Virtual Link Control header on UDP, then the NPDU for the
/// functions that carry one. Counts <see cref="ProtocolId.BacnetIp"/> per BVLC message and
/// <see cref="ProtocolId.Bacnet"/> per NPDU, as tshark counts bvlc and bacnet.
/// </summary>
public sealed class BacnetIpDissector : IDissector
{
    private const byte BacnetIpType = 0x81;
    private const int HeaderLength = 4;
    private const byte LastFunction = 0x0C;

    private static readonly string[] FunctionNames =
    [
        "BVLC-Result", "Write-Broadcast-Distribution-Table", "Read-Broadcast-Distribution-Table",
        "Read-Broadcast-Distribution-Table-Ack", "Forwarded-NPDU", "Register-Foreign-Device", "Read-Foreign-Device-Table",
        "Read-Foreign-Device-Table-Ack", "Delete-Foreign-Device-Table-Entry", "Distribute-Broadcast-To-Network",
        "Original-Unicast-NPDU", "Original-Broadcast-NPDU", "Secure-BVLL",
    ];

    private readonly BacnetSegments _segments;

    public BacnetIpDissector()
        : this(new BacnetSegments())
    {
    }

    /// <summary>For tests that watch the reassembly.</summary>
    internal BacnetIpDissector(BacnetSegments segments) => _segments = segments;

    public ProtocolId Protocol => ProtocolId.BacnetIp;

    // 47808 (0xBAC0) and the fifteen ports after it, which sites use to run several BACnet/IP networks.
    public DissectorBinding Binding { get; } = DissectorBinding.Udp([.. Enumerable.Range(47808, 16).Select(p => (ushort)p)]);

    public int PduLength(ReadOnlySpan<byte> stream) => -1;

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.Length < HeaderLength || pdu[0] != BacnetIpType || pdu[1] > LastFunction)
        {
            return;
        }

        var function = pdu[1];
        var length = BinaryPrimitives.ReadUInt16BigEndian(pdu[2..]);
        if (length < HeaderLength || length > pdu.Length)
        {
            sink.Event(frame, ProtocolId.BacnetIp, DiscoveryEventKind.Malformed,
                $"BVLC length {length} does not fit the {pdu.Length}-byte UDP payload");
            return;
        }

        sink.Pdu(frame, ProtocolId.BacnetIp);
        var message = pdu[HeaderLength..length];
        switch (function)
        {
            case 0x04 when message.Length >= 6:
                // Forwarded-NPDU: the original sender's B/IP address (IPv4 + port) precedes the NPDU.
                BacnetNetworkLayer.Dissect(frame, message[6..], _segments, sink);
                break;
            case 0x09 or 0x0A or 0x0B:
                BacnetNetworkLayer.Dissect(frame, message, _segments, sink);
                break;
            default:
                var kind = function is 0x01 or 0x05 or 0x08 ? OperationKind.Write : OperationKind.Other;
                sink.Operation(frame, ProtocolId.BacnetIp, function, FunctionNames[function], kind, function is not (0x00 or 0x03 or 0x07));
                break;
        }
    }
}

/// <summary>
/// BACnet straight on Ethernet (ASHRAE 135 §7): an 802.2 LLC frame with DSAP 0x82, whose payload is the NPDU.
/// The capture pipeline hands LLC frames over with the DSAP as their EtherType.
/// </summary>
public sealed class BacnetEthernetDissector : IDissector
{
    private const ushort BacnetLlcSap = 0x0082;

    private readonly BacnetSegments _segments = new();

    public ProtocolId Protocol => ProtocolId.Bacnet;

    public DissectorBinding Binding { get; } = DissectorBinding.Ethernet(BacnetLlcSap);

    public int PduLength(ReadOnlySpan<byte> stream) => -1;

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink) =>
        BacnetNetworkLayer.Dissect(frame, pdu, _segments, sink);
}
