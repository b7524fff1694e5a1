using System.Buffers.Binary;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Profinet;

/// <summary>
/// PROFINET context management: connectionless DCE/RPC (C706 §12) on UDP 34964 whose interface is one of the
/// PNIO interfaces. Connect, Release, Read, Write and Control are told apart by operation number. Calls that
/// move to a dynamic port after the connect are not followed: that would need per-conversation state.
/// </summary>
public sealed class ProfinetCmDissector : IDissector
{
    private const ushort RpcPort = 34964;
    private const int HeaderLength = 80;
    private const byte RpcVersion = 4;

    // PNIO interface UUIDs DEA0000X-6C97-11D1-8271-00A02442DF7D: X = 1 device, 2 controller, 3 supervisor,
    // 4 parameter server. The last eight bytes are never byte-swapped.
    private static ReadOnlySpan<byte> PnioUuidTail => [0x82, 0x71, 0x00, 0xA0, 0x24, 0x42, 0xDF, 0x7D];

    private static readonly (string Name, OperationKind Kind)[] Operations =
    [
        ("Connect", OperationKind.Session),
        ("Release", OperationKind.Session),
        ("Read", OperationKind.Read),
        ("Write", OperationKind.Write),
        ("Control", OperationKind.Control),
        ("ReadImplicit", OperationKind.Read),
    ];

    public ProtocolId Protocol => ProtocolId.ProfinetCm;

    public DissectorBinding Binding { get; } = DissectorBinding.Udp(RpcPort);

    public int PduLength(ReadOnlySpan<byte> stream) => -1;

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.Length < HeaderLength || pdu[0] != RpcVersion || pdu[1] > 10)
        {
            return;
        }

        var littleEndian = (pdu[4] & 0xF0) == 0x10;
        var interfaceId = pdu.Slice(24, 16);
        var data1 = littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(interfaceId) : BinaryPrimitives.ReadUInt32BigEndian(interfaceId);
        var data2 = littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(interfaceId[4..]) : BinaryPrimitives.ReadUInt16BigEndian(interfaceId[4..]);
        var data3 = littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(interfaceId[6..]) : BinaryPrimitives.ReadUInt16BigEndian(interfaceId[6..]);
        if (data1 is < 0xDEA00001 or > 0xDEA00004 || data2 != 0x6C97 || data3 != 0x11D1 || !interfaceId[8..].SequenceEqual(PnioUuidTail))
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.ProfinetCm);
        var opnum = littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(pdu[68..]) : BinaryPrimitives.ReadUInt16BigEndian(pdu[68..]);
        var packetType = pdu[1];
        if (packetType is not (0 or 2 or 3) || opnum >= Operations.Length)
        {
            return;
        }

        var (name, kind) = Operations[opnum];
        sink.Operation(frame, ProtocolId.ProfinetCm, opnum, name, packetType == 3 ? OperationKind.Error : kind, packetType == 0);
    }
}
