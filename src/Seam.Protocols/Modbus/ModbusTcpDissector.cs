using System.Buffers.Binary;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Modbus;

/// <summary>
/// Modbus/TCP on port 502: the MBAP header (transaction id, protocol id 0, length, unit id) and one PDU. The end
/// that is port 502 is the server, so a PDU travelling to 502 is a request.
/// </summary>
public sealed class ModbusTcpDissector : IDissector
{
    public const ushort Port = 502;

    /// <summary>MBAP up to and including the unit id.</summary>
    private const int MbapLength = 7;

    /// <summary>
    /// Unit id plus the largest PDU the specification allows (253 bytes). Longer PDUs are still framed and read,
    /// as tshark does: Schneider's UMAS sends length 255 (modicon_test.pcap), but they are reported as malformed.
    /// </summary>
    private const int MaxLengthField = 254;

    public ProtocolId Protocol => ProtocolId.ModbusTcp;

    public DissectorBinding Binding { get; } = DissectorBinding.Tcp(Port);

    public int PduLength(ReadOnlySpan<byte> stream)
    {
        if (stream.Length >= 4 && BinaryPrimitives.ReadUInt16BigEndian(stream[2..]) != 0)
        {
            return -1;
        }

        if (stream.Length < 6)
        {
            return 0;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(stream[4..]);
        return length < 2 ? -1 : 6 + length;
    }

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.Length < MbapLength + 1 || BinaryPrimitives.ReadUInt16BigEndian(pdu[2..]) != 0)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.ModbusTcp);
        var length = BinaryPrimitives.ReadUInt16BigEndian(pdu[4..]);
        if (length is < 2 or > MaxLengthField || 6 + length > pdu.Length)
        {
            sink.Event(frame, ProtocolId.ModbusTcp, DiscoveryEventKind.Malformed,
                $"Modbus/TCP: MBAP length {length} at byte 4 does not fit the {pdu.Length}-byte PDU (expected 2..254 and within the frame)");
        }

        pdu = pdu[..Math.Min(pdu.Length, 6 + length)];

        var isRequest = frame.DestinationPort == Port && frame.SourcePort != Port;
        var function = pdu[MbapLength];
        var body = pdu[(MbapLength + 1)..];
        if ((function & 0x80) != 0)
        {
            var exception = body.IsEmpty ? (byte)0 : body[0];
            sink.Operation(frame, ProtocolId.ModbusTcp, exception, ModbusFunctions.ExceptionName(exception), OperationKind.Error, isRequest);
            return;
        }

        switch (function)
        {
            case ModbusFunctions.Umas:
                ReportUmas(frame, body, isRequest, sink);
                return;
            case ModbusFunctions.EncapsulatedInterface when !body.IsEmpty && body[0] == ModbusFunctions.ReadDeviceIdentification:
                sink.Operation(frame, ProtocolId.ModbusTcp, function, "Read Device Identification", OperationKind.Identify, isRequest);
                if (!isRequest)
                {
                    ReportDeviceIdentification(frame, body, sink);
                }

                return;
            case ModbusFunctions.Diagnostics:
                var controls = isRequest && body.Length >= 2
                    && ModbusFunctions.IsControllingDiagnostic(BinaryPrimitives.ReadUInt16BigEndian(body));
                sink.Operation(frame, ProtocolId.ModbusTcp, function, ModbusFunctions.Name(function),
                    controls ? OperationKind.Control : OperationKind.Diagnostic, isRequest);
                return;
            default:
                sink.Operation(frame, ProtocolId.ModbusTcp, function, ModbusFunctions.Name(function), ModbusFunctions.Kind(function), isRequest);
                return;
        }
    }

    private static void ReportUmas(in FrameInfo frame, ReadOnlySpan<byte> body, bool isRequest, IDissectionSink sink)
    {
        // body = session key, UMAS function, data.
        if (body.Length < 2)
        {
            sink.Operation(frame, ProtocolId.ModbusTcp, ModbusFunctions.Umas, "UMAS", OperationKind.Other, isRequest);
            return;
        }

        var (name, kind) = UmasFunctions.Describe(body[1]);
        sink.Operation(frame, ProtocolId.ModbusTcp, UmasFunctions.Code(body[1]), name, kind, isRequest);
    }

    private static void ReportDeviceIdentification(in FrameInfo frame, ReadOnlySpan<byte> body, IDissectionSink sink)
    {
        var device = DeviceRef.Source(frame);
        var offset = DeviceIdentificationObjects.FirstObjectOffset;
        var count = DeviceIdentificationObjects.Count(body);
        for (var i = 0; i < count && DeviceIdentificationObjects.TryRead(body, ref offset, out var objectId, out var value); i++)
        {
            IdentityField? field = objectId switch
            {
                0x00 => IdentityField.Vendor,
                0x01 => IdentityField.ProductCode,
                0x02 => IdentityField.FirmwareVersion,
                0x04 => IdentityField.Product,
                0x05 => IdentityField.Model,
                _ => null,
            };
            if (field is { } known)
            {
                var text = IdentityText.Decode(value);
                if (text.Length > 0)
                {
                    sink.Identity(frame, ProtocolId.ModbusTcp, device, known, text);
                }
            }
        }
    }
}
