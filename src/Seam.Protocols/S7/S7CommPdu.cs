using System.Buffers.Binary;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.S7;

/// <summary>
/// One S7comm PDU (after COTP): header <c>32 rosctr reserved(2) pdu-ref(2) param-len(2) data-len(2)</c>, plus
/// error class and code for Ack and Ack_Data; then parameters and data.
/// </summary>
internal static class S7CommPdu
{
    private const byte Job = 0x01;
    private const byte Ack = 0x02;
    private const byte AckData = 0x03;
    private const byte Userdata = 0x07;

    private const byte UserdataRequest = 0x11;

    public static void Report(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.Length < 10)
        {
            return;
        }

        var rosctr = pdu[1];
        var headerLength = rosctr is Ack or AckData ? 12 : 10;
        if (rosctr is not (Job or Ack or AckData or Userdata) || pdu.Length < headerLength)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.S7Comm);
        var parameterLength = BinaryPrimitives.ReadUInt16BigEndian(pdu[6..]);
        var dataLength = BinaryPrimitives.ReadUInt16BigEndian(pdu[8..]);
        if (headerLength + parameterLength + dataLength > pdu.Length)
        {
            sink.Event(frame, ProtocolId.S7Comm, DiscoveryEventKind.Malformed,
                $"S7comm: parameter length {parameterLength} and data length {dataLength} at bytes 6–9 run past the {pdu.Length}-byte PDU");
            return;
        }

        var parameters = pdu.Slice(headerLength, parameterLength);
        var data = pdu.Slice(headerLength + parameterLength, dataLength);
        var failed = headerLength == 12 && (pdu[10] != 0 || pdu[11] != 0);
        switch (rosctr)
        {
            case Job or AckData when !parameters.IsEmpty:
                var (name, kind) = S7Functions.Job(parameters[0]);
                sink.Operation(frame, ProtocolId.S7Comm, parameters[0], name, failed ? OperationKind.Error : kind, isRequest: rosctr == Job);
                break;
            case Ack when failed:
                sink.Operation(frame, ProtocolId.S7Comm, 0, "Ack", OperationKind.Error, isRequest: false);
                break;
            case Userdata:
                ReportUserdata(frame, parameters, data, sink);
                break;
        }
    }

    /// <summary>
    /// Userdata parameters: <c>00 01 12 len method type|group subfunction sequence</c>, responses adding data
    /// unit reference, last-unit flag and an error code. Data: return code, transport size, length, payload.
    /// </summary>
    private static void ReportUserdata(in FrameInfo frame, ReadOnlySpan<byte> parameters, ReadOnlySpan<byte> data, IDissectionSink sink)
    {
        if (parameters.Length < 8)
        {
            return;
        }

        var isRequest = parameters[4] == UserdataRequest;
        var group = (byte)(parameters[5] & 0x0F);
        var subfunction = parameters[6];
        var failed = !isRequest && parameters.Length >= 12 && BinaryPrimitives.ReadUInt16BigEndian(parameters[10..]) != 0;
        var (name, kind) = S7Functions.Userdata(group, subfunction);
        sink.Operation(frame, ProtocolId.S7Comm, S7Functions.UserdataCode(group, subfunction), name,
            failed ? OperationKind.Error : kind, isRequest);

        const byte success = 0xFF;
        if (!isRequest && !failed && group == S7Functions.CpuFunctionsGroup && subfunction == S7Functions.ReadSzl
            && data.Length > 4 && data[0] == success)
        {
            SzlIdentity.Report(frame, data[4..], sink);
        }
    }
}
