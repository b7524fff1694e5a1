using System.Buffers.Binary;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Profinet;

/// <summary>
/// PROFINET real-time frames (EtherType 0x8892), counted as tshark counts pn_rt: every frame of the EtherType,
/// DCP included, since DCP travels in RT frames. Cyclic data is not reported further (it is most of the
/// traffic and says nothing about identity); alarms are, as diagnostics.
/// </summary>
public sealed class ProfinetRtDissector : IDissector
{
    private const ushort AlarmHigh = 0xFC01;
    private const ushort AlarmLow = 0xFE01;

    public ProtocolId Protocol => ProtocolId.ProfinetRt;

    public DissectorBinding Binding { get; } = DissectorBinding.Ethernet(ProfinetDcpDissector.ProfinetEtherType);

    public int PduLength(ReadOnlySpan<byte> stream) => -1;

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.Length < 2)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.ProfinetRt);
        var frameId = BinaryPrimitives.ReadUInt16BigEndian(pdu);
        if (frameId is AlarmHigh or AlarmLow)
        {
            sink.Operation(frame, ProtocolId.ProfinetRt, frameId, frameId == AlarmHigh ? "Alarm high" : "Alarm low",
                OperationKind.Diagnostic, false);
        }
    }
}
