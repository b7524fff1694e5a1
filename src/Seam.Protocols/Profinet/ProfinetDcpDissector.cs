using System.Buffers.Binary;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Profinet;

/// <summary>
/// PROFINET DCP (IEC 61158-6-10 §4.3) in RT frames with FrameID 0xFEFC–0xFEFF: Identify, Get, Set and Hello.
/// Identify and Get responses and Hellos describe their sender; a Set names what it changes on the target.
/// </summary>
public sealed class ProfinetDcpDissector : IDissector
{
    internal const ushort ProfinetEtherType = 0x8892;
    private const int FrameIdLength = 2;
    private const int HeaderLength = 10;
    private const byte ServiceGet = 0x03;
    private const byte ServiceSet = 0x04;
    private const byte ServiceIdentify = 0x05;
    private const byte ServiceHello = 0x06;

    public ProtocolId Protocol => ProtocolId.ProfinetDcp;

    public DissectorBinding Binding { get; } = DissectorBinding.Ethernet(ProfinetEtherType);

    public int PduLength(ReadOnlySpan<byte> stream) => -1;

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.Length < FrameIdLength + HeaderLength || BinaryPrimitives.ReadUInt16BigEndian(pdu) is < 0xFEFC or > 0xFEFF)
        {
            return;
        }

        var header = pdu[FrameIdLength..];
        var service = header[0];
        var isRequest = header[1] == 0;
        if (service is < 0x01 or > ServiceHello)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.ProfinetDcp);
        var dataLength = BinaryPrimitives.ReadUInt16BigEndian(header[8..]);
        var blocks = header[HeaderLength..];
        if (dataLength < blocks.Length)
        {
            blocks = blocks[..dataLength];
        }

        switch (service)
        {
            case ServiceIdentify:
                sink.Operation(frame, ProtocolId.ProfinetDcp, service, "Identify", OperationKind.Identify, isRequest);
                break;
            case ServiceGet:
                sink.Operation(frame, ProtocolId.ProfinetDcp, service, "Get", OperationKind.Read, isRequest);
                break;
            case ServiceHello:
                sink.Operation(frame, ProtocolId.ProfinetDcp, service, "Hello", OperationKind.Identify, isRequest);
                break;
            case ServiceSet when isRequest:
                DcpSetRequest.Report(frame, blocks, sink);
                return;
            case ServiceSet:
                sink.Operation(frame, ProtocolId.ProfinetDcp, service, "Set", OperationKind.Write, false);
                return;
            default:
                sink.Operation(frame, ProtocolId.ProfinetDcp, service, "manufacturer specific", OperationKind.Other, isRequest);
                return;
        }

        // A Hello is sent unasked and carries the same blocks as an Identify response.
        var describesSender = !isRequest || service == ServiceHello;
        if (describesSender)
        {
            DcpDeviceBlocks.Report(frame, blocks, sink);
        }
    }
}

/// <summary>The blocks of an Identify or Get response or a Hello: Option, Suboption, length, BlockInfo, data.</summary>
internal static class DcpDeviceBlocks
{
    public static void Report(in FrameInfo frame, ReadOnlySpan<byte> blocks, IDissectionSink sink)
    {
        var device = DeviceRef.ForMac(frame.SourceMac);
        var offset = 0;
        while (offset + 4 <= blocks.Length)
        {
            var option = blocks[offset];
            var suboption = blocks[offset + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(blocks[(offset + 2)..]);
            var start = offset + 4;
            if (start + length > blocks.Length)
            {
                sink.Event(frame, ProtocolId.ProfinetDcp, DiscoveryEventKind.Malformed,
                    $"DCP block {option}/{suboption} at offset {offset} says {length} bytes, {blocks.Length - start} remain");
                return;
            }

            // BlockInfo (two bytes) comes first in every response block.
            if (length >= 2)
            {
                ReportBlock(frame, option, suboption, blocks.Slice(start, length), sink, device);
            }

            offset = start + length + (length & 1);
        }
    }

    private static void ReportBlock(in FrameInfo frame, byte option, byte suboption, ReadOnlySpan<byte> block, IDissectionSink sink, DeviceRef device)
    {
        var data = block[2..];
        switch ((option, suboption))
        {
            case (0x02, 0x01):
                Report(frame, sink, device, IdentityField.Product, DcpText.Of(data));
                break;
            case (0x02, 0x02):
                Report(frame, sink, device, IdentityField.StationName, DcpText.Of(data));
                break;
            case (0x02, 0x03) when data.Length >= 4:
                Report(frame, sink, device, IdentityField.VendorId, Hex(BinaryPrimitives.ReadUInt16BigEndian(data)));
                Report(frame, sink, device, IdentityField.ProductCode, Hex(BinaryPrimitives.ReadUInt16BigEndian(data[2..])));
                break;
            case (0x02, 0x04) when data.Length >= 1:
                Report(frame, sink, device, IdentityField.DeviceType, RoleNames(data[0]));
                break;
            case (0x01, 0x02) when data.Length >= 4:
                var ip = IpAddr.ReadV4(data);
                if (BinaryPrimitives.ReadUInt32BigEndian(data) != 0)
                {
                    Report(frame, sink, device, IdentityField.IpAddress, ip.ToString());
                }

                break;
        }
    }

    private static void Report(in FrameInfo frame, IDissectionSink sink, DeviceRef device, IdentityField field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            sink.Identity(frame, ProtocolId.ProfinetDcp, device, field, value);
        }
    }

    private static string Hex(ushort value) => $"0x{value:x4}";

    private static string? RoleNames(byte role)
    {
        var names = new List<string>(4);
        if ((role & 0x01) != 0)
        {
            names.Add("IO-Device");
        }

        if ((role & 0x02) != 0)
        {
            names.Add("IO-Controller");
        }

        if ((role & 0x04) != 0)
        {
            names.Add("IO-Multidevice");
        }

        if ((role & 0x08) != 0)
        {
            names.Add("PN-Supervisor");
        }

        return names.Count == 0 ? null : string.Join(", ", names);
    }
}

/// <summary>
/// A Set request's blocks (Option, Suboption, length, BlockQualifier, data): each is reported as a write named
/// for what it changes, because renaming a station or moving its IP address cuts it off from its controller.
/// </summary>
internal static class DcpSetRequest
{
    public static void Report(in FrameInfo frame, ReadOnlySpan<byte> blocks, IDissectionSink sink)
    {
        var reported = false;
        var offset = 0;
        while (offset + 4 <= blocks.Length)
        {
            var option = blocks[offset];
            var suboption = blocks[offset + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(blocks[(offset + 2)..]);
            var (name, kind) = NameOf(option, suboption);
            if (name is not null)
            {
                sink.Operation(frame, ProtocolId.ProfinetDcp, (ushort)((option << 8) | suboption), name, kind, true);
                reported = true;
            }

            offset += 4 + length + (length & 1);
        }

        if (!reported)
        {
            sink.Operation(frame, ProtocolId.ProfinetDcp, 0x04, "Set", OperationKind.Write, true);
        }
    }

    private static (string? Name, OperationKind Kind) NameOf(byte option, byte suboption) => (option, suboption) switch
    {
        (0x01, 0x02) => ("Set IP parameter", OperationKind.Write),
        (0x01, 0x03) => ("Set full IP suite", OperationKind.Write),
        (0x02, 0x02) => ("Set NameOfStation", OperationKind.Write),
        (0x02, 0x06) => ("Set alias name", OperationKind.Write),
        (0x03, _) => ("Set DHCP parameter", OperationKind.Write),
        (0x05, 0x03) => ("Signal (flash LED)", OperationKind.Diagnostic),
        (0x05, 0x05) => ("Reset factory settings", OperationKind.Control),
        (0x05, 0x06) => ("Reset to factory", OperationKind.Control),
        _ => (null, OperationKind.Other),
    };
}

/// <summary>DCP strings are octet strings of visible ASCII, not terminated; some stacks pad them with zeros.</summary>
internal static class DcpText
{
    public static string? Of(ReadOnlySpan<byte> data)
    {
        var end = data.IndexOf((byte)0);
        var text = end < 0 ? data : data[..end];
        foreach (var b in text)
        {
            if (b is < 0x20 or > 0x7E)
            {
                return null;
            }
        }

        return text.IsEmpty ? null : System.Text.Encoding.ASCII.GetString(text);
    }
}
